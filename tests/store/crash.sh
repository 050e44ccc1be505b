#!/bin/sh
# Crash test of the progress store: a driver records quiz attempts and
# answers and is killed with SIGKILL at random moments, CRASH_RUNS (100)
# times. The driver prints an answer only after the store call returned
# (acknowledged). After every kill the store is reopened and must pass
# PRAGMA integrity_check, hold every acknowledged answer and finish, and
# have exactly one outbox statement per recorded event and no statement
# without its event.
set -u
B=${RIANRU_BUILD:-build/default}
D=$B/tests/store/driver
N=${CRASH_RUNS:-100}
if [ ! -x "$D" ]; then
	echo "crash: $D is not built (make check builds it)"
	echo "crash: 0 passed, 1 failed"
	exit 1
fi
T=$(mktemp -d /tmp/rianru-crash.XXXXXX) || exit 1
trap 'rm -rf "$T"' EXIT
: >"$T/acks"
pass=0 fail=0 i=0
while [ $i -lt $N ]; do
	i=$((i + 1))
	"$D" crash "$T/p.db" >>"$T/acks" 2>"$T/err" &
	pid=$!
	# 5..204 ms: some kills land while opening, most amid commits.
	ms=$(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 200 + 5 ))
	sleep "$(printf '0.%03d' "$ms")"
	kill -KILL "$pid" 2>/dev/null
	{ wait "$pid"; } 2>/dev/null
	rc=$?
	if [ $rc -ne 137 ]; then
		echo "crash: run $i: driver stopped by itself (status $rc):"
		cat "$T/err"
		fail=$((fail + 1))
		continue
	fi
	if out=$("$D" verify "$T/p.db" "$T/acks" 2>&1); then
		pass=$((pass + 1))
	else
		echo "crash: run $i (killed after ${ms} ms): $out"
		fail=$((fail + 1))
	fi
done
echo "crash: last check: $out"
echo "crash: $pass passed, $fail failed"
[ $fail -eq 0 ]
