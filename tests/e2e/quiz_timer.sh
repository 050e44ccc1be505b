#!/bin/sh
# A timed quiz (time-limit: 10s): 't' first shows the time allowed, the
# number of questions and the clock's rule, and only a second key starts
# it; the countdown is on screen and moves, and when time is up the
# attempt is submitted by itself, with what was answered, and the results
# appear without a key press. Nothing here measures how fast: a loaded
# machine may take longer, so the test waits generously and checks what
# happened (the store says how long the attempt ran).
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

"$RIANRU" --db "$E2E_DB" user add --code 7002 --name "วิไลวรรณ ใจดี" \
    --group technology >/dev/null

E2E_COLS=100 E2E_ROWS=30 e2e_start --content "$E2E_CAT" --db "$E2E_DB"
e2e_check "home" wait_for "สวัสดี วิไลวรรณ ใจดี"
keys Enter
e2e_check "course lists the timed module" wait_for "3. แบบทดสอบจับเวลา"
keys G Enter		# a module with only a quiz: Enter opens the quiz
e2e_check "the time allowed comes first" wait_for "เวลาที่ให้: 10 วินาที"
e2e_check "and the number of questions" wait_for "จำนวนข้อ: 2"
e2e_check "and the clock's rule" wait_for "เดินต่อแม้พักแบบทดสอบหรือปิดโปรแกรม"
screen_ok "timed quiz intro"
e2e_check "no attempt before the second key" test "$(db_query \
    "SELECT count(*) FROM attempt WHERE quiz_id = 'timed-check'")" = 0
keys Enter
e2e_check "timed quiz opens" wait_for "ข้อ 1/2"
e2e_check "countdown shown" wait_re "⏱ 00:(10|0[5-9])"
screen_ok "timed quiz"
keys 1 Enter
e2e_check "answered 1, on 2/2" wait_for "ข้อ 2/2 ● ◆"
e2e_check "countdown moves" wait_re "⏱ 00:0[0-7]"
screen_ok "timed quiz, question 2"

# no key from here on: the results must come by themselves (a generous
# wait: a loaded machine is slow, and how slow is not what is tested)
E2E_WAIT=600 e2e_check "results without a key press" \
    wait_re "คะแนน 50% \(1/2\)  เกณฑ์ผ่าน 50%"
e2e_check "submitted once the limit had run out, not before" test "$(db_query \
    "SELECT finished - started >= 10 FROM attempt WHERE quiz_id = 'timed-check'")" = 1
e2e_check "says time is up" wait_re "หมดเวลา ส่งคำตอบที่ตอบไว้แล้ว"
sleep 5		# longer than a passing status message lasts
e2e_check "the results still say time was up" \
    wait_re "หมดเวลา ส่งคำตอบที่ตอบไว้แล้ว"
e2e_check "passed with the answered question" wait_for "✓ ผ่าน ยินดีด้วย!"
e2e_check "the unanswered question is marked" wait_for "(ไม่ได้ตอบ)"
screen_ok "results of the timed quiz"
e2e_check "the attempt is finished in the store" test "$(db_query \
    "SELECT points || '/' || max_points FROM attempt WHERE quiz_id = 'timed-check' AND finished IS NOT NULL")" = "1.0/2.0"
e2e_check "no open attempt left" test "$(db_query \
    "SELECT count(*) FROM attempt WHERE finished IS NULL")" = 0
keys Enter
e2e_check "back to the course" wait_for "3. แบบทดสอบจับเวลา"
e2e_check "course shows the best score" wait_for "· ผ่าน · ดีที่สุด 50%"
screen_ok "course after the timed quiz"
keys q
e2e_check "home" wait_for "สวัสดี วิไลวรรณ ใจดี"
keys q
e2e_check "quits cleanly" exited_ok
e2e_done
