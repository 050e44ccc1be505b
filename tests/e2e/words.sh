#!/bin/sh
# A course's own words (course.yaml 'words:'): at 40 columns libthai alone
# cuts คิวอาร์|โค้ด at the end of the lesson's first line; with the words
# listed the line ends before คิวอาร์โค้ด, which starts the next line
# whole; the same for a question's prompt and its explanation, also in a
# review opened from home (two days later, the question answered wrong),
# the quiz's title in the title bar and the course's on home (two courses
# there, so none is the screen's), each cut after a word with "…".
# The course goes through the compiled pack, so the pack carries the words.
. tests/e2e/lib.sh

mkdir -p "$E2E_TMP/with" "$E2E_TMP/without/e2e-words"
cp -R tests/data/e2e/words/e2e-words "$E2E_TMP/with/"
cp tests/data/e2e/words/e2e-words/01-scams.yaml "$E2E_TMP/without/e2e-words/"
sed '/^words:/,/^modules:/{/^modules:/!d}' \
    tests/data/e2e/words/e2e-words/course.yaml \
    >"$E2E_TMP/without/e2e-words/course.yaml"
# a second course, without words, so the pack compiled last leaves none
cp -R "$E2E_TMP/without/e2e-words" "$E2E_TMP/with/zz-plain"
sed -i 's/^id: e2e-words/id: zz-plain/; s/ภัยใกล้ตัวจากการส่งแรนซัมแวร์/หลักสูตรที่สองไม่มีคำ/' \
    "$E2E_TMP/with/zz-plain/course.yaml"
# two progress files: the app goes back to a quiz left open
for db in p.db p2.db; do
	"$RIANRU" --db "$E2E_TMP/$db" user add --code 5001 \
	    --name "ทดสอบ ระบบ" --group service >/dev/null
done

# The lines of the screen with their indent and frame taken off.
lines() {
	e2e_screen | sed 's/^[ │]*//'
}
line_starts() {
	lines | grep -q "^$1"
}
line_ends() {
	lines | grep -q "$1 *│* *\$"
}
# The title bar (the screen's first line) ends with $1.
bar_ends() {
	e2e_screen | head -n 1 | grep -q "$1 *\$"
}

E2E_COLS=40 E2E_ROWS=16 e2e_start --content "$E2E_TMP/without" \
    --db "$E2E_TMP/p.db"
e2e_check "home lists the course" wait_for "ภัยใกล้ตัวจาก"
e2e_check "... its title cut after a word, with …" \
    line_ends "ภัยใกล้ตัวจากการส่งแร…"
keys Enter
e2e_check "course view" wait_for "กลลวงที่พบบ่อย"
keys Enter
e2e_check "lesson page" wait_for "1/1"
e2e_check "without 'words:' a line ends inside คิวอาร์โค้ด" line_ends "คิวอาร์"
e2e_check "... and the next starts with its end" line_starts "โค้ดปลอม"
keys t
e2e_check "the question" wait_for "ใช่หรือไม่"
e2e_check "... cut inside คิวอาร์โค้ด too" line_starts "โค้ดปลอม ควรสแกน"
e2e_check "the quiz's long title: the bar cut after a word, with …" \
    bar_ends "อาชญากรมักส่งแร…"
keys 1 Enter
e2e_check "the explanation" wait_for "อย่าสแกน"
e2e_check "... cut inside it too" line_starts "โค้ดปลอม อย่าสแกน"

E2E_COLS=40 E2E_ROWS=16 e2e_start --content "$E2E_TMP/with" \
    --db "$E2E_TMP/p2.db"
e2e_check "home lists the course again" wait_for "ภัยใกล้ตัวจาก"
e2e_check "... its title cut before แรนซัมแวร์, two courses on home" \
    line_ends "ภัยใกล้ตัวจากการส่ง…"
keys Enter
e2e_check "course view again" wait_for "กลลวงที่พบบ่อย"
keys Enter
e2e_check "lesson page again" wait_for "1/1"
e2e_check "with 'words:' the word starts a line whole" \
    line_starts "คิวอาร์โค้ดปลอม"
e2e_check "... and no line ends inside it" eval '! line_ends "คิวอาร์"'
e2e_check "no line starts inside another listed word" \
    eval '! line_starts "นซัมแวร์" && ! line_starts "ปเฟก"'
e2e_check "lesson fits 40 columns" screen_fits
e2e_check "no orphan marks" screen_no_orphans
keys t
e2e_check "the question again" wait_for "ใช่หรือไม่"
e2e_check "... the word starts a line whole" \
    line_starts "คิวอาร์โค้ดปลอม ควรสแกน"
e2e_check "the title bar cut before แรนซัมแวร์, with …" \
    bar_ends "อาชญากรมักส่ง…"
keys 1 Enter
e2e_check "the explanation again" wait_for "อย่าสแกน"
e2e_check "... the word starts a line whole" \
    line_starts "คิวอาร์โค้ดปลอม อย่าสแกน"
e2e_check "... and no line ends inside it" eval '! line_ends "คิวอาร์"'

# The question answered wrong comes back two days later in a review
# opened from home: no course screen under it, and two courses, yet its
# prompt keeps the words of the course it comes from.
E2E_ENV="RIANRU_TEST_CLOCK_SHIFT=172800" E2E_COLS=40 E2E_ROWS=16 \
    e2e_start --content "$E2E_TMP/with" --db "$E2E_TMP/p2.db"
e2e_check "the open quiz resumes" wait_for "อย่าสแกน"
keys q q
e2e_check "home: a review is due" wait_for "(r)"
keys r
e2e_check "the review from home" wait_for "ใช่หรือไม่"
e2e_check "... the word starts a line whole" \
    line_starts "คิวอาร์โค้ดปลอม ควรสแกน"
e2e_check "... and no line ends inside it" eval '! line_ends "คิวอาร์"'

# Screens that list several courses cut each title with its own course's
# words: "my progress" (a course started, and the same course among what
# is still to do) and the trainer's view of the room. The title, longer
# here, puts แรนซัมแวร์ where libthai alone would cut after แร.
mkdir -p "$E2E_TMP/long"
cp -R "$E2E_TMP/with/e2e-words" "$E2E_TMP/with/zz-plain" "$E2E_TMP/long/"
sed -i 's/th: ภัยใกล้ตัวจากการส่งแรนซัมแวร์/th: คู่มือความรู้เท่าทันภัยใกล้ตัวจากการส่งแรนซัมแวร์/' \
    "$E2E_TMP/long/e2e-words/course.yaml"
"$RIANRU" --db "$E2E_TMP/p3.db" user add --code 5001 \
    --name "ทดสอบ ระบบ" --group service >/dev/null
E2E_COLS=40 E2E_ROWS=16 e2e_start --content "$E2E_TMP/long" \
    --db "$E2E_TMP/p3.db"
e2e_check "home with the longer title" wait_for "คู่มือความรู้"
keys Enter
e2e_check "its course view" wait_for "กลลวงที่พบบ่อย"
keys Enter
e2e_check "a page read: the course is started" wait_for "1/1"
keys q q m
e2e_check "my progress" wait_for "หลักสูตรที่เหลือสำหรับกลุ่มของท่าน"
e2e_check "... the course started: cut before แรนซัมแวร์, with …" \
    line_ends "◐ คู่มือความรู้เท่าทันภัยใกล้ตัวจากการส่ง…"
e2e_check "... and so among what is still to do" \
    eval 'lines | grep -qx "คู่มือความรู้เท่าทันภัยใกล้ตัวจากการส่ง… *"'
e2e_check "... never after แร" eval '! line_ends "แร…"'
keys q q
e2e_check "quits" exited_ok
ADMIN=$(echo 909090 | "$RIANRU" pin-hash)
printf 'kiosk: true\nadmin-pin-hash: "%s"\n' "$ADMIN" >"$E2E_TMP/kiosk.yaml"
# 110 columns: the course column ends inside แรนซัมแวร์
E2E_COLS=110 e2e_start --config "$E2E_TMP/kiosk.yaml" --content "$E2E_TMP/long" \
    --db "$E2E_TMP/p3.db"
e2e_check "kiosk login" wait_for "ท่านคือใคร?"
keys F2 909090 Enter
e2e_check "the trainer's menu" wait_for "ออกจากโหมดคีออสก์"
keys 4
e2e_check "the room's progress" wait_for "5001"
e2e_check "... the course title cut before แรนซัมแวร์, with …" \
    eval 'e2e_screen | grep -q "5001 .* คู่มือความรู้เท่าทันภัยใกล้ตัวจากการส่ง… "'
e2e_done
