#!/bin/sh
# A mastery quiz ({in-a-row: 3}): questions come one at a time, with
# feedback after each, until three in a row are right; a miss restarts
# the row. Then the attempt ends itself as passed, scored over the seven
# questions asked (not the pool of eight), and is sent like any pass:
# the module and the course are complete.
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

cp -R tests/data/e2e/mastery "$E2E_TMP/mastery"
"$RIANRU" --db "$E2E_DB" user add --code 7101 --name "มานะ ฝึกฝน" \
    --group service >/dev/null

# answer question $1 with key $2 (1 right, 2 wrong: every answer is
# "true"), see feedback $3
answer() {
	e2e_check "question $1" wait_for "ข้อ $1 เกณฑ์ผ่าน: ตอบถูก 3 ข้อติดกัน" &&
	    keys "$2" Enter &&
	    e2e_check "question $1: feedback" wait_for "$3"
}

E2E_COLS=80 E2E_ROWS=24 e2e_start --content "$E2E_TMP/mastery" --db "$E2E_DB"
e2e_check "home" wait_for "ฝึกจับอีเมลหลอกลวงจนชำนาญ"
keys Enter
e2e_check "the course says the rule, not a pass mark" \
    wait_for "เกณฑ์ผ่าน: ตอบถูก 3 ข้อติดกัน"
keys t
answer 1 2 "✗ ยังไม่ถูก"
keys Enter
answer 2 1 "✓ ถูกต้อง"
keys Enter
answer 3 1 "✓ ถูกต้อง"
e2e_check "two in a row is not mastery" screen_lacks "ถึงเกณฑ์แล้ว"
keys Enter
answer 4 2 "✗ ยังไม่ถูก"
keys Enter
answer 5 1 "✓ ถูกต้อง"
keys Enter
answer 6 1 "✓ ถูกต้อง"
keys Enter
answer 7 1 "✓ ถึงเกณฑ์แล้ว กด Enter เพื่อดูผล"
screen_ok "mastered"
keys Enter
e2e_check "results: scored over the seven asked" \
    wait_for "คะแนน 71% (5/7)  เกณฑ์ผ่าน: ตอบถูก 3 ข้อติดกัน"
e2e_check "results: mastered" wait_for "✓ ถึงเกณฑ์แล้ว ยินดีด้วย!"
e2e_check "results: the course is complete" wait_for "✓ เรียนจบหลักสูตรแล้ว"
e2e_check "results: only the questions asked are listed" screen_lacks "8. "
screen_ok "mastery results"
passed_and_sent 5 7
e2e_check "the course completed statement is queued" \
    test "$(db_query "SELECT count(*) FROM outbox WHERE json LIKE
    '%/verbs/completed%' AND json LIKE '%/course/e2e-mastery\"%'")" -ge 1

e2e_done
