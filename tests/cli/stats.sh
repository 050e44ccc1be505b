#!/bin/sh
# rianru stats over a progress file holding the hand-worked data set of
# tests/unit/test_stats.c (five officers, three one-point questions): the
# figures as the store and the catalogue deliver them, per choice and
# per wrong answer, first attempts against --all-attempts, the minimum n,
# and the four output formats.
#
#   tests/cli/stats.sh        from the repository root; RIANRU=binary
set -u

cd "$(dirname "$0")/../.." || exit 2
CLI_NAME=stats CLI_PREFIX="stats: "
. tests/cli/lib.sh

. tests/cli/lib-stats.sh

S() {
	"$RIANRU" --db "$DB" --content "$T/cat" stats "$@"
}

S --format csv >"$T/csv"
check "csv exits 0" test $? = 0
check "csv: quiz figures and q1 (worked by hand in test_stats.c)" \
    grep -q '^"st","st-quiz",5,0.5333,0.6667,0.3801,0.5769,0.2472,"q1",choice,5,0.8000,0.4472,0.3333,0.5345,1.0000,""' "$T/csv"
check "csv: q2" grep -q '"q2",fill-in,5,0.4000,0.5477,0.0000,0.3273,0.3750,""' "$T/csv"
check "csv: q3 (guess 1/2)" grep -q '"q3",true-false,5,0.4000,0.5477,0.5000,0.3273,0.3750,""' "$T/csv"

S >"$T/table"
check "table: first attempts" grep -q "5 attempts (first attempts)  mean 53%  median 67%  SD 38%  alpha 0.58  SE 25%" "$T/table"
check "table: small sample, no flags" grep -q "only 5 attempts: below the minimum of 10, so no question is flagged" "$T/table"
check "table: choice a, strong and weak half" grep -q "\* a          4 picked (strong 1/1, weak 1/2)  ถูก" "$T/table"
check "table: the distractor nobody picked" grep -q "nobody picked 'c': it distracts no one" "$T/table"
check "table: most common wrong answer first, as typed" sh -c \
    'grep "wrong answer" "$1" | head -n 2 | tr "\n" "|" | grep -qx "    wrong answer \"กพร\" x2|    wrong answer \"x\" x1|"' sh "$T/table"
S --min-n 5 >"$T/table5"
check "--min-n 5: no small-sample note" sh -c '! grep -q "below the minimum" "$1"' sh "$T/table5"
S --all-attempts >"$T/all"
check "--all-attempts: six attempts" grep -q "6 attempts (all attempts)" "$T/all"
"$RIANRU" --lang en --db "$DB" --content "$T/cat" stats >"$T/en"
check "English choice text" grep -q "picked (strong 1/1, weak 1/2)  Right" "$T/en"

S --format json >"$T/json"
check "json: figures" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
z = d["quizzes"][0]
q = {x["id"]: x for x in z["questions"]}
assert d["attempts"] == "first" and z["n"] == 5 and not z["flagged"]
assert abs(z["alpha"] - 15 / 26) < 1e-6
assert [c["picked"] for c in q["q1"]["choices"]] == [4, 1, 0]
assert q["q2"]["wrong_answers"][0] == {"answer": "กพร", "count": 2}
assert q["q3"]["choices"][1]["id"] == "false" and q["q3"]["choices"][1]["correct"]
' "$T/json"

S --format html --out "$T/s.html"
check "html written" test -s "$T/s.html"
check "html: Thai and English" grep -q "การวิเคราะห์ข้อสอบ" "$T/s.html"
check "html: an SVG chart" grep -q "<svg id=\"chart-0\"" "$T/s.html"
check "html: self-contained (no script, no outside file)" sh -c \
    '! grep -Eq "<script|<link|src=\"http" "$1"' sh "$T/s.html"
S --format html >/dev/null 2>"$T/err"
check "html needs --out: exit 2" test $? = 2
S --format xml >/dev/null 2>&1
check "unknown format: exit 2" test $? = 2
S --quiz nothing >"$T/none"
check "a quiz with no attempts" grep -q "no finished attempts" "$T/none"
sum=$(md5sum <"$DB")
S --format csv --out "$DB" >/dev/null 2>"$T/err"
check "--out the progress file: refused, exit 1" test $? = 1
check "... the progress file unchanged" test "$(md5sum <"$DB")" = "$sum"
ln -s "$T/target" "$T/link"
S --out "$T/link" >/dev/null 2>&1
check "--out a symbolic link: refused" test $? = 1
check "... nothing written through it" test ! -e "$T/target"
S --max-time 5 >/dev/null 2>&1
check "--max-time without --from-lrs: exit 2" test $? = 2

echo "stats: $pass passed, $fail failed"
[ $fail -eq 0 ]
