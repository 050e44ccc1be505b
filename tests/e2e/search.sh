#!/bin/sh
# Search shows where it found the words: under each course found, the
# pages and questions that hold them, each a line cut between words that
# fits the screen, the words found underlined (not by colour alone); the
# cursor on the selected line; Enter opens that page (a question: its
# module on the course screen). Part of a word that is not its beginning
# finds nothing (README, docs/content-packs.md). At 80x24 and 40x12.
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

mkdir -p "$E2E_TMP/content"
cp -R content/digital-literacy content/data-leadership "$E2E_TMP/content/"
"$RIANRU" --db "$E2E_DB" user add --code 5101 --name "ค้นหา ทดสอบ" \
    --group service >/dev/null

# The screen line with the fixed string $1 shows $2 underlined.
underlined_now() {
	$T capture-pane -p -e | grep -F -- "$1" | python3 -c '
import re, sys
word = sys.argv[1]
line = sys.stdin.read()
m = re.search("\x1b\\[(?:[0-9]*;)*4(?:;[0-9]*)*m(?:\x1b\\[[0-9;]*m)*" + re.escape(word), line)
if not m and sys.argv[2] == "say":
    print("--- not underlined: " + word + " in " + repr(line), file=sys.stderr)
sys.exit(0 if m else 1)' "$2" "$3"
}
# underlined LINE WORD: within 10 s (the screen may still show the last
# search's results, which can hold the same line)
underlined() {
	i=0
	while [ $i -lt 50 ]; do
		underlined_now "$1" "$2" quiet && return 0
		sleep 0.2
		i=$((i + 1))
	done
	underlined_now "$1" "$2" say
}
search() {
	keys /
	keys C-u
	keys -l "$1"
	keys Enter
}

e2e_start --content "$E2E_TMP/content" --db "$E2E_DB"
e2e_check "home" wait_for "สวัสดี ค้นหา ทดสอบ"
search "รหัสผ่าน"
e2e_check "a page where the words were found, under its course" \
    wait_re "^    หน้า 2\.3 ….*รหัสผ่าน"
e2e_check "... a question" wait_re "^    ข้อ 2\.5 .*รหัสผ่าน"
e2e_check "... a page whose title holds them" \
    wait_re "^    หน้า 3\.1 รหัสผ่านและการยืนยันตัวตน"
e2e_check "the words found are underlined" underlined "หน้า 3.1" "รหัสผ่าน"
e2e_check "... in the middle of a line too" underlined "หน้า 2.3" "รหัสผ่าน"
e2e_check "the other course is not found" \
    screen_lacks "ภาวะผู้นำดิจิทัล · ระดับกลาง"
screen_ok "search results at 80x24"
e2e_check "the cursor on the course" \
    cursor_on "ความรู้ดิจิทัลและการทำงานออนไลน์อย่างปลอดภัย"
keys Down
e2e_check "Down: the cursor on the first place" cursor_on "หน้า 2.3"
e2e_check "... drawn selected" highlighted "หน้า 2.3"
keys Down
e2e_check "Down: the question" cursor_on "ข้อ 2.5"
keys Down
e2e_check "Down: the page about passwords" cursor_on "หน้า 3.1"
keys Enter
e2e_check "Enter opens that page" wait_re "รหัสผ่านและการยืนยันตัวตนสองขั้นตอน +1/"
keys q
e2e_check "back: the course, on that module" \
    cursor_on "3. "
keys q
e2e_check "home keeps the search" wait_re "^    หน้า 2\.3 "
keys Up
e2e_check "Up: the question again" cursor_on "ข้อ 2.5"
keys Enter
e2e_check "Enter on a question: its module on the course screen" \
    cursor_on "2. "
keys q
e2e_check "home again" wait_re "^    ข้อ 2\.5 "

# words typed apart: the places with both first
search "รหัสผ่าน คลาวด์"
e2e_check "both words: the question that holds both" \
    wait_re "^    ข้อ 2\.5 .*คลาวด์"
e2e_check "... both underlined" underlined "ข้อ 2.5" "คลาวด์"
e2e_check "... the first too" underlined "ข้อ 2.5" "รหัสผ่าน"
# English, any case, and the beginning of a word
search "PASSW"
e2e_check "English: the beginning of a word" \
    wait_re "^    หน้า 2\.3 .*password"
e2e_check "... underlined as written" underlined "หน้า 2.3" "password"
# part of a word that is not its beginning finds nothing
search "ลอดภัย"
e2e_check "Thai: inside a word (ปลอดภัย) finds nothing" \
    wait_for "ไม่พบหลักสูตร"
search "assword"
e2e_check "English: inside a word (password) finds nothing" \
    wait_for "ไม่พบหลักสูตร"
keys Escape
e2e_check "Esc clears the search" wait_for "ภาวะผู้นำดิจิทัล · ระดับกลาง"
keys q
e2e_check "quits" exited_ok

# --- 40x12 (a new officer: the first one would resume on the page read)
"$RIANRU" --db "$E2E_TMP/p2.db" user add --code 5102 --name "ค้นหา ทดสอบ" \
    --group service >/dev/null
E2E_COLS=40 E2E_ROWS=12 e2e_restart --content "$E2E_TMP/content" \
    --db "$E2E_TMP/p2.db"
e2e_check "40x12: home" wait_for "สวัสดี ค้นหา ทดสอบ"
search "ยืนยันตัวตน"
e2e_check "40x12: the place under the course" \
    wait_re "^    หน้า 3\.1 .*ยืนยันตัวตน"
e2e_check "40x12: underlined" underlined "หน้า 3.1" "ยืนยันตัวตน"
screen_ok "search results at 40x12"
keys Down
e2e_check "40x12: the cursor on the place" cursor_on "หน้า 3.1"
keys Enter
e2e_check "40x12: Enter opens the page" wait_for "1/"
keys q q
e2e_check "40x12: home keeps the search" wait_re "^    หน้า 3\.1 "
search "นโยบาย"
e2e_check "40x12: a line cut with … in the middle of the text" \
    wait_re "^    หน้า [0-9.]+ …"
screen_ok "search results at 40x12, cut"
keys q
e2e_check "40x12: quits" exited_ok
e2e_done
