#!/bin/sh
# Golden tests for `rianru check` (STYLE 2.8): user-facing text is behaviour.
#
#   tests/golden.sh [NAME...]      from the repository root; RIANRU=binary
#
# Cases live in tests/data/bad/ (content with mistakes) and tests/data/good/
# (content that must check clean):
#   NAME.yaml   a module file, checked alone
#   NAME/       a course folder (course.yaml and its module files)
#   NAME.err    the exact stdout of `rianru check [ARGS] PATH`, summary included
#   NAME.args   optional: extra arguments put before PATH (e.g. --strict)
#   NAME.exit   optional: the expected exit status; by default 0 when the
#               summary line says "0 errors", else 1
# A new case: write the content, run LC_ALL=C.UTF-8 ./rianru check PATH >NAME.err
# from the repository root, then read NAME.err: every message must be right,
# point at the right line:col and say what the trainer has to fix.
# Arguments, if any, restrict the run to the cases with those names.
# Prints a unified diff for each failure, then "golden: N passed, M failed".
set -u

cd "$(dirname "$0")/.." || exit 2
RIANRU=${RIANRU:-./rianru}
LC_ALL=C.UTF-8
export LC_ALL
tmp=${TMPDIR:-/tmp}/rianru-golden.$$
trap 'rm -f "$tmp" "$tmp.diff" "$tmp.stderr"' EXIT
trap 'exit 130' HUP INT TERM
pass=0 fail=0

if [ ! -x "$RIANRU" ]; then
	echo "golden: $RIANRU is not an executable (build with make, or set RIANRU)"
	echo "golden: 0 passed, 1 failed"
	exit 1
fi

wanted() {
	[ $# -eq 1 ] && return 0
	n=$1; shift
	for w in "$@"; do
		[ "$w" = "$n" ] && return 0
	done
	return 1
}

failed() {
	printf 'FAIL %s: %s\n' "$1" "$2"
	fail=$((fail + 1))
}

run_case() {
	path=$1 base=$2
	if [ ! -f "$base.err" ]; then
		failed "$path" "no $base.err"
		return
	fi
	args=
	[ -f "$base.args" ] && args=$(cat "$base.args")
	# $args is split on purpose: it holds options such as --strict.
	# shellcheck disable=SC2086
	"$RIANRU" check $args "$path" >"$tmp" 2>"$tmp.stderr"
	rc=$?
	if [ -f "$base.exit" ]; then
		want=$(cat "$base.exit")
	elif tail -n 1 "$base.err" | grep -q ': 0 errors, '; then
		want=0
	else
		want=1
	fi
	if ! diff -u "$base.err" "$tmp" >"$tmp.diff" 2>&1; then
		failed "$path" "output differs from $base.err"
		cat "$tmp.diff"
	elif [ "$rc" != "$want" ]; then
		failed "$path" "exit status $rc, expected $want"
	elif [ -s "$tmp.stderr" ]; then
		# check writes nothing to stderr: this is a sanitizer or a crash
		failed "$path" "unexpected output on stderr"
	else
		pass=$((pass + 1))
	fi
	[ -s "$tmp.stderr" ] && sed 's/^/stderr: /' "$tmp.stderr"
	rm -f "$tmp.diff" "$tmp.stderr"
}

for dir in tests/data/bad tests/data/good; do
	[ -d "$dir" ] || continue
	for path in "$dir"/*; do
		case "$path" in
		*.yaml)	base=${path%.yaml} ;;
		*.err|*.args|*.exit)
			# an expectation must belong to a case
			base=${path%.*}
			if [ ! -e "$base.yaml" ] && [ ! -d "$base" ]; then
				wanted "${base##*/}" "$@" &&
				    failed "$path" "no case $base.yaml or $base/"
			fi
			continue ;;
		*)	[ -d "$path" ] || continue
			base=$path ;;
		esac
		wanted "${base##*/}" "$@" || continue
		run_case "$path" "$base"
	done
done

echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
