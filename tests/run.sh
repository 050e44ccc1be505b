#!/bin/sh
# Runs every test suite and closes with one "N passed, N failed" line.
#   tests/run.sh [--unit] BUILD_DIR RIANRU_BINARY
# --unit: only the unit tests and fuzz-regression replays (CI repeats these
# under sanitizers).
set -u
only_unit=0
if [ "${1:-}" = --unit ]; then only_unit=1; shift; fi
B=${1:?build dir}
BIN=${2:?binary}
case "$BIN" in /*) ;; *) BIN="$PWD/$BIN" ;; esac
export RIANRU="$BIN" RIANRU_BUILD="$B"
pass=0 fail=0 failed=""

# The files git does not know (nor ignore) before the tests: afterwards a
# new one is a file a test wrote into the checkout (a path meant for a
# temporary folder, or SQLite's ":memory:" taken for a file name).
tree_state() {
	git ls-files --others --exclude-standard 2>/dev/null | LC_ALL=C sort
}
tree_before=$(mktemp)
trap 'rm -f "$tree_before"' EXIT
tree_state >"$tree_before"

note() { printf '%s\n' "$*"; }
ok()   { pass=$((pass + ${2:-1})); }
bad()  { fail=$((fail + ${2:-1})); failed="$failed $1"; }

# Criterion binaries: count their own tests from the synthesis line.
for t in "$B"/tests/test_*; do
	[ -x "$t" ] || continue
	out=$("$t" --jobs 1 2>&1); rc=$?
	printf '%s\n' "$out" | tail -n 1
	syn=$(printf '%s\n' "$out" | grep 'Synthesis:' | tail -n 1)
	p=$(printf '%s' "$syn" | sed -n 's/.*Passing: \([0-9]*\).*/\1/p')
	f=$(printf '%s' "$syn" | sed -n 's/.*Failing: \([0-9]*\).*/\1/p')
	c=$(printf '%s' "$syn" | sed -n 's/.*Crashing: \([0-9]*\).*/\1/p')
	ok "$t" "${p:-0}"
	# a sanitizer report after a passing test does not change the exit code
	san=$(printf '%s\n' "$out" | grep -c 'Sanitizer\|runtime error:')
	if [ $rc -ne 0 ] || [ "${f:-0}" != 0 ] || [ "${c:-0}" != 0 ] || [ -z "$syn" ] || [ "$san" != 0 ]; then
		printf '%s\n' "$out" | grep -v '^\[----\]' | tail -n 40
		bad "$(basename "$t")" $(( ${f:-0} + ${c:-0} > 0 ? ${f:-0} + ${c:-0} : 1 ))
	fi
done

# Fuzz harnesses replay every regression file and the seed corpus.
for r in "$B"/tests/replay_*; do
	[ -x "$r" ] || continue
	name=${r##*/replay_}
	if "$r" tests/data/fuzz-regress/"$name" tests/data >/tmp/rianru-replay.$$ 2>&1 &&
	    ! grep -q 'Sanitizer\|runtime error:' /tmp/rianru-replay.$$; then
		ok "$r"; note "replay $name: $(tail -n 1 /tmp/rianru-replay.$$)"
	else
		cat /tmp/rianru-replay.$$; bad "replay_$name"
	fi
	rm -f /tmp/rianru-replay.$$
done

if [ $only_unit = 0 ]; then
	# Scripted suites: each prints its own "suite: N passed, N failed".
	for s in tests/golden.sh tests/i18n.sh tests/cli/*.sh tests/xapi/*.sh tests/store/*.sh tests/e2e/*.sh tests/lrs/*.sh tests/html/*.sh; do
		[ -f "$s" ] || continue
		case "$s" in */lib.sh|*/lib-*.sh) continue ;; esac
		out=$(sh "$s" 2>&1); rc=$?
		printf '%s\n' "$out" | tail -n 25
		line=$(printf '%s\n' "$out" | grep -E '[0-9]+ passed, [0-9]+ failed' | tail -n 1)
		p=$(printf '%s' "$line" | sed -n 's/.*\b\([0-9][0-9]*\) passed.*/\1/p')
		f=$(printf '%s' "$line" | sed -n 's/.*passed, \([0-9][0-9]*\) failed.*/\1/p')
		ok "$s" "${p:-0}"
		if [ $rc -ne 0 ] || [ -z "$line" ]; then bad "$s" "${f:-1}"
		elif [ "${f:-0}" != 0 ]; then bad "$s" "$f"; fi
	done
fi

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	left=$(tree_state | LC_ALL=C comm -13 "$tree_before" -)
	if [ -n "$left" ]; then
		note "clean-tree: the tests left new files in the checkout (write to a temporary folder instead):"
		printf '%s\n' "$left"
		bad clean-tree
	else
		ok clean-tree; note "clean-tree: the tests left the checkout as it was"
	fi
fi

[ -n "$failed" ] && note "failed:$failed"
note "check: $pass passed, $fail failed"
[ $fail -eq 0 ]
