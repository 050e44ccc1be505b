#!/bin/sh
# The catalogue, a Thai lesson, resizing, the language switch, the
# too-small screen and a course with a content error shown as skipped.
. tests/e2e/lib.sh

# a catalogue of the bundled courses plus one broken course
mkdir -p "$E2E_TMP/content"
cp -R content/digital-literacy content/data-leadership "$E2E_TMP/content/"
cp -R content/digital-literacy "$E2E_TMP/content/zz-broken"
sed 's/^id: digital-literacy/id: zz-broken/; s/^level: early/level: expert/' \
    content/digital-literacy/course.yaml > "$E2E_TMP/content/zz-broken/course.yaml"

"$RIANRU" --db "$E2E_TMP/p.db" user add --code 5001 --name "ทดสอบ ระบบ" \
    --group service >/dev/null
e2e_start --content "$E2E_TMP/content" --db "$E2E_TMP/p.db"
e2e_check "home shows Thai course titles" wait_for "ความรู้ดิจิทัลและการทำงานออนไลน์อย่างปลอดภัย"
e2e_check "broken course is reported as skipped" wait_for "ข้ามหลักสูตรที่มีข้อผิดพลาด 1 หลักสูตร"
e2e_check "home fits 80 columns" screen_fits
keys p
e2e_check "problems view names file and line" wait_for "zz-broken/course.yaml:"
e2e_check "problems view explains" wait_for "'expert' (expected one of: early, developing, advanced)"
keys q
keys Enter
e2e_check "course view lists modules" wait_for "1. "
e2e_check "certification valid until a Buddhist-era date" \
    wait_for "ถึง 31 ธันวาคม พ.ศ. 2570"
keys Enter
e2e_check "lesson shows page position" wait_for "1/3"
e2e_check "lesson fits 80 columns" screen_fits
e2e_check "no line starts with a following vowel or mark" screen_no_orphans
keys Right
e2e_check "next page" wait_for "2/3"
resize 50 16
e2e_check "after resize still on page 2" wait_for "2/3"
e2e_check "lesson fits 50 columns" screen_fits
e2e_check "no orphan marks at 50 columns" screen_no_orphans
resize 30 8
e2e_check "too-small screen" wait_for "หน้าจอเล็กเกินไป"
resize 100 30
e2e_check "back from too small, same page" wait_for "2/3"
keys L
e2e_check "language switch to English" wait_for "scroll"
e2e_check "English lesson fits 100 columns" screen_fits
keys L q q
e2e_check "home again" wait_for "ผู้นำรัฐบาลดิจิทัลและธรรมาภิบาลข้อมูล"
# a page title wider than the window stops before "1/4", cut after a word
keys Down Enter
e2e_check "the second course" wait_for "2. ธรรมาภิบาลข้อมูลภาครัฐ"
keys Down Enter
resize 40 12
e2e_check "its first page at 40 columns" wait_for "1/4"
e2e_check "a long page title at 40 columns: cut after a word, then n/m" \
    eval 'e2e_screen | sed -n 3p |
    grep -q "^  ธรรมาภิบาลข้อมูลคืออะไร และทำไมผู้… *1/4\$" || { e2e_screen >&2; false; }'
resize 100 30
keys q q
e2e_check "home once more" wait_for "ผู้นำรัฐบาลดิจิทัลและธรรมาภิบาลข้อมูล"
keys /
keys -l "ธรรมาภิบาล"
keys Enter
e2e_check "search by a Thai word keeps the matching course" \
    wait_for "ผู้นำรัฐบาลดิจิทัลและธรรมาภิบาลข้อมูล"
e2e_check "... and only it" wait_gone "ความเข้าใจและใช้เทคโนโลยีดิจิทัล · ระดับต้น"
keys Escape
e2e_check "Esc clears the search, not quit" \
    wait_for "ความเข้าใจและใช้เทคโนโลยีดิจิทัล · ระดับต้น"
keys /
keys -l "รหัสผ่าน"
keys Enter
e2e_check "words typed together: not the course where they stand apart" \
    wait_gone "ภาวะผู้นำดิจิทัล · ระดับกลาง"
e2e_check "... but the one about passwords" \
    wait_for "ความเข้าใจและใช้เทคโนโลยีดิจิทัล · ระดับต้น"
keys Escape
e2e_check "cleared again" wait_for "ภาวะผู้นำดิจิทัล · ระดับกลาง"
keys Escape
e2e_check "Esc right after clearing asks before quitting" \
    wait_for "ออกจากโปรแกรม? y ออก  ปุ่มอื่น อยู่ต่อ"
screen_ok "home asking to quit"
keys n
e2e_check "any other key stays" wait_gone "ออกจากโปรแกรม?"
e2e_check "... on home" wait_for "ภาวะผู้นำดิจิทัล · ระดับกลาง"
keys Escape
e2e_check "asked again" wait_for "ออกจากโปรแกรม?"
keys y
e2e_check "quits cleanly" exited_ok

# a content folder that is not there: home says so and where to look
e2e_start --content "$E2E_TMP/no-such-folder" --db "$E2E_TMP/p.db"
e2e_check "missing content: home points to the problems" \
    wait_for "โหลดหลักสูตรไม่ได้ กด p เพื่อดูสาเหตุ"
keys p
e2e_check "... which name the folder" wait_for "no-such-folder"
keys q q
e2e_check "quits cleanly again" exited_ok
e2e_done
