#!/bin/sh
# A hostile or broken LRS against the real client: an error body full of
# terminal escapes (OSC 52 writes the clipboard) is kept and printed
# escaped by sync, sync --status and outbox list.
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

lrs_done
