#!/bin/sh
# A mastery quiz of the m-of-n kind ({of: 5, correct: 4}): questions come
# one at a time with feedback until the last five answers hold four right
# (right, right, wrong, right, right: mastered, where three in a row would
# not be). Then the attempt ends itself as passed, scored over the
# questions asked, and is sent like any pass. The same course as mastery.sh, with its rule changed.
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

cp -R tests/data/e2e/mastery "$E2E_TMP/mastery"
sed -i 's/mastery: { in-a-row: 3 }/mastery: { of: 5, correct: 4 }/' \
    "$E2E_TMP/mastery/e2e-mastery/01-drill.yaml"
e2e_check "the quiz's rule is four of the last five" \
    grep -q 'of: 5, correct: 4' "$E2E_TMP/mastery/e2e-mastery/01-drill.yaml"
"$RIANRU" --db "$E2E_DB" user add --code 7102 --name "มานี ฝึกฝน" \
    --group service >/dev/null

RULE="เกณฑ์ผ่าน: ถูก 4 ข้อจาก 5 ข้อล่าสุด"
# answer question $1 with key $2 (1 right, 2 wrong: every answer is
# "true"), see feedback $3
answer() {
	e2e_check "question $1" wait_for "ข้อ $1 $RULE" &&
	    keys "$2" Enter &&
	    e2e_check "question $1: feedback" wait_for "$3"
}

E2E_COLS=80 E2E_ROWS=24 e2e_start --content "$E2E_TMP/mastery" --db "$E2E_DB"
e2e_check "home" wait_for "ฝึกจับอีเมลหลอกลวงจนชำนาญ"
keys Enter
e2e_check "the course says the rule, not a pass mark" wait_for "$RULE"
keys t
answer 1 1 "✓ ถูกต้อง"
keys Enter
answer 2 1 "✓ ถูกต้อง"
keys Enter
answer 3 2 "✗ ยังไม่ถูก"
keys Enter
answer 4 1 "✓ ถูกต้อง"
e2e_check "three of four is not mastery" screen_lacks "ถึงเกณฑ์แล้ว"
keys Enter
# two in a row after a miss: not 'in a row' mastery, but four of five
answer 5 1 "✓ ถึงเกณฑ์แล้ว กด Enter เพื่อดูผล"
screen_ok "mastered"
keys Enter
e2e_check "results: scored over the five asked" \
    wait_for "คะแนน 80% (4/5)  $RULE"
e2e_check "results: mastered" wait_for "✓ ถึงเกณฑ์แล้ว ยินดีด้วย!"
e2e_check "results: only the questions asked are listed" screen_lacks "6. "
passed_and_sent 4 5

e2e_done
