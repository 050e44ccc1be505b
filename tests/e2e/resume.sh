#!/bin/sh
# Killed mid-way, the app starts where the officer stopped: SIGKILL in a
# quiz (feedback at the end) brings the officer back into the same
# attempt at the first unanswered question with the earlier answers in
# place; SIGKILL in a lesson brings them back to the same page; a quiz
# left open is where "continue" on home goes.
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

"$RIANRU" --db "$E2E_DB" user add --code 7001 --name "ประเสริฐ ทดสอบ" \
    --group policy >/dev/null

# open_answers: the open attempt's stored answers, as "question=response"
open_answers() {
	db_query "SELECT an.question_id || '=' || an.response FROM answer an
	    JOIN attempt a ON a.id = an.attempt_id
	    WHERE a.quiz_id = 'at-end-check' AND a.finished IS NULL
	    ORDER BY an.answered, an.question_id" | tr '\n' ' '
}

# --- into the at-end quiz, answer two of five, then SIGKILL
E2E_COLS=80 E2E_ROWS=24 e2e_start --content "$E2E_CAT" --db "$E2E_DB"
e2e_check "home" wait_for "สวัสดี ประเสริฐ ทดสอบ"
keys Enter
e2e_check "course" wait_for "2. การดูแลข้อมูลส่วนบุคคล"
keys j t
e2e_check "quiz 1/5" wait_for "ข้อ 1/5 ◆ ○ ○ ○ ○"
keys 2 Enter
# feedback at the end: Enter goes straight to the next question
e2e_check "answered 1, on 2/5" wait_for "ข้อ 2/5 ● ◆ ○ ○ ○"
e2e_check "at-end: no feedback shown" screen_lacks "ถูกต้อง"
keys 2 Enter
e2e_check "answered 2, on 3/5" wait_for "ข้อ 3/5 ● ● ◆ ○ ○"
screen_ok "quiz before the kill"
e2e_check "both answers stored before the kill" \
    test "$(open_answers)" = "pd-share=false pd-what=b " -o \
    "$(open_answers)" = "pd-what=b pd-share=false "
e2e_check "SIGKILL rianru" kill_rianru

# --- start again with the same progress file: back in the quiz
e2e_restart --content "$E2E_CAT" --db "$E2E_DB"
e2e_check "back in the same quiz" wait_for "แบบทดสอบข้อมูลส่วนบุคคล"
e2e_check "at the first unanswered question" wait_for "ข้อ 3/5 ● ● ◆ ○ ○"
screen_ok "resumed quiz"
keys BTab
e2e_check "S-Tab: question 2 kept its answer" wait_for "2 (•) ผิด"
e2e_check "S-Tab: on 2/5" wait_for "ข้อ 2/5 ● ◆ ○ ○ ○"
keys BTab
e2e_check "S-Tab: question 1 kept its answer" wait_for "2 (•) เลขประจำตัวประชาชน"
e2e_check "the strip marks both answered" wait_for "ข้อ 1/5 ◆ ● ○ ○ ○"
keys Tab Tab
e2e_check "Tab back to 3/5" wait_for "ข้อ 3/5 ● ● ◆ ○ ○"
e2e_check "the attempt was not restarted" \
    test "$(db_query "SELECT count(*) FROM attempt WHERE quiz_id = 'at-end-check'")" = 1

# --- finish it
keys 1 2
e2e_check "multiple: two picked" wait_for "2 [x] เก็บไฟล์ในพื้นที่ขององค์กร"
keys Enter
e2e_check "fill-in 4/5" wait_for "ข้อ 4/5"
keys -l "pdpa"
keys Enter
e2e_check "numeric 5/5" wait_for "ข้อ 5/5"
keys -l "๗๒"
keys Enter
e2e_check "all answered: told to press F10" \
    wait_for "ตอบครบทุกข้อแล้ว กด F10 เพื่อส่ง"
screen_ok "all answered"
keys F10
# The last question is a numeric field: letters are typed into it, so
# the status line names F10, which submits from a text field.
e2e_check "F10 submits as the status line says" \
    wait_re "ส่งคำตอบ\? ตอบแล้ว 5 จาก 5 ข้อ"
keys y
e2e_check "results: 100%" wait_for "คะแนน 100% (5/5)  เกณฑ์ผ่าน 50%"
e2e_check "results: review lists question 5" wait_for "✓ 5.  ต้องแจ้งเหตุละเมิดข้อมูลภายในกี่ชั่วโมง"
screen_ok "results after resume"
e2e_check "one finished attempt, 5 points" \
    test "$(db_query "SELECT points || '/' || max_points FROM attempt WHERE quiz_id = 'at-end-check' AND finished IS NOT NULL")" = "5.0/5.0"
keys Enter
e2e_check "results go back to the course" wait_for "· ผ่าน · ดีที่สุด 100%"

# --- a lesson page, then SIGKILL: back on that page
keys g Enter
e2e_check "lesson 1/2" wait_for "1/2"
keys Right
e2e_check "lesson 2/2" wait_for "หน่วยงานที่เกี่ยวข้อง"
e2e_check "SIGKILL in the lesson" kill_rianru
e2e_restart --content "$E2E_CAT" --db "$E2E_DB"
e2e_check "back on page 2/2" wait_for "หน่วยงานที่เกี่ยวข้อง"
e2e_check "page position shown" wait_for "2/2"
screen_ok "resumed lesson"
keys q
e2e_check "q goes to the course" wait_for "1. พื้นฐานความปลอดภัยของรหัสผ่าน"
keys q
e2e_check "then home, with continue" wait_for "เรียนต่อ (c):"
# --- a quiz left open: continue goes back into it, not to a page
keys Enter
e2e_check "course again" wait_for "1. พื้นฐานความปลอดภัยของรหัสผ่าน"
keys t
e2e_check "quiz 1/7" wait_for "ข้อ 1/7"
keys 2 Enter
e2e_check "answered, feedback shown" wait_for "✓ ถูกต้อง"
keys q q
e2e_check "home offers the open quiz" \
    wait_for "เรียนต่อ (c): แบบทดสอบที่ทำค้างไว้ แบบทดสอบทุกชนิดคำถาม › ทักษะดิจิทัลเบื้องต้น"
keys c
e2e_check "continue reopens the quiz at the next question" wait_for "ข้อ 2/7"
keys q q
e2e_check "home again" wait_for "เรียนต่อ (c):"
e2e_check "progress report lists the course" sh -c \
    '"$1" --db "$2" progress --format csv | grep -q "^7001,ประเสริฐ ทดสอบ,e2e-journey,"' \
    sh "$RIANRU" "$E2E_DB"
keys q
e2e_check "quits cleanly" exited_ok
e2e_done
