# Helpers for the learner-journey tests (journey.sh, resume.sh,
# quiz_timer.sh), on top of lib.sh. Sourced after lib.sh; tests/run.sh
# skips lib-*.sh.
#
# The course under test is tests/data/e2e/catalog/e2e-journey: its quizzes
# keep the authored order (no 'shuffle'), except the matching right-hand
# items and the ordering items, which rianru always shuffles: the tests
# read those positions off the screen.

E2E_CAT="$E2E_TMP/catalog"
E2E_DB="$E2E_TMP/progress.db"
cp -R tests/data/e2e/catalog "$E2E_CAT"

# Milliseconds since the epoch (GNU date).
now_ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

# Run one SQL query on the progress file; rows as "a|b|c".
db_query() {
	if command -v sqlite3 >/dev/null 2>&1; then
		sqlite3 "$E2E_DB" "$1"
	else
		python3 -c 'import sqlite3, sys
for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in r))' "$E2E_DB" "$1"
	fi
}

# Wait (up to 10 s, or E2E_WAIT tenths) until a line of the screen
# matches the extended regular expression $1.
wait_re() {
	n=${E2E_WAIT:-100}
	while [ $n -gt 0 ]; do
		e2e_screen | grep -qE -- "$1" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	echo "--- expected a line matching: $1" >&2
	e2e_screen >&2
	return 1
}

# Both layout checks of STYLE 2.8 on the current screen, named after $1.
screen_ok() {
	e2e_check "$1: fits the pane" screen_fits
	e2e_check "$1: no line starts with a following vowel or mark" \
	    screen_no_orphans
}

# The process id of the rianru running in the pane (the pane's shell
# execs env, which execs rianru: the pane's child). Empty when gone.
rianru_pid() {
	pgrep -P "$($T display -p '#{pane_pid}')" 2>/dev/null | head -n 1
}

# SIGKILL this test's rianru (by its pid only) and wait until it is gone.
kill_rianru() {
	pid=$(rianru_pid)
	[ -n "$pid" ] || return 1
	kill -KILL "$pid" || return 1
	n=100
	while kill -0 "$pid" 2>/dev/null && [ $n -gt 0 ]; do
		sleep 0.1
		n=$((n - 1))
	done
	! kill -0 "$pid" 2>/dev/null
}

# Start rianru again with "$@", as e2e_start does, once the previous
# tmux server process is really gone: e2e_start's kill-server returns
# before the server has exited, and a new session on the socket of a
# server still shutting down fails ("server exited unexpectedly").
e2e_restart() {
	spid=$($T display -p '#{pid}' 2>/dev/null)
	$T kill-server 2>/dev/null
	n=100
	while [ -n "$spid" ] && kill -0 "$spid" 2>/dev/null && [ $n -gt 0 ]; do
		sleep 0.05
		n=$((n - 1))
	done
	e2e_start "$@"
}

# The number N of a numbered list row "N. TEXT" on the screen (matching:
# the right-hand items; ordering: the current row of an item). Only rows
# that start with the number count, not the "left → N. right" rows.
row_number() {
	e2e_screen | python3 -c '
import re, sys
want = sys.argv[1]
for l in sys.stdin.read().split("\n"):
    m = re.match(r"^ +([0-9]+)\. (?:⇅ )?(.*?) *$", l)
    if m and m.group(2) == want:
        print(m.group(1))
        break' "$1"
}

# Every "left → right" row of a matching question has its arrow in the
# same terminal cell (Thai marks take no cell).
arrows_aligned() {
	e2e_screen | python3 -c '
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) or
               unicodedata.category(c) in ("Mn", "Me", "Cf") else 1
               for c in s)
cols = {width(l[:l.index(" → ")]) for l in sys.stdin.read().split("\n")
        if " → " in l}
if len(cols) != 1:
    print("arrow columns:", sorted(cols), file=sys.stderr)
sys.exit(0 if len(cols) == 1 else 1)'
}

# Put the ordering question's items in the order given: for each
# position, find the item's row on the screen and move it up with K.
order_items() {
	pos=1
	for item in "$@"; do
		r=$(row_number "$item")
		[ -n "$r" ] || return 1
		keys g
		i=1
		while [ $i -lt "$r" ]; do keys j; i=$((i + 1)); done
		while [ "$r" -gt "$pos" ]; do keys K; r=$((r - 1)); done
		wait_re "^ +$pos\. (⇅ )?$item *\$" || return 1
		pos=$((pos + 1))
	done
}

# Match left row k (1-based, top to bottom) with the right-hand item
# text $2: read the item's number off the screen and type it.
match_row() {
	n=$(row_number "$2")
	[ -n "$n" ] || return 1
	keys g
	i=1
	while [ $i -lt "$1" ]; do keys j; i=$((i + 1)); done
	keys "$n"
	wait_for "→ $n. $2"
}

# The one attempt passed with $1 points of $2, and its "passed" statement
# (success, completion, the same score) is queued: two checks.
passed_and_sent() {
	e2e_check "the attempt passed with $1 of $2" \
	    test "$(db_query "SELECT passed || '/' || points || '/' || max_points
	    FROM attempt")" = "1/$1.0/$2.0"
	e2e_check "sent as passed, with success and completion" \
	    test "$(db_query "SELECT count(*) FROM outbox WHERE json LIKE
	    '%/verbs/passed%' AND json LIKE '%\"success\":true%' AND json LIKE
	    '%\"completion\":true%' AND json LIKE '%\"raw\":$1%' AND json LIKE
	    '%\"max\":$2%'")" = 1
}
