#!/bin/sh
# The end of a course: an officer reads both pages, passes the only quiz
# with one question wrong, is told the course is complete, and opens the
# feedback on the whole course: strengths, the skill to work on, and the
# page to revisit, which opens with Enter. Before any quiz the feedback
# screen says there is nothing yet.
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

cp -R tests/data/e2e/course-end "$E2E_TMP/end"
"$RIANRU" --db "$E2E_DB" user add --code 9001 --name "ประภา ศรีสุข" \
    --group service >/dev/null

E2E_COLS=90 E2E_ROWS=26 e2e_start --content "$E2E_TMP/end" --db "$E2E_DB"
e2e_check "home lists the course" wait_for "หลักสูตรสั้นสำหรับทดสอบการเรียนจบ"
keys Enter
e2e_check "course view offers feedback" wait_for "f ผลสะท้อน"
keys f
e2e_check "no feedback before a quiz" wait_for "ยังไม่ได้ทำแบบทดสอบของหลักสูตรนี้จนจบ"
keys q
e2e_check "back on the course" wait_for "1. รหัสผ่านและอีเมลหลอกลวง"
e2e_check "not complete yet" screen_lacks "เรียนจบหลักสูตรแล้ว"
e2e_check "no certificate yet" screen_lacks "ใบประกาศนียบัตร"

keys Enter
e2e_check "page 1" wait_for "1/2"
keys Right
e2e_check "page 2" wait_for "2/2"
keys t
e2e_check "quiz question 1/4" wait_for "ข้อ 1/4"
keys 1 Enter			# wrong: a short password is not safer
e2e_check "question 2/4" wait_for "ข้อ 2/4"
keys 2 Enter
e2e_check "question 3/4" wait_for "ข้อ 3/4"
keys 2 Enter
e2e_check "question 4/4" wait_for "ข้อ 4/4"
resize 40 14
e2e_check "a long choice wraps at 40 columns instead of being cut" \
    wait_for "ทั้งสิ้น"
keys 2
e2e_check "... and its second line is highlighted too" highlighted "ทั้งสิ้น"
resize 90 26
keys Enter
keys s
e2e_check "submit asks first" wait_for "ตอบแล้ว 4 จาก 4 ข้อ"
keys y
e2e_check "results: 3 of 4, passed" wait_for "คะแนน 75% (3/4)"
e2e_check "results: course complete, f for feedback" \
    wait_for "✓ เรียนจบหลักสูตรแล้ว: กด f ดูผลสะท้อนของทั้งหลักสูตร"
e2e_check "results: the submit hint is gone" screen_lacks "กด s เพื่อส่ง"

keys f
e2e_check "course feedback screen" wait_for "ผลสะท้อน · หลักสูตรสั้นสำหรับทดสอบการเรียนจบ"
e2e_check "feedback: course complete" wait_for "✓ เรียนจบหลักสูตรแล้ว"
e2e_check "feedback: based on 4 questions" wait_for "(4 ข้อ)"
e2e_check "feedback: strength" wait_for "✓ จุดแข็ง: การรู้ทันฟิชชิง (100%)"
e2e_check "feedback: to work on" wait_for "△ ควรพัฒนา: การตั้งรหัสผ่าน (50%)"
e2e_check "feedback: page to revisit" wait_re "1\. รหัสผ่านและอีเมลหลอกลวง › รหัสผ่านที่ดี"
e2e_check "feedback: one page only" screen_lacks "› อีเมลหลอกลวง"
keys Enter
e2e_check "Enter opens the page to revisit" wait_for "รหัสผ่านที่ดีควรยาวและไม่ซ้ำกับระบบอื่น"
keys q
e2e_check "back to the feedback" wait_for "หน้าที่ควรทบทวน:"
keys q
e2e_check "back to the lesson the quiz was taken from" wait_for "2/2"
keys q
e2e_check "back to the course, marked complete" \
    wait_for "✓ เรียนจบหลักสูตรแล้ว: กด f ดูผลสะท้อนของทั้งหลักสูตร"
e2e_check "module done" wait_for "✓ 1. รหัสผ่านและอีเมลหลอกลวง"
# a certificate is issued from the command line: the course says how
e2e_check "the course says a certificate can be issued, and how" \
    wait_for "ออกใบประกาศนียบัตรได้ด้วยคำสั่ง rianru certificate"
cmd=$(e2e_screen | sed -n '/ออกใบประกาศนียบัตรได้ด้วยคำสั่ง/,/FILE.html/p' |
    tr '\n' ' ' | sed 's/.*\(rianru certificate .*FILE\.html\).*/\1/;
    s/  */ /g')
e2e_check "... for this officer and this course: $cmd" test "$cmd" = \
    "rianru certificate --user 9001 --course e2e-end --out FILE.html"
set -- ${cmd#rianru }
(cd "$E2E_TMP" && XDG_DATA_HOME="$E2E_TMP/data" "$RIANRU" --db "$E2E_DB" \
    --content "$E2E_TMP/end" "$@" >/dev/null 2>&1)
e2e_check "... and that command issues it" test -s "$E2E_TMP/FILE.html"
keys q q
e2e_check "quits cleanly" exited_ok
e2e_done
