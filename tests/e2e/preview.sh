#!/bin/sh
# Trainer preview: content as officers see it, correct answers on a key,
# reload on save, an error pane for a broken file that keeps the last
# good version, and the progress file left byte-identical.
. tests/e2e/lib.sh

cp -R content/digital-literacy "$E2E_TMP/course"
M="$E2E_TMP/course/01-digital-government.yaml"
DB="$E2E_TMP/p.db"
"$RIANRU" --db "$DB" user add --code 1 --name x --group other >/dev/null
sum_before=$(cksum < "$DB")

E2E_ENV="RIANRU_CONFIG=/dev/null" e2e_start --db "$DB" preview "$E2E_TMP/course"
e2e_check "preview opens the course" wait_for "[ดูตัวอย่าง]"
e2e_check "... the bar: name, preview tag, separator, screen" \
    eval 'e2e_screen | head -n 1 | grep -q "^ เรียนรู้ \[ดูตัวอย่าง\] · "'
e2e_check "modules listed" wait_for "1. รัฐบาลดิจิทัลและบทบาทของข้าราชการ"
keys g
keys -l "safe-online-check"
keys Enter
e2e_check "jump to a quiz by id" wait_for "ข้อ 1/7"
keys Tab
e2e_check "next question" wait_for "ข้อ 2/7"
keys Escape
keys Enter
e2e_check "lesson shown" wait_for "1/3"
keys Escape
keys g
keys -l "dg-meaning"
keys Enter
e2e_check "jump to a question by id" wait_for "ข้อใดอธิบายความหมายของรัฐบาลดิจิทัลได้ดีที่สุด"
keys a
e2e_check "a shows the correct answer" wait_for "เฉลย:"
keys a
e2e_check "a hides it again" wait_gone "เฉลย:"
keys F6
keys -l "dg-ocsc"
keys Enter
e2e_check "F6 jumps to a fill-in question" wait_for "คำตอบ:"
keys -l "ag"
e2e_check "a and g type into the answer" wait_for "ag"
keys F5
e2e_check "F5 shows the answer even while typing" wait_for "เฉลย:"
keys Escape
e2e_check "leaving the quiz says nothing was saved" \
    wait_for "โหมดแสดงตัวอย่าง: ไม่มีการบันทึก"

# a mistake: the pane names it, the last good version stays
sed 's/^title:/titel:/' "$M" > "$M.tmp" && mv "$M.tmp" "$M"
e2e_check "error pane with path:line:col" wait_for "01-digital-government.yaml:2:1:"
e2e_check "last good version still shown" wait_for "1. รัฐบาลดิจิทัลและบทบาทของข้าราชการ"
# fixed and changed: reloaded
sed 's/^titel:/title:/; s/th: รัฐบาลดิจิทัลและบทบาทของข้าราชการ/th: รัฐบาลดิจิทัลกับบทบาทข้าราชการ/' \
    "$M" > "$M.tmp" && mv "$M.tmp" "$M"
e2e_check "reloaded after the fix" wait_for "1. รัฐบาลดิจิทัลกับบทบาทข้าราชการ"
e2e_check "error pane gone" wait_gone "unknown key 'titel'"
e2e_check "preview fits the screen" screen_fits
keys q q
e2e_check "quits cleanly" exited_ok
e2e_check "progress file byte-identical" sh -c "[ \"\$(cksum < '$DB')\" = '$sum_before' ]"
e2e_check "no -wal or -shm left by the preview" sh -c "! ls '$DB'-wal '$DB'-shm 2>/dev/null | grep -q ."

# the same page id in two modules: g goes to the first and says so;
# MODULE/ID picks the other; an unknown module is no such id
cp -R content/digital-literacy "$E2E_TMP/twice"
sed -i 's/^  - id: file-naming$/  - id: why-digital/' \
    "$E2E_TMP/twice/02-documents-data.yaml"
sed -i "s/\[file-naming\]/[why-digital]/; s/- file-naming\$/- why-digital/" \
    "$E2E_TMP/twice/02-documents-data.yaml"
E2E_ENV="RIANRU_CONFIG=/dev/null" e2e_start --db "$DB" preview "$E2E_TMP/twice"
e2e_check "preview of a course with a page id twice" \
    wait_for "1. รัฐบาลดิจิทัลและบทบาทของข้าราชการ"
keys g
keys -l "why-digital"
keys Enter
e2e_check "a bare id goes to the first module's page" \
    wait_for "รัฐบาลดิจิทัลคืออะไร และทำไมต้องเปลี่ยน"
e2e_check "... and says there are two, naming this one" \
    wait_for "'why-digital' มีอยู่ 2 แห่ง: นี่คือ digital-government/why-digital"
keys g
keys -l "documents-data/why-digital"
keys Enter
e2e_check "module/id goes to the other module's page" \
    wait_for "ตั้งชื่อและจัดเก็บไฟล์ให้ค้นเจอ"
e2e_check "... which is the second module" wait_for "การทำงานกับเอกสารและข้อมูล"
keys g
keys -l "digital-literacy/digital-government/why-digital"
keys Enter
e2e_check "course/module/id too" \
    wait_for "รัฐบาลดิจิทัลคืออะไร และทำไมต้องเปลี่ยน"
keys g
keys -l "no-module/why-digital"
keys Enter
e2e_check "an unknown module: no such id" \
    wait_for "ไม่พบ id 'no-module/why-digital'"
keys q q q
e2e_check "quits cleanly after the jumps" exited_ok
e2e_done
