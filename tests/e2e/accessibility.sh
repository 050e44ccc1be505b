#!/bin/sh
# Screen readers and braille displays follow the terminal cursor
# (docs/accessibility.md): on every screen with a selection it is on the
# selected row (#{cursor_y}), in a typed field it is at the typing point,
# and with a confirmation it is on the question. In accessible mode
# (--accessible) no screen shows a character outside ASCII other than
# Thai text, and a timed quiz says whole minutes, not a ticking clock.
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

"$RIANRU" --db "$E2E_DB" user add --code 7301 --name "สมชาย ฟังเสียง" \
    --group service >/dev/null

# The cursor is at column $1 of the line below the one holding $2.
cursor_below() {
	y=$($T display -p '#{cursor_y}')
	x=$($T display -p '#{cursor_x}')
	ly=$(e2e_screen | grep -nF -- "$2" | head -n 1 | cut -d: -f1)
	[ -n "$ly" ] && [ "$y" -eq "$ly" ] && [ "$x" -eq "$1" ] && return 0
	echo "--- cursor at $x,$y; '$2' on line $ly (1-based)" >&2
	return 1
}

# --- the cursor on the focused item
e2e_start --content "$E2E_CAT" --db "$E2E_DB"
e2e_check "home" wait_for "สวัสดี สมชาย ฟังเสียง"
e2e_check "home: on the selected course" \
    cursor_on "ทักษะดิจิทัลเบื้องต้นสำหรับการทดสอบ"
keys Enter
e2e_check "course" wait_for "2. การดูแลข้อมูลส่วนบุคคล"
e2e_check "course: on module 1" cursor_on "1. พื้นฐานความปลอดภัยของรหัสผ่าน"
keys j
e2e_check "course: j moves it to module 2" \
    cursor_on "2. การดูแลข้อมูลส่วนบุคคล"
keys t
e2e_check "quiz" wait_for "ข้อ 1/5"
e2e_check "quiz: on the first choice" cursor_on "1 ( ) สีของอาคารสำนักงาน"
keys Down
e2e_check "quiz: Down moves it to the second" \
    cursor_on "2 ( ) เลขประจำตัวประชาชน"
keys 3
e2e_check "quiz: a pick moves it there" cursor_on "3 (•) ชื่อหน่วยงาน"
keys s
e2e_check "submit: on the question" cursor_on "ส่งคำตอบ? ตอบแล้ว"
keys n
e2e_check "submit declined: back on the choice" cursor_on "3 (•) ชื่อหน่วยงาน"
keys Escape
e2e_check "course again" wait_for "2. การดูแลข้อมูลส่วนบุคคล"
keys k t
e2e_check "the every-type quiz" wait_for "ข้อ 1/7"
keys Tab Tab Tab
e2e_check "a fill-in question" wait_for "ข้อ 4/7"
keys -l "ab"
e2e_check "fill-in: at the typing point of the field" \
    cursor_below 5 "คำตอบ:"
keys Escape
e2e_check "course once more" wait_for "2. การดูแลข้อมูลส่วนบุคคล"
keys q
e2e_check "home again: on the course" \
    cursor_on "ทักษะดิจิทัลเบื้องต้นสำหรับการทดสอบ"
keys q
e2e_check "quits" exited_ok

# --- accessible mode from the configuration (the quiz left open comes
# back first)
printf 'accessible: true\n' > "$E2E_TMP/a11y.yaml"
e2e_restart --config "$E2E_TMP/a11y.yaml" --content "$E2E_CAT" --db "$E2E_DB"
e2e_check "accessible: the open quiz resumes" wait_for "ข้อ 1/7"
e2e_check "accessible: quiz is ASCII and Thai" ascii_or_thai
e2e_check "accessible: on the first choice" cursor_on "1 ( ) 123456"
keys 1 Enter
e2e_check "accessible: feedback" wait_for "x ยังไม่ถูก"
e2e_check "accessible: feedback is ASCII and Thai" ascii_or_thai
keys '?'
e2e_check "accessible: help" wait_for "F1"
e2e_check "accessible: help is ASCII and Thai" ascii_or_thai
keys Escape
keys s y
e2e_check "accessible: results" wait_for "คะแนน"
e2e_check "accessible: results are ASCII and Thai" ascii_or_thai
keys Enter
e2e_check "accessible: course" wait_for "3. แบบทดสอบจับเวลา"
e2e_check "accessible: course is ASCII and Thai" ascii_or_thai
e2e_check "accessible: on module 1" cursor_on "1. พื้นฐานความปลอดภัยของรหัสผ่าน"
keys Enter
e2e_check "accessible: lesson" wait_for "1/"
e2e_check "accessible: lesson is ASCII and Thai" ascii_or_thai
keys q
e2e_check "accessible: course again" wait_for "3. แบบทดสอบจับเวลา"
keys G Enter
e2e_check "accessible: a timed quiz asks before it starts" wait_for "Enter เริ่ม"
e2e_check "accessible: its start screen is ASCII and Thai" ascii_or_thai
keys Enter
e2e_check "accessible: the timed quiz says whole minutes" \
    wait_for "เหลือ 1 นาที"
e2e_check "accessible: no clock with seconds" screen_lacks "00:0"
e2e_check "accessible: timed quiz is ASCII and Thai" ascii_or_thai
E2E_WAIT=150 e2e_check "accessible: results when time is up" \
    wait_for "หมดเวลา"
e2e_check "accessible: timed results are ASCII and Thai" ascii_or_thai
keys Enter
e2e_check "accessible: back on the course" wait_for "3. แบบทดสอบจับเวลา"
keys q
e2e_check "accessible: home" wait_for "สวัสดี สมชาย ฟังเสียง"
e2e_check "accessible: home is ASCII and Thai" ascii_or_thai
e2e_check "accessible: on the course" \
    cursor_on "ทักษะดิจิทัลเบื้องต้นสำหรับการทดสอบ"
keys q
e2e_check "accessible: quits" exited_ok

# --- and from the command line (the timed quiz now 70 seconds long, for
# the minutes below)
sed -i 's/time-limit: 10s/time-limit: 70s/' \
    "$E2E_CAT/e2e-journey/03-timed.yaml"
e2e_restart --accessible --content "$E2E_CAT" --db "$E2E_DB"
# the module-2 quiz left open at the start comes back
e2e_check "--accessible: in ASCII" wait_for "ข้อ 1/5 > o o o o"
e2e_check "--accessible: the screen is ASCII and Thai" ascii_or_thai

# --- the time left is said when its minute changes, and on a key: the
# 70-second quiz starts at 2 minutes and shows 1 after 10 seconds
keys Escape
e2e_check "--accessible: the course" wait_for "3. แบบทดสอบจับเวลา"
keys G Enter
e2e_check "--accessible: the 70-second quiz's start" wait_for "Enter เริ่ม"
keys Enter
e2e_check "--accessible: 2 minutes left" wait_for "เหลือ 2 นาที"
E2E_WAIT=300 e2e_check "--accessible: then 1 minute left, said by itself" \
    wait_for "เหลือ 1 นาที"
e2e_check "--accessible: never a clock with seconds" \
    sh -c "! $T capture-pane -p | grep -qE '[0-9][0-9]:[0-9][0-9]'"
keys Down
e2e_check "--accessible: a key says it again, in minutes" \
    wait_for "เหลือ 1 นาที"
e2e_check "--accessible: the timed quiz is ASCII and Thai" ascii_or_thai
e2e_done
