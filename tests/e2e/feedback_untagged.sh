#!/bin/sh
# Feedback counts questions without tags under the course's skill area;
# it says so, rather than naming the area as if the course had tagged
# the questions with it (issue 18).
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

"$RIANRU" --db "$E2E_DB" user add --code 7501 --name "อรุณ ใฝ่รู้" \
    --group technology >/dev/null

e2e_start --content "$E2E_CAT" --db "$E2E_DB"
e2e_check "home" wait_for "สวัสดี อรุณ ใฝ่รู้"
keys Enter
e2e_check "course" wait_for "2. การดูแลข้อมูลส่วนบุคคล"
keys j t		# the at-end quiz: no question has tags
e2e_check "quiz" wait_for "ข้อ 1/5"
keys 2 Enter
e2e_check "question 2" wait_for "ข้อ 2/5"
keys 2 Enter
e2e_check "question 3" wait_for "ข้อ 3/5"
keys 1 2 Enter
e2e_check "question 4" wait_for "ข้อ 4/5"
keys -l "PDPA"
keys Enter
e2e_check "question 5" wait_for "ข้อ 5/5"
keys -l "72"
keys Enter F10
e2e_check "submit?" wait_for "ส่งคำตอบ?"
keys y
e2e_check "results" wait_for "คะแนน 100% (5/5)"
keys Enter
e2e_check "back on the course" wait_for "ดีที่สุด 100%"
keys f
e2e_check "feedback names the untagged questions as such" \
    wait_for "✓ จุดแข็ง: ความเข้าใจและใช้เทคโนโลยีดิจิทัล (100%, ข้อที่ไม่ได้ระบุทักษะ)"
screen_ok "feedback"
keys L
e2e_check "... in English too" \
    wait_for "(100%, questions without a tag)"
keys L q q q
e2e_check "quits cleanly" exited_ok
e2e_done
