#!/bin/sh
# rianru certificate and rianru verify: the page opened in headless
# Chromium, checked for its Thai and English text, screenshot and A4 page.
. tests/html/lib.sh

DB=$HTML_TMP/p.db
seed "$DB" || html_abort "could not make test progress"
R="$RIANRU --db $DB --content content"
OUT=$HTML_TMP/cert.html

html_check "certificate written" sh -c "$R certificate --user 4001 \
    --course digital-literacy --out $OUT >$HTML_TMP/out.txt"
CODE=$(sed -n 's/^certificate \(RNR-[0-9A-Z]*-[0-9A-Z]*\) .*/\1/p' \
    "$HTML_TMP/out.txt")
html_check "code printed" test -n "$CODE"
html_check "certificate --out: mode 0600" sh -c "test \
    \"\$(stat -c %a '$OUT')\" = 600"
ln -s "$HTML_TMP/elsewhere" "$HTML_TMP/link.html"
html_check "certificate --out: a dangling link is refused, nothing made" \
    sh -c "! $R certificate --user 4001 --course digital-literacy \
    --out $HTML_TMP/link.html 2>/dev/null && test ! -e $HTML_TMP/elsewhere"
html_check "certificate --out: the progress file is refused" sh -c "! $R \
    certificate --user 4001 --course digital-literacy --out $DB \
    2>/dev/null && $R user list >/dev/null"
html_check "not completed: refused with a reason" sh -c "! $R certificate \
    --user 4002 --course digital-literacy --out $HTML_TMP/no.html \
    2>$HTML_TMP/err.txt && grep -q 'has not completed course' \
    $HTML_TMP/err.txt && test ! -e $HTML_TMP/no.html"
html_check "issuing again gives the same code" sh -c "$R certificate \
    --user 4001 --course digital-literacy --out $HTML_TMP/again.html \
    | grep -qF '$CODE'"
html_check "verify: valid code exits 0" sh -c "$R verify $CODE \
    >$HTML_TMP/v.txt && grep -q '^valid: $CODE' $HTML_TMP/v.txt"
html_check "verify: typed in lower case without dashes" sh -c "$R verify \
    \$(echo $CODE | tr A-Z a-z | tr -d -) >/dev/null"
html_check "verify: unknown code exits 1" sh -c "$R verify RNR-0000-0000 \
    2>/dev/null; test \$? -eq 1"
html_check "verify: another machine's file does not know it" sh -c \
    "$RIANRU --db $HTML_TMP/other.db verify $CODE 2>/dev/null; test \$? -eq 1"

chrome --dump-dom "file://$OUT" >"$HTML_TMP/dom.html"
DOM=$HTML_TMP/dom.html
html_check "rendered: Thai title" dom_has "$DOM" "ประกาศนียบัตร"
html_check "rendered: officer" dom_has "$DOM" "สมศรี ใจดี"
html_check "rendered: course in Thai" dom_has "$DOM" \
    "ความรู้ดิจิทัลและการทำงานออนไลน์อย่างปลอดภัย"
html_check "rendered: course in English" dom_has "$DOM" \
    "Digital literacy and safe online work"
html_check "rendered: Buddhist-era date" dom_has "$DOM" "12 มีนาคม พ.ศ. 2568"
html_check "rendered: hours" dom_has "$DOM" "3 ชั่วโมง"
html_check "rendered: score" dom_has "$DOM" "100%"
html_check "rendered: ONDE certification" dom_has "$DOM" "ONDE-DL-2568-001"
html_check "rendered: verification code" dom_has "$DOM" "$CODE"
html_check "self-contained: nothing to fetch" sh -c "! grep -Eq \
    '<(link|script|img)|src=|url\\(|@import' $OUT"

chrome --screenshot="$HTML_TMP/cert.png" --window-size=1123,794 \
    "file://$OUT" >/dev/null
html_check "screenshot rendered" png_ok "$HTML_TMP/cert.png" 40000 1123 794
chrome --no-pdf-header-footer --print-to-pdf="$HTML_TMP/cert.pdf" \
    "file://$OUT" >/dev/null
html_check "prints on one A4 landscape page" pdf_pages "$HTML_TMP/cert.pdf" \
    1 1 841.92 594.96
[ -n "${HTML_KEEP:-}" ] && cp "$HTML_TMP/cert.png" "$OUT" "$HTML_KEEP/"
html_done
