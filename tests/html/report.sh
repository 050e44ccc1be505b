#!/bin/sh
# rianru report --format html: the agency page opened in headless
# Chromium, checked for its Thai text, the SVG charts, a screenshot and
# A4 pages when printed.
. tests/html/lib.sh

DB=$HTML_TMP/p.db
seed "$DB" || html_abort "could not make test progress"
R="$RIANRU --db $DB --content content"
OUT=$HTML_TMP/report.html

html_check "report written" $R report --format html --out "$OUT"
html_check "report --out: mode 0600 (names officers)" sh -c "test \
    \"\$(stat -c %a '$OUT')\" = 600"
echo keep >"$HTML_TMP/victim"
ln -s "$HTML_TMP/victim" "$HTML_TMP/link.html"
html_check "report --out: a symbolic link is refused, its target kept" sh -c \
    "! $R report --format html --out $HTML_TMP/link.html 2>$HTML_TMP/e.txt \
    && grep -q 'symbolic link' $HTML_TMP/e.txt && \
    test \"\$(cat $HTML_TMP/victim)\" = keep"
html_check "report --out: the progress file and its -wal are refused" sh -c \
    "! $R report --format html --out $DB 2>/dev/null && \
    ! $R report --format html --out $DB-wal 2>/dev/null && \
    $R user list >/dev/null"
html_check "html needs --out" sh -c "$R report --format html 2>/dev/null; \
    test \$? -eq 2"
html_check "--out - writes to stdout" sh -c "$R report --format html \
    --out - | grep -q '<svg id=\"chart-groups\"'"
html_check "csv report unchanged" sh -c "$R report --format csv | \
    grep -q '^.*course,enrolled,completed,passed,hours'"

chrome --dump-dom "file://$OUT" >"$HTML_TMP/dom.html"
DOM=$HTML_TMP/dom.html
html_check "rendered: Thai heading" dom_has "$DOM" \
    "รายงานผลการพัฒนาทักษะดิจิทัลของบุคลากร"
html_check "rendered: four SVG charts" sh -c "test \$(grep -o '<svg ' \
    $DOM | wc -l) -eq 4"
html_check "rendered: chart by target group" dom_has "$DOM" \
    'id="chart-groups"'
html_check "rendered: chart by skill area" dom_has "$DOM" 'id="chart-areas"'
html_check "rendered: chart by course" dom_has "$DOM" 'id="chart-courses"'
html_check "rendered: hours against plan" dom_has "$DOM" 'id="chart-hours"'
html_check "rendered: group names in Thai" dom_has "$DOM" \
    "ผู้ทำงานด้านนโยบายและวิชาการ"
html_check "rendered: service completion 50%" dom_has "$DOM" \
    "<title>completed 50%</title>"
html_check "rendered: officer table" dom_has "$DOM" "ภุชพงค์ ใจงาม"
html_check "rendered: next step from the plan" dom_has "$DOM" \
    "ขั้นต่อไป / next step: เรียนหลักสูตร"
html_check "rendered: 70:20:10 of the officer who logged" dom_has "$DOM" \
    "43:14:43"
html_check "self-contained: nothing to fetch" sh -c "! grep -Eq \
    '<(link|script|img)|src=|url\\(|@import' $OUT"

chrome --screenshot="$HTML_TMP/report.png" --window-size=900,2000 \
    "file://$OUT" >/dev/null
html_check "screenshot rendered" png_ok "$HTML_TMP/report.png" 60000 900 2000
chrome --no-pdf-header-footer --print-to-pdf="$HTML_TMP/report.pdf" \
    "file://$OUT" >/dev/null
html_check "prints on A4 portrait pages" pdf_pages "$HTML_TMP/report.pdf" \
    2 6 594.96 841.92
[ -n "${HTML_KEEP:-}" ] && cp "$HTML_TMP/report.png" "$OUT" "$HTML_KEEP/"
html_done
