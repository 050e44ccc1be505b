#!/bin/sh
# A hostile or broken LRS against the real client: an error body full of
# terminal escapes (OSC 52 writes the clipboard) is kept and printed
# escaped by sync, sync --status and outbox list; a server that answers
# one byte a second cannot hold `sync --max-time` past its end; a key is
# never sent over plain http:// unless the configuration says so, and an
# endpoint holding credentials is refused without repeating them.
. "$(dirname "$0")/lib.sh"
lrs_setup
lrs_start
proxy_start

DB=$TMP/p.db
CFG=$TMP/config.yaml
"$SESSION" learn "$DB" "$COURSE" 2 || give_up "$name: session failed"
write_config "$CFG" "$PROXY_URL" 20 2

# ESC ] 52 ; c ; base64 BEL, and a C1 CSI, in the LRS's answer
node "$LRSD/lrsctl.js" faults "http://127.0.0.1:$PROXY_PORT" '[
  {"kind":"status","code":503,"retryAfter":30,
   "body":"\u001b]52;c;cHduZWQ=\u0007 \u009b31m red \u202e"}
]' >/dev/null || give_up "$name: cannot reach the proxy"
run_rianru --config "$CFG" --db "$DB" sync --max-time 3
check "an escaping LRS: offline (exit 4)" expect_rc 4
check "sync prints no escape byte" sh -c "! LC_ALL=C grep -q \
    \"$(printf '[\033\007]')\" '$TMP/err'"
check "sync prints no C1 control" sh -c "! grep -q \
    \"$(printf '\302\233')\" '$TMP/err'"
check "sync shows the escape escaped" err_has '\x1B]52;c;cHduZWQ=\x07'
run_rianru --config "$CFG" --db "$DB" sync --status
check "sync --status shows it escaped" out_has '\x1B]52;c;'
check "sync --status prints no escape byte" sh -c "! LC_ALL=C grep -q \
    \"$(printf '[\033\007]')\" '$TMP/out'"
run_rianru --config "$CFG" --db "$DB" outbox list
check "outbox list shows it escaped" out_has '\x1B]52;c;'
check "outbox list prints no escape byte" sh -c "! LC_ALL=C grep -q \
    \"$(printf '[\033\007]')\" '$TMP/out'"
check "the progress file keeps it escaped" sh -c "! LC_ALL=C sqlite3 '$DB' \
    'SELECT last_error FROM outbox' | LC_ALL=C grep -q \"$(printf '\033')\""

# One byte a second, for ever: the run ends at --max-time, not at the
# configured timeout of 60 s.
DB2=$TMP/slow.db
"$SESSION" learn "$DB2" "$COURSE" 2 || give_up "$name: session failed"
write_config "$TMP/slow.yaml" "$PROXY_URL" 20 60
node "$LRSD/lrsctl.js" faults "http://127.0.0.1:$PROXY_PORT" '[
  {"kind":"trickle","code":200}
]' >/dev/null
start=$(date +%s)
run_rianru --config "$TMP/slow.yaml" --db "$DB2" sync --max-time 4
took=$(($(date +%s) - start))
echo "# a trickling server held sync --max-time 4 for $took s"
check "a trickling LRS: offline (exit 4)" expect_rc 4
check "a trickling LRS: the run ends by --max-time (took $took s)" \
    [ "$took" -le 6 ]
check "a trickling LRS: the statements stay pending" \
    [ "$(count_state "$DB2" pending)" -gt 0 ]

# Plain http:// with a key: refused unless allowed.
printf 'lrs:\n  endpoint: %s\n  key: %s\n' "$LRS_URL" "$KEY" >"$TMP/plain.yaml"
run_rianru --config "$TMP/plain.yaml" --db "$DB" sync
check "http:// with a key: refused (exit 1)" expect_rc 1
check "http:// with a key: says why" err_has \
    "'endpoint' is plain http://: the key and secret would cross the network unencrypted"
run_rianru --config "$CFG" --db "$DB" sync --status
check "sync --status shows the TLS state" out_has \
    "tls:          none: plain http:// with the key (allow-plain-http: true)"
printf 'lrs:\n  endpoint: https://127.0.0.1:9/xAPI/\n  key: k\n  verify-tls: false\n' \
    >"$TMP/noverify.yaml"
run_rianru --config "$TMP/noverify.yaml" --db "$DB" sync --status
check "verify-tls: false is said on every run" err_has \
    "warning: 'verify-tls: false': the LRS's certificate is not checked"
check "and in sync --status" out_has "tls:          NOT VERIFIED"

# Credentials in the endpoint: refused, and never printed.
printf 'lrs:\n  endpoint: http://%s:hunter2-%s@127.0.0.1:%s/xAPI/\n  allow-plain-http: true\n' \
    "$KEY" "$$" "$LRS_PORT" >"$TMP/userinfo.yaml"
run_rianru --config "$TMP/userinfo.yaml" --db "$DB" sync
check "credentials in the endpoint: refused (exit 1)" expect_rc 1
check "credentials in the endpoint: says why" err_has \
    "'endpoint' must not hold credentials"
check "credentials in the endpoint: never printed" sh -c "! grep -q \
    hunter2 '$TMP/err' '$TMP/out'"

lrs_done
