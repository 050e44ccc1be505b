#!/bin/sh
# Progress follows the officer: two progress files play two machines of
# one officer against the real LRS. Learn on A and sync; pull on B and see
# A's pages, attempts, results and completions; pull again: nothing
# doubles; what A missed is in B's review set; learn on B, sync both:
# both hold the same events; a kiosk a day later shows what A and B
# missed as "to review today". A key that
# may send but not read statements: sending goes on, the pull says "pull
# not permitted" in sync --status.
#   tests/lrs/pull.sh   (RIANRU_BUILD=build/san RIANRU=... for ASan)
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || give_up "$name: sqlite3 is not installed"
lrs_setup
lrs_start
A=$TMP/a.db
B=$TMP/b.db
CFG=$TMP/config.yaml
write_config "$CFG" "$LRS_URL" 50
q() { sqlite3 "$1" "$2"; }

"$SESSION" learn "$A" "$COURSE" 1 || give_up "$name: session on A failed"
"$RIANRU" --db "$B" user add --code OC-1 --name "Officer 1" \
    --group service >/dev/null || give_up "$name: user add on B failed"
nA=$(count_state "$A" pending)
run_rianru --config "$CFG" --db "$A" sync
check "A sends its $nA statements (exit 0)" expect_rc 0
check "... and pulls its own back as known, nothing new" \
    out_has "pulled 0 new of $nA statements"

run_rianru --config "$CFG" --db "$B" sync --pull-only
check "B pulls A's statements (exit 0)" expect_rc 0
check "... all of them new" out_has "pulled $nA new of $nA statements"
check "B holds A's finished attempts" [ "$(q "$B" "SELECT count(*) FROM \
    attempt WHERE remote = 1 AND finished IS NOT NULL")" -eq \
    "$(q "$A" "SELECT count(*) FROM attempt WHERE finished IS NOT NULL")" ]
check "... their answers" [ "$(q "$B" "SELECT count(*) FROM answer")" -eq \
    "$(q "$A" "SELECT count(*) FROM answer")" ]
check "... the modules done" [ "$(q "$B" "SELECT count(*) FROM \
    module_progress WHERE done = 1")" -eq "$(q "$A" "SELECT count(*) FROM \
    module_progress WHERE done = 1")" ]
check "... the resume point B never had" [ "$(q "$B" "SELECT module_id || \
    '/' || page_id FROM enrolment")" = "$(q "$A" "SELECT module_id || '/' || \
    page_id FROM enrolment")" ]
check "... the page reads" [ "$(q "$B" "SELECT count(*) FROM event WHERE \
    kind = 'page'")" -eq "$(q "$A" "SELECT count(*) FROM event WHERE \
    kind = 'page'")" ]
rset() { q "$1" "SELECT course_id || '/' || quiz_id || '/' || question_id \
    FROM review ORDER BY 1"; }
check "A missed questions: its review set is not empty" \
    [ "$(q "$A" "SELECT count(*) FROM review")" -gt 0 ]
check "... and they are in B's review set (reviews follow the officer)" \
    [ "$(rset "$B")" = "$(rset "$A")" ]
# (the answer's timestamp and the miss may be a second apart)
check "... due when A's are" [ "$(q "$B" "ATTACH '$A' AS a; SELECT count(*) \
    FROM review r JOIN a.review s USING (course_id, quiz_id, question_id) \
    WHERE abs(r.due - s.due) <= 5")" -eq "$(q "$A" "SELECT count(*) FROM \
    review")" ]
check "nothing pulled is queued to be sent again" \
    [ "$(q "$B" "SELECT count(*) FROM outbox")" -eq 0 ]
ev=$(q "$B" "SELECT count(*) FROM event")
run_rianru --config "$CFG" --db "$B" sync --pull-only
check "pulling again: nothing new (overlap and duplicates dropped)" \
    out_has "pulled 0 new"
check "... nothing doubles" [ "$(q "$B" "SELECT count(*) FROM event")" -eq "$ev" ]
run_rianru --config "$CFG" --db "$B" sync --status
check "--status shows the last pull" out_has "last pull:"
check "... pulled, nothing merged the second time" out_has ": pulled, 0 merged"

# B learns too (a second session: its own attempts), both sync
"$SESSION" learn "$B" "$COURSE" 1 || give_up "$name: session on B failed"
run_rianru --config "$CFG" --db "$B" sync
check "B sends its own (exit 0)" expect_rc 0
run_rianru --config "$CFG" --db "$A" sync
check "A syncs: nothing to send, B's work pulled (exit 3)" expect_rc 3
check "... B's statements new on A" sh -c "! grep -qF 'pulled 0 new' '$TMP/out'"
check "both machines hold the same events" [ "$(q "$A" "SELECT stmt_id \
    FROM event ORDER BY 1" | md5sum)" = "$(q "$B" "SELECT stmt_id FROM \
    event ORDER BY 1" | md5sum)" ]
check "both count the same finished attempts" [ "$(q "$A" "SELECT count(*) \
    FROM attempt WHERE finished IS NOT NULL")" -eq "$(q "$B" "SELECT \
    count(*) FROM attempt WHERE finished IS NOT NULL")" ]
check "every statement at the LRS once (A's)" lrs_has "$A"
check "every statement at the LRS once (B's)" lrs_has "$B"

# the kiosk: a third machine; the officer logs in and home fills in with
# what A and B did when the pull lands (the login never waits for it)
D=$TMP/d.db
"$RIANRU" --db "$D" user add --code OC-1 --name "Officer 1" \
    --group service >/dev/null || give_up "$name: user add on D failed"
kiosk_login "$D" "$CFG"
check "home fills in with the module A finished (1 of 2)" see "1/2 ███" 300
check "... and where to continue" see "เรียนต่อ (c): หลักสูตรตัวอย่างขนาดเล็ก"
check "the kiosk holds every event of A" [ "$(q "$D" "SELECT count(*) FROM \
    event")" -eq "$(q "$A" "SELECT count(*) FROM event")" ]
check "... and sends none of them again" \
    [ "$(q "$D" "SELECT count(*) FROM outbox")" -eq 0 ]
check "no sanitizer report" sh -c "! grep -q 'Sanitizer\|runtime error' '$TMP/kiosk.err'"
$T kill-server 2>/dev/null

# reviews follow the officer: on a fourth machine, a day and a bit later
# (the learning clock moved by the test hook of docs/review.md), home
# shows the questions A and B missed as due, once the pull lands
E=$TMP/e.db
"$RIANRU" --db "$E" user add --code OC-1 --name "Officer 1" \
    --group service >/dev/null || give_up "$name: user add on E failed"
KIOSK_ENV=RIANRU_TEST_CLOCK_SHIFT=93600 kiosk_login "$E" "$CFG"
check "home on E: the missed questions are due" see "ข้อให้ทบทวนวันนี้ (r)" 300
nE=$(q "$E" "SELECT count(*) FROM review")
check "... all $nE of them" see "มี $nE ข้อให้ทบทวนวันนี้ (r)"
check "... as many as A and B hold together" [ "$nE" -eq "$(q "$A" "ATTACH \
    '$B' AS b; SELECT count(*) FROM (SELECT course_id, quiz_id, question_id \
    FROM review UNION SELECT course_id, quiz_id, question_id FROM \
    b.review)")" ]
$T kill-server 2>/dev/null

# a key that may send but not read
C=$TMP/c.db
WCFG=$TMP/writer.yaml
sed 's/key: .*/key: rianru-writer/' "$CFG" >"$WCFG"
"$SESSION" learn "$C" "$COURSE" 2 || give_up "$name: session on C failed"
nC=$(count_state "$C" pending)
TEST_SECRET=$SECRET-w run_rianru --config "$WCFG" --db "$C" sync
check "a write-only key still sends everything (exit 0)" expect_rc 0
check "... all $nC" out_has "delivered $nC statements"
check "... and says the pull was refused" err_has "pull not permitted"
TEST_SECRET=$SECRET-w run_rianru --config "$WCFG" --db "$C" sync --status
check "--status: pull not permitted" out_has "pull error:   pull not permitted"
check "--status: the sending is fine" out_has "pending:      0"
lrs_done
