#!/bin/sh
# Delivery through a fault-injecting proxy of our own (tests/lrs/proxy.js)
# in front of the real LRS: connections reset before and in the middle of
# the answer (after the LRS stored the batch), 500s, 429 with Retry-After,
# answers slower than the timeout, and the LRS stopped and restarted in the
# middle of a run. After the faults clear, every statement is at the LRS
# exactly once, with its body, and the outbox has nothing pending.
. "$(dirname "$0")/lib.sh"
lrs_setup
lrs_start

# One fault after another, each followed by a good request.
DB=$TMP/p.db
CFG=$TMP/config.yaml
"$SESSION" learn "$DB" "$COURSE" 12 || give_up "$name: session failed"
n=$(count_state "$DB" pending)
proxy_start
write_config "$CFG" "$PROXY_URL" 20 2
node "$LRSD/lrsctl.js" faults "http://127.0.0.1:$PROXY_PORT" '[
  {"kind":"reset-after"}, {"kind":"pass"},
  {"kind":"status","code":500}, {"kind":"pass"},
  {"kind":"status","code":429,"retryAfter":2}, {"kind":"pass"},
  {"kind":"slow","ms":3000}, {"kind":"pass"},
  {"kind":"reset-before"}, {"kind":"pass"},
  {"kind":"status","code":503}
]' >/dev/null || give_up "$name: cannot reach the proxy"
start=$(date +%s)
run_rianru --config "$CFG" --db "$DB" sync --max-time 60
took=$(($(date +%s) - start))
echo "# $n statements through 6 faults in $took s"
check "through every fault: exit 0" expect_rc 0
check "through every fault: nothing pending" \
    [ "$(count_state "$DB" pending)" -eq 0 ]
check "through every fault: every statement at the LRS exactly once" \
    lrs_same "$DB"
log=$TMP/proxy/log
check "a batch was cut off after the LRS stored it" \
    grep -q 'POST /xAPI/statements [0-9]* [0-9a-f]* 200-reset-after' "$log"
check "a batch was answered 500, then 429, then 503" \
    sh -c "grep -q 'fault-500' '$log' && grep -q 'fault-429' '$log' &&
    grep -q 'fault-503' '$log'"
check "a batch was answered after the timeout" grep -q '200-slow' "$log"
check "a connection was reset before the request reached the LRS" \
    grep -q 'reset-before' "$log"
# log: n ms method path count sha1 outcome, written when the outcome is
# known: in arrival order once sorted by n
sort -n -k 1,1 "$log" >"$TMP/sorted.log"
gap=$(awk '$7 == "fault-429" { t = $2; next } t { print $2 - t; exit }' \
    "$TMP/sorted.log")
check "Retry-After: 2 was honoured (next request after $gap ms)" \
    [ "${gap:-0}" -ge 2000 ]
posts=$(grep -c 'POST /xAPI/statements' "$log")
check "the retries were bounded ($posts POSTs for $(((n + 19) / 20)) batches)" \
    [ "$posts" -le $(((n + 19) / 20 + 6)) ]
# after each fault on a POST, the next POST carries the very same bytes
check "every retry resent the same bytes" sh -c "awk '
    \$3 != \"POST\" { next }
    want != \"\" { if (\$6 != want) bad = 1; want = \"\" }
    \$7 !~ /^200\$/ { want = \$6 }
    END { exit bad }' '$TMP/sorted.log'"

# Busy for longer than the run may last: offline (4), all kept.
DB2=$TMP/busy.db
"$SESSION" learn "$DB2" "$COURSE" 2 || give_up "$name: session failed"
node "$LRSD/lrsctl.js" faults "http://127.0.0.1:$PROXY_PORT" '[
  {"kind":"status","code":503,"retryAfter":30}
]' >/dev/null
start=$(date +%s)
run_rianru --config "$CFG" --db "$DB2" sync --max-time 5
check "a Retry-After beyond --max-time ends the run: exit 4" expect_rc 4
check "and without waiting for it" [ $(($(date +%s) - start)) -le 4 ]
check "and says why" err_has "HTTP 503"
run_rianru --config "$CFG" --db "$DB2" sync --status
check "--status shows the next try" out_has "next try:"
run_rianru --config "$CFG" --db "$DB2" sync
check "the next run delivers them (exit 0)" expect_rc 0
check "once each" lrs_has "$DB2"

# The LRS stopped and restarted in the middle of a run.
DB3=$TMP/restart.db
"$SESSION" learn "$DB3" "$COURSE" 20 || give_up "$name: session failed"
n3=$(count_state "$DB3" pending)
kill "$PROXY_PID" 2>/dev/null
wait "$PROXY_PID" 2>/dev/null
mv "$TMP/proxy/log" "$TMP/proxy-first.log"
rm -f "$TMP/proxy/port"
proxy_start 150
write_config "$CFG" "$PROXY_URL" 20 3
RIANRU_LRS_SECRET=$SECRET "$RIANRU" --config "$CFG" --db "$DB3" sync \
    --max-time 60 >"$TMP/out" 2>"$TMP/err" &
sync_pid=$!
PIDS="$PIDS $sync_pid"
i=0
while [ $i -lt 100 ] &&
    [ "$(grep -c ' POST .* 200$' "$TMP/proxy/log")" -lt 3 ]; do
	sleep 0.1
	i=$((i + 1))
done
lrs_stop
stopped_at=$(grep -c 'POST' "$TMP/proxy/log")
sleep 2
lrs_start
wait "$sync_pid"
RC=$?
check "LRS restarted mid-run: exit 0" expect_rc 0
check "the run was cut while the LRS was down" \
    grep -q 'upstream-down' "$TMP/proxy/log"
check "it had delivered some before the stop ($stopped_at requests)" \
    [ "$stopped_at" -lt $(((n3 + 19) / 20)) ]
check "LRS restarted: nothing pending" \
    [ "$(count_state "$DB3" pending)" -eq 0 ]
check "LRS restarted: every statement there exactly once" lrs_has "$DB3"
check "LRS restarted: and nothing else" \
    [ "$(lrs_count)" -eq $((n + $(count_state "$DB2" delivered) + n3)) ]
check "no sanitizer report" \
    sh -c "! grep -q 'Sanitizer\|runtime error:' '$TMP/err'"

# The proxy from the environment (http_proxy), as libcurl reads it.
DB4=$TMP/viaproxy.db
"$SESSION" learn "$DB4" "$COURSE" 1 || give_up "$name: session failed"
write_config "$CFG" "$LRS_URL" 50 5
: >"$TMP/proxy/log"
env -u no_proxy -u NO_PROXY http_proxy="http://127.0.0.1:$PROXY_PORT" \
    RIANRU_LRS_SECRET="$SECRET" "$RIANRU" --config "$CFG" --db "$DB4" sync \
    >"$TMP/out" 2>"$TMP/err"
RC=$?
check "with http_proxy set: exit 0" expect_rc 0
check "the requests went through the proxy" \
    grep -q "POST http://127.0.0.1:$LRS_PORT/xAPI/statements" \
    "$TMP/proxy/log"
check "and arrived once" lrs_has "$DB4"
lrs_done
