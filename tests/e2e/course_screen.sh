#!/bin/sh
# The course screen and home as new officers met them (issues 18 and 20):
# a module's minutes are shown; an open quiz is named on the course screen
# and on home's "continue" line; "end of the lesson" goes away when the
# officer pages back; at 40x12 text is cut after a whole word with "…" and
# the attempts left and the best score stay on screen; "my progress" lists
# every attempt by the quiz's title with Thai dates.
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

"$RIANRU" --db "$E2E_DB" user add --code 7401 --name "สุดา มีสุข" \
    --group technology >/dev/null

e2e_start --content "$E2E_CAT" --db "$E2E_DB"
e2e_check "home" wait_for "สวัสดี สุดา มีสุข"
keys Enter
e2e_check "the module's minutes on the course screen" \
    wait_for "1. พื้นฐานความปลอดภัยของรหัสผ่าน · 10 นาที"
screen_ok "course"

# the lesson: the end-of-lesson message goes when paging back
keys Enter
e2e_check "lesson page 1/2" wait_for "1/2"
keys Right Right
e2e_check "end of the lesson" wait_for "จบบทเรียนแล้ว กด t เพื่อทำแบบทดสอบ"
keys Left
e2e_check "paging back: page 1" wait_for "1/2"
e2e_check "... and the end-of-lesson message is gone" \
    wait_gone "จบบทเรียนแล้ว"
keys q

# an open quiz, named on the course screen and on home
keys t
e2e_check "quiz opens" wait_for "ข้อ 1/7"
keys 2 Enter
e2e_check "one answer" wait_for "✓ ถูกต้อง"
e2e_check "... the footer says Enter goes on, not that it answers" \
    sh -c "$T capture-pane -p | tail -n 1 | grep -q 'Enter ไปต่อ'"
keys q
e2e_check "the course says the quiz is open" wait_for "◐ ทำค้างไว้ · แบบทดสอบ 7 ข้อ"
screen_ok "course with an open quiz"
keys q
e2e_check "home's continue line says a quiz is open" \
    wait_for "เรียนต่อ (c): แบบทดสอบที่ทำค้างไว้ แบบทดสอบทุกชนิดคำถาม"
screen_ok "home with an open quiz"
keys c
e2e_check "c opens the open quiz" wait_for "ข้อ 2/7"
keys q
e2e_check "q: the course below it" wait_for "◐ ทำค้างไว้"

# a best score, then the smallest screen
keys G t
e2e_check "timed quiz intro" wait_for "เวลาที่ให้:"
keys Enter
e2e_check "timed quiz" wait_for "ข้อ 1/2"
keys 1 Enter
e2e_check "second question" wait_for "ข้อ 2/2"
keys 1 Enter s
e2e_check "submit?" wait_for "ส่งคำตอบ?"
keys y
e2e_check "results" wait_for "คะแนน 100%"
keys Enter
e2e_check "back on the course" wait_for "ดีที่สุด 100%"
# a second attempt, submitted empty
keys t
e2e_check "the intro again" wait_for "เวลาที่ให้:"
keys Enter
e2e_check "second attempt" wait_for "ข้อ 1/2"
keys s y
e2e_check "its results" wait_for "คะแนน 0%"
keys Enter
e2e_check "back on the course again" wait_for "ดีที่สุด 100%"
resize 40 12
e2e_check "40x12: the attempts left stay" wait_for "ทำได้ไม่จำกัดครั้ง · ดีที่สุด 100%"
e2e_check "40x12: a long title is cut after a word, with …" \
    wait_for "1. พื้นฐานความปลอดภัยของ… · 10 นาที"
e2e_check "40x12: the open quiz stays" wait_for "◐ ทำค้างไว้"
screen_ok "course at 40x12"
keys q
e2e_check "40x12 home: the title cut with …" \
    wait_for "ทักษะดิจิทัลเบื้องต้นสำหรับ…"
screen_ok "home at 40x12"
resize 80 24

# my progress: every attempt, by the quiz's title, with Thai dates
keys m
e2e_check "my progress lists the attempts" wait_for "การทำแบบทดสอบ"
TODAY="$(date +%d/%m)/$(( $(date +%Y) + 543 ))"
e2e_check "... each one, with its Thai date and the quiz's title" \
    test "$(e2e_screen | grep -c "$TODAY .*ตอบให้ทันเวลา")" = 2
e2e_check "... the passed one marked" wait_re "$TODAY [0-9:]+  100% ✓  ตอบให้ทันเวลา"
e2e_check "... no raw quiz id" screen_lacks "timed-check"
screen_ok "my progress"
keys q
e2e_check "home again" wait_for "สวัสดี สุดา มีสุข"
keys q
e2e_check "quits cleanly" exited_ok
e2e_done
