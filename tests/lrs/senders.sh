#!/bin/sh
# Two senders on one progress file at the same time (two `rianru sync`
# runs, as the app and a cron job would be) against the real LRS, through
# our proxy with some latency so that they overlap: each batch is claimed
# in the progress file by one of them, so every statement is POSTed once
# (counted in the proxy's log), both senders take part, and the LRS holds
# each statement once. A run that finds the rest claimed waits for the
# other sender and still ends with nothing pending.
#   tests/lrs/senders.sh   (RIANRU_BUILD=build/san RIANRU=... for ASan)
. "$(dirname "$0")/lib.sh"
lrs_setup
lrs_start
proxy_start 150
DB=$TMP/p.db
CFG=$TMP/config.yaml
"$SESSION" learn "$DB" "$COURSE" 4 || give_up "$name: session failed"
n=$(count_state "$DB" pending)
write_config "$CFG" "$PROXY_URL" 4 10

sender() {
	RIANRU_LRS_SECRET=$SECRET "$RIANRU" --config "$CFG" --db "$DB" \
	    sync --max-time 120 >"$TMP/out$1" 2>"$TMP/err$1"
	echo $? >"$TMP/rc$1"
}
sender 1 &
p1=$!
sender 2 &
p2=$!
wait $p1 $p2
for i in 1 2; do
	check "sender $i exits 0 (nothing pending at its end)" \
	    [ "$(cat "$TMP/rc$i")" -eq 0 ]
	check "sender $i ran clean" \
	    sh -c "! grep -q 'Sanitizer\|runtime error' '$TMP/err$i'"
done
s1=$(sed -n 's/^delivered \([0-9]*\) statements$/\1/p' "$TMP/out1")
s2=$(sed -n 's/^delivered \([0-9]*\) statements$/\1/p' "$TMP/out2")
echo "# $n statements: sender 1 sent ${s1:-?}, sender 2 sent ${s2:-?}"
check "both senders took part" [ "${s1:-0}" -gt 0 ] && [ "${s2:-0}" -gt 0 ]
check "between them they sent each statement once" \
    [ $((${s1:-0} + ${s2:-0})) -eq "$n" ]
posted=$(awk '$3 == "POST" { s += $5 } END { print s + 0 }' \
    "$TMP/proxy/log")
check "the LRS was sent $posted statements for $n" [ "$posted" -eq "$n" ]
check "nothing pending" [ "$(count_state "$DB" pending)" -eq 0 ]
check "the LRS holds each statement once" lrs_same "$DB"
lrs_done
