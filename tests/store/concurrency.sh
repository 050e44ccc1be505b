#!/bin/sh
# Two programs on one progress file at once, as on a real desk: the app
# writing answers and `rianru sync` from cron marking statements
# delivered, plus a read-only report. For SECONDS (3) each: no lost
# writes, no "database is locked" (or any other) error returned.
set -u
B=${RIANRU_BUILD:-build/default}
D=$B/tests/store/driver
S=${CONCURRENCY_SECONDS:-3}
pass=0 fail=0
if [ ! -x "$D" ]; then
	echo "concurrency: $D is not built (make check builds it)"
	echo "concurrency: 0 passed, 1 failed"
	exit 1
fi
T=$(mktemp -d /tmp/rianru-conc.XXXXXX) || exit 1
trap 'rm -rf "$T"' EXIT
check() {	# NAME CONDITION...
	name=$1; shift
	if "$@"; then pass=$((pass + 1)); else
		echo "concurrency: FAIL $name"; fail=$((fail + 1)); fi
}

"$D" init "$T/p.db" || exit 1
"$D" writer "$T/p.db" "$S" >"$T/w.out" 2>"$T/w.err" & w=$!
"$D" syncer "$T/p.db" "$S" >"$T/s.out" 2>"$T/s.err" & s=$!
"$D" reader "$T/p.db" "$S" >"$T/r.out" 2>"$T/r.err" & r=$!
wait $w; wrc=$?
wait $s; src=$?
wait $r; rrc=$?
cat "$T/w.err" "$T/s.err" "$T/r.err"
check "writer exit status" [ $wrc -eq 0 ]
check "syncer exit status" [ $src -eq 0 ]
check "reader exit status" [ $rrc -eq 0 ]
check "no locked errors" sh -c "! grep -qi 'locked\|busy' '$T/w.err' '$T/s.err' '$T/r.err'"

acked=$(sed -n 's/^acked //p' "$T/w.out")
marked=$(sed -n 's/^delivered //p' "$T/s.out")
reads=$(sed -n 's/^reads //p' "$T/r.out")
tally=$("$D" tally "$T/p.db")
set -- $tally	# answers A statements S pending P delivered D consistent C
echo "concurrency: writer acked ${acked:-?}, syncer delivered ${marked:-?}, reader ${reads:-?} reads; $tally"
check "writer made progress" [ "${acked:-0}" -gt 0 ]
check "syncer made progress" [ "${marked:-0}" -gt 0 ]
check "every acknowledged answer stored" [ "$2" = "${acked:-x}" ]
check "every delivery recorded" [ "$8" = "${marked:-x}" ]
check "statements = pending + delivered" [ "$4" -eq $(($6 + $8)) ]
check "events and statements consistent" [ "${10}" = 1 ]
echo "concurrency: $pass passed, $fail failed"
[ $fail -eq 0 ]
