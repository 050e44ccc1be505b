#!/bin/sh
# The development-plan screen ('d' on home) and the 70:20:10 log ('b' on
# the plan screen): requirements done and left, the next step, adding a
# log entry with Thai text, its balance, and the entry in the outbox; at
# 40x12 the balance keeps its figures and the plan cuts after a word.
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

# The screens are reached from home with 'd'. Until the home view binds
# it, there is nothing to drive: say so and count nothing.
if ! grep -q 'plan_ui_open' tui/screens/view_home.c tui/screens/app.c 2>/dev/null; then
	echo "$e2e_name: skipped: 'd' is not bound to plan_ui_open() on home yet"
	echo "$e2e_name: 0 passed, 0 failed"
	exit 0
fi
LEARNER=${RIANRU_BUILD:-build/default}/tests/store/learner
[ -x "$LEARNER" ] || { echo "no $LEARNER (make check builds it)"; exit 1; }

mkdir -p "$E2E_TMP/content"
cp -R content/digital-literacy content/data-leadership content/plans \
    "$E2E_TMP/content/"
DB="$E2E_TMP/p.db"
"$RIANRU" --db "$DB" user add --code 4001 --name "สมศรี ใจดี" \
    --group service >/dev/null
"$LEARNER" "$DB" "$E2E_TMP/content" 4001 start digital-literacy

E2E_ROWS=30
e2e_start --content "$E2E_TMP/content" --db "$DB"
# the app reopens the page read last: walk back out to home
e2e_check "resumes in the lesson" wait_for "1/3"
keys q
e2e_check "course view" wait_for "t แบบทดสอบ"
keys q
e2e_check "home" wait_for "ความรู้ดิจิทัลและการทำงานออนไลน์อย่างปลอดภัย"
keys d
e2e_check "plan title for the service group" \
    wait_for "แผนพัฒนาทักษะดิจิทัล ผู้ทำงานด้านบริการ"
e2e_check "course under way shown in progress" wait_for "◐ ความรู้ดิจิทัล"
e2e_check "next step: continue the course" \
    wait_for "ขั้นต่อไป: เรียนหลักสูตร “ความรู้ดิจิทัลและการทำงานออนไลน์อย่างปลอดภัย” ต่อให้จบ"
e2e_check "area items with hours" wait_for "(0/6 ชม.)"
e2e_check "plan fits 80 columns" screen_fits
keys Enter
e2e_check "Enter opens the course" wait_for "1. "
keys q
e2e_check "back on the plan" wait_for "ขั้นต่อไป:"
keys b
e2e_check "log screen, empty" wait_for "ยังไม่มีบันทึก"
e2e_check "balance with courses only" wait_for "การฝึกปฏิบัติในงาน (70)"
keys a
e2e_check "form opens" wait_for "เพิ่มบันทึก"
# date: keep today; kind: coaching; area: one to the right
keys Tab Right Tab Right Tab
keys C-u 45 Tab
keys "ช่วยประชาชนยื่นคำขอออนไลน์"
e2e_check "Thai reflection typed" wait_for "ช่วยประชาชนยื่นคำขอออนไลน์"
keys Enter
e2e_check "entry listed" wait_for "45 นาที"
e2e_check "entry area and kind" wait_for "โค้ช  45 นาที  ธรรมาภิบาล"
e2e_check "coaching share shown" wait_for "100%  0.8 ชม."
e2e_check "log fits 80 columns" screen_fits
keys a Tab Tab Tab C-u 2000 Enter
e2e_check "bad minutes refused" wait_for "เวลาที่ใช้ต้องเป็นจำนวนนาที 1 ถึง 1440"
keys Escape
e2e_check "form cancelled" wait_for "a เพิ่มบันทึก"
# a Buddhist-era date in Thai digits, as officers write it
keys a
e2e_check "the date's label names the Buddhist era, not ค.ศ." \
    wait_for "วันที่ (วัน/เดือน/ปี พ.ศ.)"
e2e_check "today is filled in as the list writes dates" \
    wait_for "$(date +%d/%m)/$(( $(date +%Y) + 543 ))"
keys C-u
keys -l "๒๕๖๘-๐๒-๒๙"
e2e_check "Thai digits fit the date field" wait_for "๒๕๖๘-๐๒-๒๙"
keys Tab Tab Tab C-u 30 Enter
e2e_check "a day its month does not have is named" \
    wait_for "เดือนกุมภาพันธ์ 2568 มีเพียง 28 วัน"
keys C-u
keys -l "hello"
keys Enter
e2e_check "no date at all: how to write one" \
    wait_for "เขียนวันที่เป็น วัน/เดือน/ปี หรือ ปี-เดือน-วัน"
keys C-u			# the error put the cursor back on the date
keys -l "๒๕๖๘-๐๒-๒๘"
keys Enter
e2e_check "a Buddhist-era date is saved as its Western day" \
    wait_for "28/02/2568"
# typed the way the list shows dates (day/month/พ.ศ.)
keys a C-u
keys -l "1/3/2568"
keys Enter
e2e_check "a date typed as the list writes it is taken" wait_for "01/03/2568"
keys a C-u
keys -l "2999-01-01"
keys Enter
e2e_check "a future date is refused in Thai" wait_for "วันที่นี้ยังมาไม่ถึง"
keys Escape
# at 40x12 each share and its hours stay whole, the names are cut
# instead, and the plan's rows are cut after a word with …
resize 40 12
e2e_check "40x12: the log keeps each share and its hours" \
    wait_re "\(20\) +100%  [0-9]+\.[0-9] ชม\.$"
screen_ok "log at 40x12"
keys q
e2e_check "40x12: a plan row cut after a word, with …" \
    wait_for "◐ ความรู้ดิจิทัลและการทำงานออนไลน์อย่าง…"
screen_ok "plan at 40x12"
resize 80 24
keys b
e2e_check "the log again" wait_for "a เพิ่มบันทึก"
keys L
e2e_check "English log" wait_for "70:20:10 development log"
keys q
e2e_check "English plan" wait_for "Next step: Continue the course"
keys q q
e2e_check "quits cleanly" exited_ok
e2e_check "entry and its statement stored" sh -c "sqlite3 '$DB' \
    \"SELECT count(*) FROM practice_log l JOIN event e ON e.ref = 'log/' || l.id
      JOIN outbox o ON o.stmt_id = e.stmt_id WHERE l.minutes = 45
      AND l.kind = 'coaching' AND o.json LIKE '%coaching/digital-governance%'\" |
    grep -qx 1"
e2e_done
