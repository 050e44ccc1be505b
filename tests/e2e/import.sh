#!/bin/sh
# Question banks brought in: a GIFT, an Aiken and a Moodle XML file (each
# with every type its format supports, in Thai) imported into a course
# with --course-dir, what was skipped listed, the course passing
# `rianru check`, a malformed bank refused with nothing written, and an
# officer answering every imported quiz in the app.
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

D=tests/data/import
C="$E2E_TMP/cat/imported"
mkdir -p "$C"
cat > "$C/course.yaml" <<'EOF'
rianru: 1
id: imported-bank
version: 1.0.0
title: { th: คลังข้อสอบนำเข้า, en: Imported question bank }
audience: all
area: digital-literacy
level: early
hours: 1
modules:
  - intro.yaml
EOF
cat > "$C/intro.yaml" <<'EOF'
id: intro
title: { th: บทนำ, en: Introduction }
pages:
  - title: { th: บทนำ, en: Introduction }
    text: { th: แบบทดสอบที่นำเข้าจากระบบอื่น, en: Quizzes from other systems }
EOF

# import FORMAT FILE MODULE: run rianru import into the course
import() {
	"$RIANRU" import "$D/$2" --format "$1" --out "$C/$3" \
	    --course-dir "$C" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
}

e2e_check "GIFT imports" import gift bank.gift gift.yaml
e2e_check "GIFT: what was written" test "$(cat "$E2E_TMP/out")" = \
    "$C/gift.yaml: 7 questions (1 choice, 1 multiple, 1 true-false, 1 fill-in, 2 numeric, 1 matching), 2 skipped"
e2e_check "GIFT: what was skipped, with file and line" test \
    "$(cat "$E2E_TMP/err")" = "$D/bank.gift:31: skipped essay 'ความเห็น' (essays cannot be marked here)
$D/bank.gift:33: skipped description 'ข้อความแนะนำก่อนเริ่มทำแบบทดสอบ' (text without a question)"
e2e_check "Aiken imports" import aiken bank.aiken.txt aiken.yaml
e2e_check "Moodle XML imports" import moodle-xml bank.xml moodle.yaml
e2e_check "Moodle XML: essay, calculated, cloze and images skipped" test \
    "$(cat "$E2E_TMP/err")" = "$D/bank.xml:47: skipped essay 'ความเห็น'
$D/bank.xml:51: skipped calculated question 'คำนวณ'
$D/bank.xml:55: skipped cloze (embedded answers) question 'เติมคำ'
$D/bank.xml:59: skipped 'รูปภาพ': it shows images"
e2e_check "modules added to course.yaml" grep -q "^  - moodle.yaml$" \
    "$C/course.yaml"
e2e_check "the course passes rianru check" test \
    "$("$RIANRU" check "$C")" = "1 course checked: 0 errors, 0 warnings"
e2e_check "Thai kept byte-exact" grep -qF \
    "prompt: ชื่อย่อของสำนักงาน ก.พ. ในภาษาไทย" "$C/moodle.yaml"
e2e_check "an id the course has is not reused" grep -q "^    - id: agency-2$" \
    "$C/moodle.yaml"

# importing again gives the same file (ids are stable) and no 2nd entry
cp "$C/gift.yaml" "$E2E_TMP/gift.before"
import gift bank.gift gift.yaml
e2e_check "import again: the same module" cmp -s "$C/gift.yaml" \
    "$E2E_TMP/gift.before"
e2e_check "import again: listed once" test \
    "$(grep -c 'gift.yaml' "$C/course.yaml")" = 1

# a malformed bank: file:line:col, exit 1, nothing written
printf '::ก::ข้อ {=ก ~ข\n\n::b::x {#abc}\n' > "$E2E_TMP/bad.gift"
"$RIANRU" import "$E2E_TMP/bad.gift" --format gift --out "$E2E_TMP/bad.yaml" \
    2>"$E2E_TMP/err"
e2e_check "malformed: exit 1" test $? = 1
e2e_check "malformed: every error with line and column" test \
    "$(cat "$E2E_TMP/err")" = "$E2E_TMP/bad.gift:1:10: unclosed '{' in question 'ก'
$E2E_TMP/bad.gift:3:10: expected a number, 'N:TOLERANCE' or 'MIN..MAX' in question 'b'
rianru import: 2 errors in '$E2E_TMP/bad.gift'; nothing written"
e2e_check "malformed: nothing written" test ! -e "$E2E_TMP/bad.yaml"

# --- an officer answers each imported quiz
E2E_DB="$E2E_TMP/p.db"
"$RIANRU" --db "$E2E_DB" user add --code 7010 --name "วิภา นำเข้า" \
    --group service >/dev/null
E2E_COLS=100 E2E_ROWS=30 e2e_start --content "$E2E_TMP/cat" --db "$E2E_DB"
e2e_check "home" wait_for "สวัสดี วิภา นำเข้า"
keys Enter
e2e_check "the imported modules are listed" wait_for "4. ความปลอดภัยออนไลน์"

# right: Enter to check, see it was right, Enter to go on
right() {
	keys Enter
	wait_for "✓ ถูกต้อง" || return 1
	keys Enter
}

# module 2: the GIFT quiz
keys j t
e2e_check "GIFT quiz 1/7" wait_for "ข้อ 1/7"
e2e_check "GIFT choice prompt" wait_for "ข้อใดเป็นรหัสผ่านที่ดีที่สุด"
screen_ok "imported choice"
keys 2
e2e_check "GIFT choice" right
keys 1 2
e2e_check "GIFT multiple" right
keys 2
e2e_check "GIFT true-false" right
keys -l "กพ"
e2e_check "GIFT fill-in" right
keys -l "12"
e2e_check "GIFT numeric" right
keys -l "20"
e2e_check "GIFT numeric range" right
e2e_check "GIFT matching 7/7" wait_for "ข้อ 7/7"
e2e_check "GIFT matching: OTP" match_row 1 "รหัสใช้ครั้งเดียว"
e2e_check "GIFT matching: VPN" match_row 2 "เครือข่ายส่วนตัวเสมือน"
e2e_check "GIFT matching: MFA" match_row 3 "การยืนยันตัวตนหลายปัจจัย"
screen_ok "imported matching"
keys Enter
e2e_check "GIFT matching right" wait_for "✓ ถูกต้อง"
keys s y
e2e_check "GIFT quiz: 100%" wait_for "คะแนน 100% (7/7)"
keys Enter

# module 3: the Aiken quiz
e2e_check "back on the course" wait_for "3. bank.aiken"
keys j t
e2e_check "Aiken quiz 1/2" wait_for "ข้อ 1/2"
keys 2
e2e_check "Aiken 1" right
keys 1 Enter
e2e_check "Aiken 2" wait_for "✓ ถูกต้อง"
keys s y
e2e_check "Aiken quiz: 100%" wait_for "คะแนน 100% (2/2)"
keys Enter

# module 4: the Moodle XML quiz
e2e_check "course again" wait_for "4. ความปลอดภัยออนไลน์"
keys j t
e2e_check "Moodle quiz 1/6" wait_for "ข้อ 1/6"
e2e_check "HTML text as plain text" wait_for "ข้อใดเป็นรหัสผ่านที่ดีที่สุด"
keys 2
e2e_check "Moodle choice" right
keys 1 2
e2e_check "Moodle multiple" right
keys 2
e2e_check "Moodle true-false" right
keys -l "ก.พ."
e2e_check "Moodle short answer" right
e2e_check "Moodle numeric shows the unit" wait_for "ตัวอักษร"
keys -l "12"
e2e_check "Moodle numeric" right
e2e_check "Moodle matching: OTP" match_row 1 "รหัสใช้ครั้งเดียว"
e2e_check "Moodle matching: VPN" match_row 2 "เครือข่ายส่วนตัวเสมือน"
keys Enter
e2e_check "Moodle matching right" wait_for "✓ ถูกต้อง"
keys s y
e2e_check "Moodle quiz: 100%" wait_for "คะแนน 100% (6/6)"
screen_ok "results of an imported quiz"
keys Enter q q q
e2e_check "quits cleanly" exited_ok
e2e_check "every answer stored as right" test \
    "$(db_query "SELECT count(*) FROM answer WHERE correct = 1")" = 15
e2e_done
