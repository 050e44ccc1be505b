#!/bin/sh
# An officer's first session, as a person would drive it: sign up with a
# Thai name, the home that greets them, the course, a two-page Thai
# lesson, a quiz with every question type answered by keys (after-each
# feedback), resizing mid-quiz and the too-small screen, submitting, the
# results, the language switch, and quitting cleanly.
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

NAME="สมหญิง รักเรียน"		# tone mark (ญิ), above vowel, a space

E2E_COLS=100 E2E_ROWS=30 e2e_start --content "$E2E_CAT" --db "$E2E_DB"

# --- first run: nobody on this machine yet, so the sign-up screen
e2e_check "first run shows sign-up" wait_for "ลงทะเบียนผู้เรียน"
e2e_check "sign-up lists target groups" wait_for "( ) ผู้ทำงานด้านบริการ"
screen_ok "sign-up"
keys Enter Enter Enter
e2e_check "empty sign-up asks for code and name" wait_for "กรุณากรอกรหัสและชื่อ"
keys -l "OCSC-0042"
keys Tab
keys -l "$NAME"
e2e_check "Thai name shows as typed" wait_for "    $NAME"
keys Tab 4
e2e_check "group 4 picked" wait_for "(•) ผู้ทำงานด้านบริการ"
screen_ok "filled sign-up"
keys Enter

# --- the privacy notice (PDPA), once, recorded as seen
e2e_check "the privacy notice after sign-up" wait_for "ประกาศความเป็นส่วนตัว"
e2e_check "... the built-in one, in Thai" \
    wait_for "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล"
screen_ok "privacy notice"
e2e_check "... not seen yet in the file" sh -c \
    "[ \"\$(sqlite3 '$E2E_DB' 'SELECT privacy_seen FROM officer')\" = 0 ]"
keys Enter
e2e_check "... Enter: recorded as seen" sh -c \
    "[ \"\$(sqlite3 '$E2E_DB' 'SELECT privacy_seen > 0 FROM officer')\" = 1 ]"

# --- home greets the officer by the Thai name, byte for byte
e2e_check "home greets by Thai name" \
    wait_for "สวัสดี $NAME · ผู้ทำงานด้านบริการ"
e2e_check "name stored byte-exact" \
    test "$(db_query "SELECT name FROM officer WHERE code = 'OCSC-0042'")" = "$NAME"
e2e_check "home lists the course" wait_for "ทักษะดิจิทัลเบื้องต้นสำหรับการทดสอบ"
e2e_check "the selected course is highlighted (colour)" \
    highlighted "ทักษะดิจิทัลเบื้องต้นสำหรับการทดสอบ"
screen_ok "home"
keys L
e2e_check "home in English" wait_for "Hello, $NAME · Service staff"
e2e_check "English course title" wait_for "Digital basics for testing"
e2e_check "English key hints" wait_for "m progress  d plan  ? help"
screen_ok "English home"
keys L
e2e_check "home back in Thai" wait_for "สวัสดี $NAME"

# --- the course and its modules
keys Enter
e2e_check "course lists module 1" wait_for "1. พื้นฐานความปลอดภัยของรหัสผ่าน"
e2e_check "course shows quiz facts" wait_for "แบบทดสอบ 7 ข้อ · เกณฑ์ผ่าน 60% · ทำได้ไม่จำกัดครั้ง"
screen_ok "course"

# --- the lesson: two pages, page n/m, page turns
keys Enter
e2e_check "lesson page 1/2" wait_for "1/2"
e2e_check "lesson page title" wait_for "รหัสผ่านที่ปลอดภัย"
e2e_check "lesson shows a bullet" wait_for "• ไม่ใช้ซ้ำกับระบบอื่น"
screen_ok "lesson page 1"
keys L
e2e_check "English lesson" wait_for "Safe passwords"
e2e_check "English lesson hints" wait_for "t quiz  q back"
screen_ok "English lesson"
keys L
e2e_check "lesson back in Thai" wait_for "รหัสผ่านที่ปลอดภัย"
keys Right
e2e_check "page turn to 2/2" wait_for "2/2"
e2e_check "page 2 title" wait_for "หน่วยงานที่เกี่ยวข้อง"
screen_ok "lesson page 2"
keys Left
e2e_check "page back to 1/2" wait_for "1/2"
keys Right Right
e2e_check "end of lesson points to the quiz" \
    wait_for "จบบทเรียนแล้ว กด t เพื่อทำแบบทดสอบ"
keys t

# --- the quiz, every question type, feedback after each
e2e_check "quiz question 1/7" wait_for "ข้อ 1/7 ◆ ○ ○ ○ ○ ○ ○"
e2e_check "choices in authored order" wait_for "2 ( ) Mango-River-Lamp-42"
screen_ok "quiz choice"
keys 2
e2e_check "choice picked by digit" wait_for "2 (•) Mango-River-Lamp-42"
keys Enter
e2e_check "choice: after-each feedback" wait_for "✓ ถูกต้อง"
e2e_check "choice: the picked choice's feedback" wait_for "วลียาวที่จำง่าย"
screen_ok "quiz feedback"
keys Enter

e2e_check "multiple: question 2/7" wait_for "ข้อ 2/7 ● ◆ ○"
keys 1 Down Down Space
e2e_check "multiple: two boxes ticked" wait_for "3 [x] รหัสผ่านที่ไม่ซ้ำกับระบบอื่น"
e2e_check "multiple: first box ticked" wait_for "1 [x] การยืนยันตัวตนสองขั้นตอน"
keys Enter
e2e_check "multiple: correct" wait_for "✓ ถูกต้อง"
keys Enter

e2e_check "true-false: question 3/7" wait_for "ข้อ 3/7"
keys 2
e2e_check "true-false: false picked" wait_for "2 (•) ผิด"
keys Enter
e2e_check "true-false: correct" wait_for "✓ ถูกต้อง"
keys Enter

e2e_check "fill-in: question 4/7" wait_for "ข้อ 4/7"
keys -l "ก.พ."
e2e_check "fill-in: Thai typed" wait_for "   ก.พ."
screen_ok "quiz fill-in"
keys Enter
e2e_check "fill-in: correct" wait_for "✓ ถูกต้อง"
keys Enter

e2e_check "numeric: question 5/7" wait_for "ข้อ 5/7"
e2e_check "numeric: unit shown" wait_for "ตัวอักษร"
keys -l "๖"
e2e_check "numeric: Thai digit typed" wait_for "   ๖"
keys Enter
e2e_check "numeric: Thai digit is correct" wait_for "✓ ถูกต้อง"
keys Enter

e2e_check "matching: question 6/7" wait_for "ข้อ 6/7 ● ● ● ● ● ◆ ○"
e2e_check "matching: right-hand items listed" wait_re "^ +[123]\. รหัสผ่านใช้ครั้งเดียว"
screen_ok "quiz matching"

# resize mid-quiz: the same question, nothing lost, laid out at each size
keys g 1
e2e_check "matching: a pick before resizing" wait_re "^   OTP +→ 1\. "
resize 60 20
e2e_check "60x20: same question" wait_for "ข้อ 6/7"
e2e_check "60x20: pick kept" wait_re "^   OTP +→ 1\. "
screen_ok "quiz at 60x20"
resize 40 12
e2e_check "40x12 (the minimum): same question" wait_for "ข้อ 6/7"
screen_ok "quiz at 40x12"
# at the minimum size a compact layout keeps the numbered list in view
e2e_check "40x12: right-hand items still visible" wait_re "^ +[123]\. "
resize 30 8
e2e_check "30x8: too-small screen" wait_for "หน้าจอเล็กเกินไป"
e2e_check "30x8: says the minimum" wait_for "40x12+ (30x8)"
screen_ok "too-small screen"
resize 100 30
e2e_check "back to 100x30: same question" wait_for "ข้อ 6/7 ● ● ● ● ● ◆ ○"
e2e_check "back to 100x30: pick kept" wait_re "^   OTP +→ 1\. "
screen_ok "quiz back at 100x30"
keys 0
e2e_check "matching: 0 clears a pick" wait_re "^   OTP +→ ___"

e2e_check "matching: OTP" match_row 1 "รหัสผ่านใช้ครั้งเดียว"
e2e_check "matching: VPN" match_row 2 "เครือข่ายส่วนตัวเสมือน"
e2e_check "matching: phishing" match_row 3 "การหลอกลวงให้เปิดเผยข้อมูล"
e2e_check "matching: arrows in one column" arrows_aligned
# at 40 columns the right-hand text is cut after a whole word, with …
resize 40 20
e2e_check "matching at 40 columns: cut after a word" \
    wait_re "→ [0-9]\. รหัสผ่านใช้ครั้ง… *$"
e2e_check "... and the key hint wrapped, whole" wait_re "^  แต่ละข้อ\)"
screen_ok "matching at 40 columns"
resize 100 30
e2e_check "matching back at 100 columns" arrows_aligned
keys Enter
e2e_check "matching: correct" wait_for "✓ ถูกต้อง"
keys Enter

e2e_check "ordering: question 7/7" wait_for "ข้อ 7/7 ● ● ● ● ● ● ◆"
screen_ok "quiz ordering"
e2e_check "ordering: put in order with J/K" order_items "เข้าสู่ระบบ" \
    "เปิดหน้าตั้งค่าบัญชี" "ตั้งรหัสผ่านใหม่" "ออกจากระบบแล้วเข้าใหม่"
keys g Space Down
e2e_check "ordering: Space grabs, Down moves" wait_re "^   2\. ⇅ เข้าสู่ระบบ"
keys Up Space
e2e_check "ordering: Up moves back, Space drops" wait_re "^   1\. เข้าสู่ระบบ *$"
e2e_check "ordering: nothing held" screen_lacks "⇅"
keys Enter
e2e_check "ordering: correct" wait_for "✓ ถูกต้อง"
keys L
e2e_check "English quiz" wait_for "✓ Correct"
e2e_check "English quiz hints" wait_for "s submit"
screen_ok "English quiz"
keys L
e2e_check "quiz back in Thai" wait_for "✓ ถูกต้อง"

# --- submit, results
keys s
e2e_check "submit asks first" wait_for "ส่งคำตอบ? ตอบแล้ว 7 จาก 7 ข้อ"
keys y
e2e_check "results: score 100%" wait_for "คะแนน 100% (7/7)  เกณฑ์ผ่าน 60%"
e2e_check "results: passed" wait_for "✓ ผ่าน ยินดีด้วย!"
e2e_check "results: every question right" wait_for "✓ 7.  เรียงขั้นตอนการเปลี่ยนรหัสผ่าน"
screen_ok "results"
keys L
e2e_check "English results" wait_for "Score 100% (7/7)  pass mark 60%"
screen_ok "English results"
keys L
e2e_check "results back in Thai" wait_for "คะแนน 100%"
keys Enter
e2e_check "results close" wait_gone "คะแนน 100%"
# (results go back to the lesson the quiz was opened from; q to the course)
keys q
e2e_check "course marks module 1 done" wait_for "✓ 1. พื้นฐานความปลอดภัยของรหัสผ่าน"
e2e_check "course shows passed and best" wait_for "ไม่จำกัดครั้ง · ผ่าน · ดีที่สุด 100%"
screen_ok "course after the quiz"
keys q
e2e_check "home shows 1 of 3 modules" wait_re "ทักษะดิจิทัลเบื้องต้นสำหรับการทดสอบ +1/3 "
screen_ok "home after the quiz"
keys q
e2e_check "quits cleanly from home" exited_ok

# --- the record
e2e_check "progress report has the Thai name and best score" sh -c \
    '"$1" --db "$2" progress --format csv | grep -q "^OCSC-0042,$3,e2e-journey,1,.*,1.00,"' \
    sh "$RIANRU" "$E2E_DB" "$NAME"
e2e_check "all seven answers stored as correct" \
    test "$(db_query "SELECT count(*) FROM answer WHERE correct = 1")" = 7
e2e_done
