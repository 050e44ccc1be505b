#!/bin/sh
# A machine whose clock is 3 hours fast (faketime, Debian package) syncs
# with the real LRS: it is never refused; the LRS's Date header shows the
# offset, `sync --status` flags the clock; statements made after that carry
# the measured offset (context extension clock-offset) with their time as
# recorded; every statement arrives once.
#   tests/lrs/clock.sh   (RIANRU_BUILD=build/san RIANRU=... for ASan)
. "$(dirname "$0")/lib.sh"
command -v faketime >/dev/null 2>&1 ||
    give_up "$name: faketime is not installed (make deps)"
lrs_setup
lrs_start
DB=$TMP/p.db
CFG=$TMP/config.yaml
write_config "$CFG" "$LRS_URL" 50
# faketime preloads itself: ASan must not insist on coming first
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS
FAST="faketime -f +3h"
EXT=extension/clock-offset

# before the offset is known: the time as recorded, nothing else
$FAST "$SESSION" learn "$DB" "$COURSE" 1 || give_up "$name: session failed"
n1=$(count_state "$DB" pending)
# run_rianru on the fast clock
fast_rianru() {
	RIANRU_LRS_SECRET=$SECRET $FAST "$RIANRU" "$@" >"$TMP/out" 2>"$TMP/err"
	RC=$?
	if grep -q 'Sanitizer\|runtime error:' "$TMP/err"; then
		cat "$TMP/err" >&2
		not_ok "rianru $* ran clean under the sanitizers"
	fi
}
fast_rianru --config "$CFG" --db "$DB" sync
check "3 hours fast: sync is not refused (exit 0)" expect_rc 0
check "3 hours fast: it delivered $n1" out_has "delivered $n1 statements"
fast_rianru --config "$CFG" --db "$DB" sync --status
check "--status flags the clock" \
    out_has "clock:        OFF: this machine is 3 h 0 min ahead of the LRS"
check "statements made before the offset was known carry none" \
    sh -c "! '$SESSION' dump '$DB' | grep -qF '$EXT'"

# after: each new statement says how far off the clock is
$FAST "$SESSION" learn "$DB" "$COURSE" 1 || give_up "$name: session failed"
n2=$(count_state "$DB" pending)
with=$("$SESSION" dump "$DB" | awk -F '\t' '$2 == "pending"' |
    grep -c "\"[^\"]*/$EXT\":-10[0-9][0-9][0-9]\b")
check "the $n2 new statements carry the offset (-3 h) ($with)" \
    [ "$with" -eq "$n2" ]
check "and keep their time as recorded (3 h ahead)" sh -c "
    '$SESSION' dump '$DB' | awk -F '\t' '\$2 == \"pending\"' |
    grep -q '\"timestamp\":\"$(faketime -f +3h date -u +%Y-%m-%dT%H)'"
fast_rianru --config "$CFG" --db "$DB" sync
check "the second run delivers them (exit 0)" expect_rc 0
check "every statement at the LRS exactly once" lrs_same "$DB"
lrs_done
