#!/bin/sh
# PDPA (issue 17, docs/privacy.md): user export, user erase and retention:
# exact messages, exit codes, and what the progress file holds afterwards.
#
#   tests/cli/privacy.sh       from the repository root; RIANRU=binary
#
# Prints "ok - NAME" or "not ok - NAME" with what differed, then
# "privacy: N passed, M failed".
set -u

cd "$(dirname "$0")/../.." || exit 2
CLI_NAME=cli
. tests/cli/lib.sh

# counts of the agency's report, as CSV rows without the header
report() { "$RIANRU" --db "$DB" report --format csv | tail -n +2; }

LEARNER=${RIANRU_BUILD:-build/default}/tests/store/learner
DB=$T/p.db
if [ ! -x "$LEARNER" ]; then
	echo "not ok - build $LEARNER first (make check)"
	echo "privacy: 0 passed, 1 failed"
	exit 1
fi
"$RIANRU" --db "$DB" user add --code p1 --name "ปรีชา ส่วนตัว" --group service >/dev/null
"$RIANRU" --db "$DB" user add --code p2 --name "Other Person" --group service >/dev/null
"$LEARNER" "$DB" tests/data/good p1 pass mini >/dev/null
"$LEARNER" "$DB" tests/data/good p2 pass mini >/dev/null
"$LEARNER" "$DB" tests/data/good p1 log 2026-01-05 practice digital-literacy 30 "สิ่งที่ได้เรียนรู้" >/dev/null
BEFORE=$(report)

# --- export: everything about one officer, nothing of another -------------
expect "export to stdout" 0 "" -- --db "$DB" user export --code p1
check "export is one JSON object" python3 -c "import json,sys; json.load(open('$T/out'))"
check "... with the name, answers, statements and the log" python3 -c "
import json; d = json.load(open('$T/out'))
assert d['format'] == 'rianru-personal-data-1'
assert d['officer'][0]['name'] == 'ปรีชา ส่วนตัว'
assert len(d['answer']) > 0 and len(d['attempt']) > 0
assert all(isinstance(o['json'], dict) for o in d['outbox'])
assert d['practice_log'][0]['reflection'] == 'สิ่งที่ได้เรียนรู้'
"
check "... nothing of the other officer" sh -c "! grep -q 'Other Person\|\"p2\"' '$T/out'"
expect "export --out writes 0600" 0 "" -- --db "$DB" user export --code p1 --out "$T/p1.json"
check "... mode 0600" sh -c "[ \$(stat -c %a '$T/p1.json') = 600 ]"
expect "export --out refuses the progress file" 1 \
    "rianru: will not write over the progress file '$DB'" -- \
    --db "$DB" user export --code p1 --out "$DB"
expect "export of nobody" 1 "rianru: no officer 'zz'" -- --db "$DB" user export --code zz
expect "export needs --code" 2 "$(printf 'rianru: user export needs --code\n' && "$RIANRU" user export --help)" -- \
    --db "$DB" user export

# --- erase: nothing personal left, the agency's counts unchanged ---------
expect "erase needs --yes" 2 "rianru: erasing officer 'p1' cannot be undone: add --yes" -- \
    --db "$DB" user erase --code p1
check "... and erased nothing" sh -c "'$RIANRU' --db '$DB' user list | grep -q p1"
expect "erase" 0 "" -- --db "$DB" user erase --code p1 --yes
check "... says what went" grep -q "^erased officer 'p1' (now 'erased-1'): [1-9][0-9]* answers and reviews and [0-9]* statements not yet sent deleted" "$T/out"
check "... and what to do at the LRS" grep -q "voiding is not erasure" "$T/out"
check "the name is gone" sh -c "! sqlite3 '$DB' .dump | grep -q 'ปรีชา'"
check "the reflection is gone" sh -c "! sqlite3 '$DB' .dump | grep -q 'สิ่งที่ได้เรียนรู้'"
check "no statement names p1" sh -c "! sqlite3 '$DB' 'SELECT json FROM outbox' | grep -q '\"p1\"'"
check "the agency's report is unchanged" sh -c "[ \"\$(\"$RIANRU\" --db '$DB' report --format csv | tail -n +2)\" = '$BEFORE' ]"
check "the other officer is untouched" sh -c "'$RIANRU' --db '$DB' user export --code p2 | grep -q 'Other Person'"
expect "erase of nobody" 1 "rianru: no officer 'p1'" -- --db "$DB" user erase --code p1 --yes

# --- retention: old delivered answers pruned at sync ---------------------
DBR=$T/r.db
"$RIANRU" --db "$DBR" user add --code r1 --name "เก็บ นาน" --group service >/dev/null
RIANRU_NOW=1700000000 "$LEARNER" "$DBR" tests/data/good r1 pass mini >/dev/null
"$LEARNER" "$DBR" tests/data/good r1 pass mini >/dev/null
N0=$(sqlite3 "$DBR" "SELECT count(*) FROM answer")
sqlite3 "$DBR" "UPDATE outbox SET state = 'delivered', delivered = 1"
printf 'retention: 12\n' > "$T/ret.yaml"
"$RIANRU" --config "$T/ret.yaml" --db "$DBR" sync >/dev/null 2>&1
N1=$(sqlite3 "$DBR" "SELECT count(*) FROM answer")
check "retention: old answers pruned ($N0 -> $N1)" test "$N1" -gt 0 -a "$N1" -lt "$N0"
check "... the results stay" sh -c "[ \$(sqlite3 '$DBR' 'SELECT count(*) FROM attempt WHERE finished IS NOT NULL AND scaled IS NOT NULL') -ge 2 ]"
check "... every event keeps its statement" sh -c "[ \$(sqlite3 '$DBR' 'SELECT count(*) FROM event WHERE stmt_id NOT IN (SELECT stmt_id FROM outbox)') = 0 ]"
printf 'retention: -1\n' > "$T/bad.yaml"
check "retention: a negative number is refused" sh -c "! '$RIANRU' --config '$T/bad.yaml' --db '$DBR' user list >/dev/null 2>&1"

echo "privacy: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
