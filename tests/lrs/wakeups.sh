#!/bin/sh
# The app's background sender sleeps on the network's sockets: while the
# LRS holds a POST (the fault proxy answers it 4 s late) the app's loop
# wakes only for what happens (keys, the answer), not on a 50 ms poll;
# keys are answered while the request is held; the statements arrive
# once. The loop's turns are counted with the test hook RIANRU_TEST_TURNS.
. "$(dirname "$0")/lib.sh"
lrs_setup
lrs_start
proxy_start
APP_ENV="RIANRU_TEST_TURNS=$TMP/turns" app_start "$PROXY_URL" 30 3002 \
    "ลำดวน รอส่ง"

check "home shows the officer" see "สวัสดี ลำดวน รอส่ง"
# the next POST is held: forwarded to the LRS, answered 4 s later
curl -s -X POST -d '[{"kind":"slow","ms":4000}]' \
    "http://127.0.0.1:$PROXY_PORT/__faults" >/dev/null
$T send-keys Enter Enter
check "a lesson page is open" see "1/3"

# arrived: the proxy logs a POST when it answers, so it is not there yet
posted() {
	n=100
	while [ $n -gt 0 ]; do
		[ "$(curl -s "http://127.0.0.1:$PROXY_PORT/__faults")" = \
		    '{"queued":0}' ] && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}
check "the sender's POST reached the proxy, which holds it" posted
$T send-keys Right
check "a key is answered while the LRS holds the request" see "2/3" 20
check "... and the request is still held" \
    sh -c "! grep -q ' POST ' '$TMP/proxy/log'"
$T send-keys q q
check "the held answer comes; home says the results were sent" \
    see "ส่งล่าสุด" 200
check "nothing is pending" [ "$(count_state "$DB" pending)" -eq 0 ]
check "every statement at the LRS exactly once" lrs_same "$DB"
$T send-keys q
check "the app quits cleanly" see "[exit 0]"
sending=$(awk '$1 == "sending" { print $2 }' "$TMP/turns" 2>/dev/null)
echo "# loop turns: $(tr '\n' ' ' <"$TMP/turns" 2>/dev/null)"
# a 50 ms poll turns 80 times in 4 s; the sockets: a few, plus the keys
check "the loop slept through the held request (turns while sending: ${sending:-none}, at most 30)" \
    [ "${sending:-999}" -le 30 ]
check "no sanitizer report" sh -c "! grep -q 'Sanitizer\|runtime error' '$TMP/app.err'"
lrs_done
