#!/bin/sh
# Pipelined sending (docs/sync.md, "Pipelining") against the real LRS,
# through the fault proxy: the next POST leaves before the last batch is
# marked delivered, so the failures between the two must still give
# exactly once at the LRS:
# - the sender killed (SIGKILL) while a batch the LRS has stored is
#   unanswered and the batch before it is being marked: the next run
#   sends the unmarked statements again, the LRS keeps one copy;
# - marking fails (another program holds the progress file's lock past
#   every retry) while the next POST is in flight: the run backs off and
#   sends both batches again, the same bytes, and ends with nothing pending.
#   tests/lrs/pipeline.sh   (RIANRU_BUILD=build/san RIANRU=... for ASan)
. "$(dirname "$0")/lib.sh"
command -v faketime >/dev/null 2>&1 ||
    give_up "$name: faketime is not installed (make deps)"
command -v sqlite3 >/dev/null 2>&1 ||
    give_up "$name: sqlite3 is not installed (make deps)"
# faketime preloads itself: ASan must not insist on coming first
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS
lrs_setup
lrs_start
proxy_start 100
CFG=$TMP/config.yaml
write_config "$CFG" "$PROXY_URL" 20 10
log=$TMP/proxy/log

# posts_ok N: wait up to 30 s until N POSTs were answered 200
posts_ok() {
	i=0
	while [ $i -lt 300 ]; do
		[ "$(grep -c ' POST .* 200$' "$log")" -ge "$1" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# resent: how many POST bodies the proxy saw more than once
resent() {
	awk '$3 == "POST" { n[$6]++ } END { for (h in n) if (n[h] > 1) r++;
	    print r + 0 }' "$log"
}

# --- killed between a stored batch and its marking ---
DB=$TMP/kill.db
"$SESSION" learn "$DB" "$COURSE" 12 || give_up "$name: session failed"
n=$(count_state "$DB" pending)
node "$LRSD/lrsctl.js" faults "http://127.0.0.1:$PROXY_PORT" '[
  {"kind":"pass"}, {"kind":"pass"}, {"kind":"slow","ms":4000}
]' >/dev/null || give_up "$name: cannot reach the proxy"
RIANRU_LRS_SECRET=$SECRET "$RIANRU" --config "$CFG" --db "$DB" sync \
    --max-time 60 >"$TMP/out" 2>"$TMP/err" &
pid=$!
PIDS="$PIDS $pid"
posts_ok 2 || give_up "$name: the first batches did not go"
sleep 1		# the third is at the LRS, its answer held back
kill -9 "$pid"
wait "$pid" 2>/dev/null
check "killed mid-run: some delivered, some not" \
    sh -c "[ $(count_state "$DB" delivered) -gt 0 ] &&
    [ $(count_state "$DB" pending) -gt 0 ]"
check "... what it marked is at the LRS" lrs_has "$DB"
# the dead sender's claims run out (2 minutes): the next run is later
RIANRU_LRS_SECRET=$SECRET faketime -f +10m "$RIANRU" --config "$CFG" \
    --db "$DB" sync --max-time 60 >"$TMP/out" 2>"$TMP/err"
RC=$?
check "the next run: exit 0" expect_rc 0
check "... nothing pending" [ "$(count_state "$DB" pending)" -eq 0 ]
# the proxy logs the held POST only when it answers it (4 s after it
# came), which may be after the next run has ended: wait for that line
i=0
while [ $i -lt 100 ] && ! grep -q ' POST .* 200-slow$' "$log"; do
	sleep 0.1
	i=$((i + 1))
done
check "... the stored but unmarked batch was sent again ($(resent) bodies twice)" \
    [ "$(resent)" -ge 1 ]
check "... every statement at the LRS exactly once, with its body" \
    lrs_same "$DB"
check "... and nothing else ($n)" [ "$(lrs_count)" -eq "$n" ]

# --- marking fails with the next POST in flight ---
DB2=$TMP/lock.db
"$SESSION" learn "$DB2" "$COURSE" 12 || give_up "$name: session failed"
n2=$(count_state "$DB2" pending)
: >"$log"
RIANRU_LRS_SECRET=$SECRET "$RIANRU" --config "$CFG" --db "$DB2" sync \
    --max-time 120 >"$TMP/out" 2>"$TMP/err" &
pid=$!
PIDS="$PIDS $pid"
posts_ok 2 || give_up "$name: the first batches did not go"
# hold the write lock past the store's retries (4 x 5 s)
(echo "BEGIN IMMEDIATE;"; sleep 22; echo "COMMIT;") | sqlite3 "$DB2" &
lock=$!
PIDS="$PIDS $lock"
wait "$lock"
wait "$pid"
RC=$?
check "a marking failed mid-run: the run still ends with exit 0" expect_rc 0
check "... nothing pending" [ "$(count_state "$DB2" pending)" -eq 0 ]
check "... accepted batches were sent again ($(resent) bodies twice)" \
    [ "$(resent)" -ge 1 ]
check "... every statement at the LRS exactly once, with its body" \
    lrs_has "$DB2"
check "... and nothing else" [ "$(lrs_count)" -eq $((n + n2)) ]
check "no sanitizer report" \
    sh -c "! grep -q 'Sanitizer\|runtime error:' '$TMP/err'"
lrs_done
