#!/bin/sh
# Content updates reach a running app: a trainer packs a change to one
# course and adds another; the officer's app, mid-quiz on the changed
# course, installs the update by itself in the background (content-check)
# and keeps the version the attempt was started on until the quiz is
# finished; home then shows the new catalogue and says what is new, in
# Thai and in English. An attempt left open over an update (`rianru
# update` while the app is closed) resumes on its version from the pack
# kept for it, which the next update removes once no attempt needs it.
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

C=$E2E_TMP/trainer
SITE=$E2E_TMP/site
CATDIR=$E2E_TMP/catalogue
cp -R "$E2E_CAT" "$C"
"$RIANRU" keygen --out "$E2E_TMP/k" >/dev/null 2>&1
publish() {
	"$RIANRU" pack "$C" --key "$E2E_TMP/k.key" --out "$SITE" \
	    --catalogue e2e >/dev/null 2>&1
}
seq_installed() {
	sed -n 's/^sequence //p' "$CATDIR/index"
}
kept_packs() {
	ls "$CATDIR/kept" 2>/dev/null | grep -c '\.pack$'
}
publish
printf 'content-source: %s\ncontent-key: %s\ncontent-check: %s\n' "$SITE" \
    "$E2E_TMP/k.pub" 1 >"$E2E_TMP/cfg.yaml"
E2E_ENV="RIANRU_CONFIG=$E2E_TMP/cfg.yaml"
"$RIANRU" --db "$E2E_DB" user add --code 7001 --name "ประเสริฐ ทดสอบ" \
    --group policy >/dev/null

# --- the app installs the catalogue by itself at start
e2e_start --db "$E2E_DB"
e2e_check "home" wait_for "สวัสดี ประเสริฐ ทดสอบ"
e2e_check "the catalogue arrives without a restart" \
    wait_for "ทักษะดิจิทัลเบื้องต้นสำหรับการทดสอบ"
e2e_check "installed: sequence 1" test "$(seq_installed)" = 1

# --- into the at-end quiz, two of five answered
keys Enter
e2e_check "course" wait_for "2. การดูแลข้อมูลส่วนบุคคล"
keys j t
e2e_check "quiz 1/5" wait_for "ข้อ 1/5 ◆ ○ ○ ○ ○"
keys 2 Enter
e2e_check "on 2/5" wait_for "ข้อ 2/5 ● ◆ ○ ○ ○"
keys 2 Enter
e2e_check "on 3/5: the question as started" \
    wait_for "ข้อใดเป็นการเก็บรักษาข้อมูลที่ดี"

old_hash=$(sed -n 's/^course e2e-journey [^ ]* \([0-9a-f]*\) .*/\1/p' "$CATDIR/index")
# --- the trainer changes that question and the title, adds a course
sed -i 's/ข้อใดเป็นการเก็บรักษาข้อมูลที่ดี/ข้อใดช่วยให้ข้อมูลปลอดภัย/' \
    "$C/e2e-journey/02-at-end.yaml"
sed -i 's/th: ทักษะดิจิทัลเบื้องต้นสำหรับการทดสอบ/th: ทักษะดิจิทัลฉบับปรับปรุง/' \
    "$C/e2e-journey/course.yaml"
cp -R "$C/e2e-journey" "$C/e2e-second"
sed -i 's/^id: e2e-journey/id: e2e-second/;
    s/th: ทักษะดิจิทัลฉบับปรับปรุง/th: หลักสูตรที่สองสำหรับทดสอบ/' \
    "$C/e2e-second/course.yaml"
publish
n=100
while [ "$(seq_installed)" != 2 ] && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
e2e_check "the app installed sequence 2 in the background" \
    test "$(seq_installed)" = 2
e2e_check "the pack the open attempt needs is kept" test "$(kept_packs)" = 1
e2e_check "mid-quiz: still the version started" \
    wait_for "ข้อใดเป็นการเก็บรักษาข้อมูลที่ดี"
keys 1 2
e2e_check "keys still work" wait_for "2 [x] เก็บไฟล์ในพื้นที่ขององค์กร"
keys Enter
e2e_check "fill-in 4/5" wait_for "ข้อ 4/5"
keys -l "pdpa"
keys Enter
e2e_check "numeric 5/5" wait_for "ข้อ 5/5"
keys -l "๗๒"
keys Enter
e2e_check "all answered" wait_for "ตอบครบทุกข้อแล้ว กด F10 เพื่อส่ง"
keys F10
e2e_check "submit?" wait_re "ส่งคำตอบ\? ตอบแล้ว 5 จาก 5 ข้อ"
keys y
e2e_check "results: the old version scored 5/5" \
    wait_for "คะแนน 100% (5/5)  เกณฑ์ผ่าน 50%"
e2e_check "results: question 3 as it was asked" \
    wait_for "ข้อใดเป็นการเก็บรักษาข้อมูลที่ดี"
e2e_check "the finished attempt pins the version it was started on" test \
    "$(db_query "SELECT content_hash FROM attempt WHERE quiz_id =
    'at-end-check' AND finished IS NOT NULL")" = "$old_hash"
keys Enter
e2e_check "back on the course, now the new version" \
    wait_for "ทักษะดิจิทัลฉบับปรับปรุง"
keys q
e2e_check "home: the new course" wait_for "หลักสูตรที่สองสำหรับทดสอบ"
e2e_check "home says what is new (Thai)" \
    wait_for "อัปเดต 1 หลักสูตร และมีหลักสูตรใหม่ 1 หลักสูตร"
screen_ok "home after the update"
keys L
e2e_check "home says what is new (English)" \
    wait_for "1 course(s) updated, 1 new"
keys L
e2e_check "back in Thai" wait_for "สวัสดี"
keys q
e2e_check "quits cleanly" exited_ok
e2e_check "nothing pinned: the kept pack went with the next update" sh -c \
    'RIANRU_CONFIG=$4 "$1" --db "$2" update >/dev/null
    test "$(ls "$3/kept" | wc -l)" = 0' \
    sh "$RIANRU" "$E2E_DB" "$CATDIR" "$E2E_TMP/cfg.yaml"

# --- an attempt left open over `rianru update` resumes on its version
printf 'content-source: %s\ncontent-key: %s\ncontent-check: 0\n' "$SITE" \
    "$E2E_TMP/k.pub" >"$E2E_TMP/cfg.yaml"
e2e_restart --db "$E2E_DB"
e2e_check "home again" wait_for "ทักษะดิจิทัลฉบับปรับปรุง"
keys Enter
e2e_check "course" wait_for "2. การดูแลข้อมูลส่วนบุคคล"
keys j t
e2e_check "a new attempt" wait_for "ข้อ 1/5 ◆ ○ ○ ○ ○"
keys 2 Enter
e2e_check "one answered" wait_for "ข้อ 2/5 ● ◆ ○ ○ ○"
keys q
e2e_check "the course" wait_for "t แบบทดสอบ"
keys q
e2e_check "home" wait_for "สวัสดี"
keys q
e2e_check "left with the attempt open" exited_ok
sed -i 's/ข้อใดช่วยให้ข้อมูลปลอดภัย/ข้อใดปลอดภัยที่สุด/' \
    "$C/e2e-journey/02-at-end.yaml"
publish
RIANRU_CONFIG=$E2E_TMP/cfg.yaml "$RIANRU" --db "$E2E_DB" update >/dev/null 2>&1
e2e_check "rianru update installed sequence 3" test "$(seq_installed)" = 3
e2e_check "and kept the open attempt's pack" test "$(kept_packs)" = 1
e2e_restart --db "$E2E_DB"
e2e_check "the start resumes the open quiz at 2/5" wait_for "ข้อ 2/5 ● ◆ ○ ○ ○"
keys 2 Enter
e2e_check "question 3 as the attempt began it" \
    wait_for "ข้อใดช่วยให้ข้อมูลปลอดภัย"
keys q
e2e_check "the course" wait_for "t แบบทดสอบ"
keys q
e2e_check "home" wait_for "สวัสดี"
keys q
e2e_check "quits cleanly again" exited_ok

# --- a catalogue folder another user could write is no one's content: an
# index put there is not switched to
e2e_restart --db "$E2E_DB"
e2e_check "the open quiz again" wait_for "ข้อ 3/5"
keys q
e2e_check "the course once more" wait_for "t แบบทดสอบ"
keys q
e2e_check "home, the second course as installed" \
    wait_for "หลักสูตรที่สองสำหรับทดสอบ"
sed -i 's/th: หลักสูตรที่สองสำหรับทดสอบ/th: หลักสูตรปลอมจากผู้อื่น/' \
    "$C/e2e-second/course.yaml"
publish
chmod 0777 "$CATDIR"
cp "$SITE"/*.pack "$CATDIR/"
cp "$SITE/index" "$CATDIR/index"
e2e_check "the app does not switch to it, and says so" \
    wait_for "เปิดรายการหลักสูตรชุดใหม่ไม่ได้ จึงใช้ชุดเดิมต่อไป"
e2e_check "home keeps the course as installed" \
    screen_lacks "หลักสูตรปลอมจากผู้อื่น"
keys q
e2e_check "quits cleanly a last time" exited_ok
chmod 0700 "$CATDIR"
e2e_done
