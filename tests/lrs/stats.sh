#!/bin/sh
# rianru stats --from-lrs against the real LRS: officers OC-1..4 answer the
# quizzes on machine A, OC-5..8 on machine B, both sync; then on a third
# machine (and on A) `stats --from-lrs` reads every officer's statements
# from the LRS and prints the same figures, in every format, as `stats`
# over one progress file holding all eight officers' attempts (the two
# files merged). The progress file of the machine that asks is left
# untouched. The same again from an LRS that sends 5 statements a page
# (lrs.js --max-page), so the reader follows many 'more' links. A key that
# may write but not read, no endpoint and an LRS that is down: a message,
# exit 1, nothing written.
#   tests/lrs/stats.sh   (RIANRU_BUILD=build/san RIANRU=... for ASan)
. "$(dirname "$0")/lib.sh"
lrs_setup
lrs_start
A=$TMP/a.db
B=$TMP/b.db
ALL=$TMP/all.db
CFG=$TMP/config.yaml
write_config "$CFG" "$LRS_URL" 50
mkdir -p "$TMP/content" && cp -R "$COURSE" "$TMP/content/"

"$SESSION" quiz "$A" "$COURSE" 1 4 || give_up "$name: session on A failed"
"$SESSION" quiz "$B" "$COURSE" 5 8 || give_up "$name: session on B failed"
"$SESSION" quiz "$ALL" "$COURSE" 1 8 || give_up "$name: merged file failed"
run_rianru --config "$CFG" --db "$A" sync
check "A sends its officers' attempts (exit 0)" expect_rc 0
run_rianru --config "$CFG" --db "$B" sync
check "B sends its officers' attempts (exit 0)" expect_rc 0

# the figures of the merged file, and from the LRS on a machine with no
# progress file at all (it stays without one)
stats() { # stats DB OUT ARGS...: rianru stats into $TMP/OUT
	db=$1 out=$2
	shift 2
	run_rianru --config "$CFG" --db "$db" --content "$TMP/content" stats \
	    "$@"
	cp "$TMP/out" "$TMP/$out"
	cp "$TMP/err" "$TMP/$out.err"
}
same() { # same FILE1 FILE2: equal, else the difference
	diff -u "$TMP/$1" "$TMP/$2" >&2
}
for f in table csv json; do
	stats "$ALL" "merged.$f" --format $f --min-n 2
	stats "$TMP/none.db" "lrs.$f" --from-lrs --format $f --min-n 2
	check "--from-lrs exits 0 ($f)" expect_rc 0
	check "... the same $f as stats over the merged progress files" \
	    same "merged.$f" "lrs.$f"
done
check "... eight officers' attempts at each quiz" \
    grep -q "8 attempts (first attempts)" "$TMP/lrs.table"
check "... figures that vary (a question flagged at --min-n 2)" \
    grep -q "^    ! " "$TMP/lrs.table"
check "... says how many statements it read" \
    grep -q "^read [1-9][0-9]* statements from the LRS" "$TMP/lrs.table.err"
check "the machine without a progress file still has none" \
    [ ! -e "$TMP/none.db" ]
stats "$ALL" x --format html --out "$TMP/merged.html"
stats "$TMP/none.db" x --from-lrs --format html --out "$TMP/lrs.html"
check "--format html: the same page" same merged.html lrs.html
stats "$ALL" merged.all --all-attempts
stats "$TMP/none.db" lrs.all --from-lrs --all-attempts
check "--all-attempts: the same" same merged.all lrs.all
stats "$ALL" merged.quiz --quiz safe-online-check --format csv
stats "$TMP/none.db" lrs.quiz --from-lrs --course mini \
    --quiz safe-online-check --format csv
check "--course and --quiz narrow the same way" same merged.quiz lrs.quiz

# on machine A: its own file is not touched, and the figures are all eight
# officers', not A's four
sum=$(md5sum <"$A")
stats "$A" a.csv --from-lrs --format csv --min-n 2
check "on A, --from-lrs gives the population's figures" same merged.csv a.csv
check "... and A's progress file is unchanged" [ "$(md5sum <"$A")" = "$sum" ]
stats "$A" a-local.csv --format csv --min-n 2
check "... while stats over A's file alone sees its four officers" \
    sh -c "! diff -q '$TMP/a-local.csv' '$TMP/merged.csv' >/dev/null"

# an LRS that sends at most 5 statements a page, whatever 'limit' asks:
# the same figures, read through its 'more' links
lrs_stop
LRS_OPTS="--max-page 5" lrs_start
for f in table csv json; do
	stats "$TMP/none.db" "paged.$f" --from-lrs --format $f --min-n 2
	check "5 statements a page: exit 0 ($f)" expect_rc 0
	check "... the same $f as stats over the merged progress files" \
	    same "merged.$f" "paged.$f"
done
stats "$TMP/none.db" paged.all --from-lrs --all-attempts
check "... and the same with --all-attempts" same merged.all paged.all
check "... every statement read, as from one page" \
    same lrs.table.err paged.table.err
pages=$(grep -c 'cursor=' "$TMP/lrs/pages")
check "... over many pages ($pages 'more' links followed)" \
    [ "${pages:-0}" -ge 10 ]
LRS_OPTS=

# a key that may write but not read statements
WCFG=$TMP/writer.yaml
sed 's/key: .*/key: rianru-writer/' "$CFG" >"$WCFG"
TEST_SECRET=$SECRET-w run_rianru --config "$WCFG" --db "$A" \
    --content "$TMP/content" stats --from-lrs --format csv --out "$TMP/w.csv"
check "a key that may not read: exit 1" expect_rc 1
check "... says which permission is missing" \
    err_has "refused to let this key read statements (403): --from-lrs needs statements read"
check "... and writes no report" [ ! -e "$TMP/w.csv" ]

# no endpoint configured
: >"$TMP/empty.yaml"
run_rianru --config "$TMP/empty.yaml" --db "$A" --content "$TMP/content" \
    stats --from-lrs
check "no LRS configured: exit 1" expect_rc 1
check "... and why" err_has "--from-lrs: no LRS endpoint configured"

# the LRS down
lrs_stop
run_rianru --config "$CFG" --db "$A" --content "$TMP/content" stats \
    --from-lrs --out "$TMP/down.txt"
check "the LRS down: exit 1" expect_rc 1
check "... cannot be reached" err_has "the LRS cannot be reached"
check "... and no report written" [ ! -e "$TMP/down.txt" ]
lrs_done
