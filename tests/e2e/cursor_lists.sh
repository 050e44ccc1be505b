#!/bin/sh
# Screen readers and braille displays follow the terminal cursor
# (docs/accessibility.md): on every list the cursor is on the selected
# row (the row drawn selected), and moves with it. Home, search results,
# the plan, the 70:20:10 log, course feedback, my progress (no selection:
# the start of the content), the log's entry form (its pickers), the
# kiosk's officer list, the trainer's menu and the room's progress (no
# selection: its first row). Then those screens in accessible mode show
# nothing outside ASCII but Thai. The quiz, the course and fields:
# tests/e2e/accessibility.sh.
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

LEARNER=${RIANRU_BUILD:-build/default}/tests/store/learner
[ -x "$LEARNER" ] || { echo "no $LEARNER (make check builds it)"; exit 1; }
mkdir -p "$E2E_TMP/content"
cp -R content/digital-literacy content/data-leadership content/plans \
    "$E2E_TMP/content/"
"$RIANRU" --db "$E2E_DB" user add --code 7401 --name "สมชาย ฟังเสียง" \
    --group service >/dev/null
# a course passed with half its answers wrong (pages to revisit), one
# started, and two entries in the 70:20:10 log
"$LEARNER" "$E2E_DB" "$E2E_TMP/content" 7401 pass digital-literacy 50 \
    >/dev/null
"$LEARNER" "$E2E_DB" "$E2E_TMP/content" 7401 start data-leadership >/dev/null
"$LEARNER" "$E2E_DB" "$E2E_TMP/content" 7401 log "$(date +%F)" coaching \
    digital-literacy 45 "ช่วยประชาชนยื่นคำขอออนไลน์" >/dev/null
"$LEARNER" "$E2E_DB" "$E2E_TMP/content" 7401 log "$(date +%F)" practice \
    digital-governance 30 "ตรวจสิทธิ์การเข้าถึงแฟ้ม" >/dev/null

# The row the cursor is on is drawn selected (reverse video or the
# selection's colours), and holds the fixed string $1 when given.
cursor_selected() {
	n=50
	while [ $n -gt 0 ]; do
		y=$($T display -p '#{cursor_y}')
		row=$($T capture-pane -p -e | sed -n "$((y + 1))p")
		if printf '%s' "$row" | grep -q "$(printf '\033')\[\(7\|46\)m" &&
		    { [ -z "${1:-}" ] || printf '%s' "$row" | grep -qF -- "$1"; }
		then
			CUR_Y=$y
			return 0
		fi
		sleep 0.1
		n=$((n - 1))
	done
	echo "--- cursor at $($T display -p '#{cursor_x},#{cursor_y}'): not on a selected row ${1:-}" >&2
	e2e_screen >&2
	return 1
}
# After a key that moves the selection: on a selected row, another one.
cursor_moved() {
	old=$CUR_Y
	cursor_selected "${1:-}" || return 1
	[ "$CUR_Y" -ne "$old" ] && return 0
	echo "--- the cursor stayed on row $old" >&2
	return 1
}
cursor_at() {
	[ "$($T display -p '#{cursor_x},#{cursor_y}')" = "$1" ] && return 0
	echo "--- cursor at $($T display -p '#{cursor_x},#{cursor_y}'), not $1" >&2
	return 1
}

E2E_ROWS=30
e2e_start --content "$E2E_TMP/content" --db "$E2E_DB"
e2e_check "resumes in a lesson" wait_for "t แบบทดสอบ  q กลับ"
keys q q
e2e_check "home" wait_for "สวัสดี สมชาย ฟังเสียง"
e2e_check "home: on the selected course" cursor_selected
keys j
e2e_check "home: j moves it" cursor_moved
keys k
# search results: the places found under a course
keys /
keys -l "รหัสผ่าน"
keys Enter Down
e2e_check "search: on the selected place" cursor_selected "หน้า 2.3"
keys Down
e2e_check "search: Down moves it" cursor_moved "ข้อ 2.5"
keys Escape
e2e_check "search cleared" wait_for "ภาวะผู้นำดิจิทัล"
# the course feedback of the course passed with wrong answers
keys g Enter
e2e_check "course" wait_for "t แบบทดสอบ"
keys f
e2e_check "course feedback" wait_for "Enter"
e2e_check "course feedback: on the selected page to revisit" cursor_selected
keys j
e2e_check "course feedback: j moves it" cursor_moved
keys q q
# the plan and the 70:20:10 log
keys d
e2e_check "plan" wait_for "ขั้นต่อไป:"
e2e_check "plan: on the selected row" cursor_selected
keys j
e2e_check "plan: j moves it" cursor_moved
keys b
e2e_check "log" wait_for "ช่วยประชาชนยื่นคำขอออนไลน์"
e2e_check "log: on the selected entry" cursor_selected
keys j
e2e_check "log: j moves it" cursor_moved
# the entry form: its pickers are drawn selected like its fields, and the
# cursor follows the one picked by Tab, not the date field above them
keys a
e2e_check "log form" wait_for "วันที่ (วัน/เดือน/ปี พ.ศ.)"
keys Tab
e2e_check "log form: on the kind picker" cursor_on "ประเภท  ◀"
keys Tab
e2e_check "log form: on the skill area picker" cursor_on "ด้านทักษะ  ◀"
keys Tab
e2e_check "log form: back in a field, the minutes" cursor_on "60"
keys Escape
keys q q
e2e_check "home again" wait_for "สวัสดี สมชาย ฟังเสียง"
# my progress has no selection: the start of its content
keys m
e2e_check "my progress" wait_for "↑↓"
e2e_check "my progress: the cursor at the start of the content" cursor_at "2,2"
keys q q
e2e_check "quits" exited_ok

# --- the same screens in accessible mode: ASCII and Thai only
# (tests/e2e/accessibility.sh: the quiz, results, course, lesson, help)
e2e_restart --accessible --content "$E2E_TMP/content" --db "$E2E_DB"
e2e_check "accessible: resumes in a lesson" wait_for "t แบบทดสอบ  q กลับ"
keys q q
e2e_check "accessible: home" wait_for "สวัสดี สมชาย ฟังเสียง"
e2e_check "accessible: home is ASCII and Thai" ascii_or_thai
keys /
keys -l "รหัสผ่าน"
keys Enter
e2e_check "accessible: search results" wait_for "ข้อ 2.5"
e2e_check "accessible: search results are ASCII and Thai" ascii_or_thai
keys Escape
e2e_check "accessible: search cleared" wait_for "ภาวะผู้นำดิจิทัล"
keys g Enter
e2e_check "accessible: course" wait_for "t แบบทดสอบ"
keys f
e2e_check "accessible: course feedback" wait_for "Enter"
e2e_check "accessible: course feedback is ASCII and Thai" ascii_or_thai
keys q q
keys d
e2e_check "accessible: plan" wait_for "ขั้นต่อไป:"
e2e_check "accessible: plan is ASCII and Thai" ascii_or_thai
keys b
e2e_check "accessible: log" wait_for "ช่วยประชาชนยื่นคำขอออนไลน์"
e2e_check "accessible: log is ASCII and Thai" ascii_or_thai
keys a
e2e_check "accessible: log form" wait_for "วันที่ (วัน/เดือน/ปี พ.ศ.)"
keys Tab
e2e_check "accessible: on the kind picker" cursor_on "ประเภท  <"
e2e_check "accessible: log form is ASCII and Thai" ascii_or_thai
keys Escape
keys q q
e2e_check "accessible: home again" wait_for "สวัสดี สมชาย ฟังเสียง"
keys m
e2e_check "accessible: my progress" wait_for "^v"
e2e_check "accessible: my progress is ASCII and Thai" ascii_or_thai
keys q q
e2e_check "accessible: quits" exited_ok

# --- a kiosk: the officer list, the trainer's menu, the room's progress
ADMIN=$(echo 909090 | "$RIANRU" pin-hash)
printf 'kiosk: true\nadmin-pin-hash: "%s"\n' "$ADMIN" > "$E2E_TMP/kiosk.yaml"
# (in accessible mode, which moves no cursor: ASCII and Thai only too)
e2e_restart --accessible --config "$E2E_TMP/kiosk.yaml" \
    --content "$E2E_TMP/content" --db "$E2E_DB"
e2e_check "kiosk login" wait_for "ท่านคือใคร?"
keys -l "สมชาย"
e2e_check "kiosk: on the officer found" cursor_selected "7401"
e2e_check "kiosk: the officer list is ASCII and Thai" ascii_or_thai
keys F2 909090 Enter
e2e_check "trainer menu" wait_for "ออกจากโหมดคีออสก์"
e2e_check "trainer menu: on the selected item" cursor_selected
e2e_check "trainer menu: ASCII and Thai" ascii_or_thai
keys Down
e2e_check "trainer menu: Down moves it" cursor_moved
keys 4
e2e_check "room's progress" wait_for "7401"
e2e_check "room's progress: on its first row" cursor_on "7401"
e2e_check "room's progress: ASCII and Thai" ascii_or_thai
e2e_done
