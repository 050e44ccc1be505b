#!/bin/sh
# Validates one statement of every kind lib/sync/xapi.c builds (and one answered
# statement per question type) with Learning Locker's xapi-validation from
# npm, plus the rules of notes/xapi.md it does not check; then breaks good
# statements on purpose and expects each to be refused.
#   tests/xapi/validate.sh     (RIANRU_BUILD=build/san for a sanitizer build)
# Needs node and npm; installs the validator into tests/xapi/node_modules
# with `npm ci` from the committed package-lock.json (registry only).
# Ends with "xapi: N passed, M failed"; exits 1 on any failure.
set -u
cd "$(dirname "$0")/../.." || exit 1
B=${RIANRU_BUILD:-build/default}
EMIT=$B/tests/xapi-emit
D=tests/xapi
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT

give_up() {
	printf '%s\n' "$*" >&2
	echo "xapi: 0 passed, 1 failed"
	exit 1
}

command -v node >/dev/null 2>&1 || give_up "xapi: node is not installed"
command -v npm >/dev/null 2>&1 || give_up "xapi: npm is not installed"
# npm ci again whenever the lock file is newer than the installed tree
if [ ! -f $D/node_modules/.package-lock.json ] ||
    [ $D/package-lock.json -nt $D/node_modules/.package-lock.json ]; then
	(cd $D && npm ci --omit=dev --no-audit --no-fund) >"$TMP/npm" 2>&1 ||
	    { cat "$TMP/npm" >&2; give_up "xapi: npm ci failed"; }
fi
if [ ! -x "$EMIT" ] || [ "$EMIT" -ot $D/emit.c ]; then
	[ "$B" = build/default ] || give_up "xapi: build $EMIT first (make check)"
	make -s "$EMIT" >"$TMP/make" 2>&1 ||
	    { cat "$TMP/make" >&2; give_up "xapi: cannot build $EMIT"; }
fi

# The emitter's own run counts as one test: it must build every statement
# (and, in a sanitizer build, leak nothing).
"$EMIT" >"$TMP/statements" 2>"$TMP/emit.err"; rc=$?
p=0 f=0
if [ $rc -eq 0 ] && ! grep -q 'Sanitizer\|runtime error:' "$TMP/emit.err"; then
	echo "ok - emitter built every statement"; p=1
else
	cat "$TMP/emit.err"; echo "FAIL - emitter exited with $rc"; f=1
fi
node $D/validate.js <"$TMP/statements" >"$TMP/out" 2>&1
rc=$?
grep -v '^xapi: ' "$TMP/out"
line=$(grep '^xapi: [0-9]* passed, [0-9]* failed$' "$TMP/out" | tail -n 1)
np=$(printf '%s' "$line" | sed -n 's/^xapi: \([0-9]*\) passed.*/\1/p')
nf=$(printf '%s' "$line" | sed -n 's/.* \([0-9]*\) failed$/\1/p')
if [ -z "$line" ]; then
	nf=1 np=0
elif [ $rc -ne 0 ] && [ "$nf" -eq 0 ]; then
	nf=1
fi
echo "xapi: $((p + np)) passed, $((f + nf)) failed"
[ $((f + nf)) -eq 0 ]
