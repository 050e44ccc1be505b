#!/bin/sh
# Review of missed questions: two answers wrong in a quiz put them in the
# review set, due tomorrow; with the learning clock moved two days ahead
# (RIANRU_TEST_CLOCK_SHIFT) home says they are due, 'r' asks them in the
# quiz screen with feedback, and the reviews are recorded on their own:
# the quiz attempt and its answers stay as they were.
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

"$RIANRU" --db "$E2E_DB" user add --code 7002 --name "วิไล ทบทวน" \
    --group service >/dev/null

# --- two wrong answers in the at-end quiz
E2E_COLS=80 E2E_ROWS=24 e2e_start --content "$E2E_CAT" --db "$E2E_DB"
e2e_check "home" wait_for "สวัสดี วิไล ทบทวน"
e2e_check "nothing to review yet" screen_lacks "ให้ทบทวนวันนี้"
keys Enter
e2e_check "course" wait_for "2. การดูแลข้อมูลส่วนบุคคล"
keys j t
e2e_check "quiz 1/5" wait_for "ข้อ 1/5"
keys 1 Enter
e2e_check "answered 1 (wrong), on 2/5" wait_for "ข้อ 2/5"
keys 1 Enter
e2e_check "answered 2 (wrong), on 3/5" wait_for "ข้อ 3/5"
e2e_check "both misses in the review set" \
    test "$(db_query "SELECT question_id FROM review ORDER BY
    question_id" | tr '\n' ' ')" = "pd-share pd-what "
keys Escape
e2e_check "back on the course" wait_for "2. การดูแลข้อมูลส่วนบุคคล"
keys q
e2e_check "home again" wait_for "สวัสดี วิไล ทบทวน"
e2e_check "due tomorrow, not today" screen_lacks "ให้ทบทวนวันนี้"

# --- two days later
E2E_ENV="RIANRU_TEST_CLOCK_SHIFT=172800" e2e_restart --content "$E2E_CAT" \
    --db "$E2E_DB"
# the open quiz comes back first (resume); leave it for home
e2e_check "the open quiz resumes" wait_for "ข้อ 3/5"
keys q q
e2e_check "two due today" wait_for "มี 2 ข้อให้ทบทวนวันนี้ (r)"
screen_ok "home with reviews due"
keys r
e2e_check "review in the quiz screen" wait_for "ทบทวน: 2 ข้อที่เคยตอบผิด"
# both questions take 2 for the right answer, in whichever order they come
e2e_check "first missed question" wait_for "ข้อ 1/2"
# screen readers follow the cursor (docs/accessibility.md): on the choice
e2e_check "the cursor on the selected choice" sh -c \
    "$T capture-pane -p | sed -n \"\$(( \$($T display -p '#{cursor_y}') + 1 ))p\" |
    grep -q '^ *1 ( ) '"
keys 2 Enter
e2e_check "feedback after the answer" wait_for "ถูกต้อง"
keys Enter
e2e_check "second missed question" wait_for "ข้อ 2/2"
keys 2 Enter
e2e_check "feedback again" wait_for "ถูกต้อง"
screen_ok "review feedback"
keys s
keys y
e2e_check "review done, back home" wait_for "ทบทวนเสร็จแล้ว: ถูก 2 จาก 2 ข้อ"
e2e_check "nothing left today" screen_lacks "ให้ทบทวนวันนี้"
e2e_check "two reviews logged" \
    test "$(db_query "SELECT count(*) FROM review_log WHERE correct = 1")" = 2
e2e_check "two 'reviewed' statements queued" \
    test "$(db_query "SELECT count(*) FROM outbox WHERE json LIKE
    '%/verb/reviewed%' AND json NOT LIKE '%registration%'")" = 2
e2e_check "the attempt is untouched: still open, same answers" \
    test "$(db_query "SELECT count(*) || '/' || sum(finished IS NULL)
    FROM attempt")/$(db_query "SELECT count(*) FROM answer")" = "1/1/2"

e2e_done
