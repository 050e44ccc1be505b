#!/bin/sh
# rianru verify CODE --lrs: a certificate's record checked against the real
# LRS, the agency's source of truth. Not sent yet: not confirmed. Sent:
# confirmed. A certificate minted from an edited progress file by someone
# who also holds the certificate key verifies here but not at the LRS
# (hours, score, a completion that never happened). An edited record
# without the key no longer verifies at all. LRS down: exit 4.
#   tests/lrs/certificate.sh   (RIANRU_BUILD=build/san RIANRU=... for ASan)
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || give_up "$name: sqlite3 is not installed"
lrs_setup
lrs_start
DB=$TMP/p.db
CFG=$TMP/config.yaml
write_config "$CFG" "$LRS_URL" 50
# the learner's actor and activities
printf 'agency-homepage: https://agency.go.th\nactivity-base: %s\n' \
    https://rianru.test >>"$CFG"
# the certificate key is made there, never in the tester's home
export XDG_DATA_HOME=$TMP/data
R="--config $CFG --db $DB --content $PWD/tests/data/good"
q() { sqlite3 "$DB" "$1"; }
# issue OUT: a certificate of OC-1 for mini; its code in $CODE
issue() {
	run_rianru $R certificate --user OC-1 --course mini --out "$TMP/$1"
	CODE=$(sed -n 's/^certificate \(RNR-[0-9A-Z]*-[0-9A-Z]*\) .*/\1/p' \
	    "$TMP/out")
}

LEARNER=$PWD/$B/tests/store/learner
[ -x "$LEARNER" ] || give_up "$name: build $LEARNER first (make check)"
"$RIANRU" --db "$DB" user add --code OC-1 --name "Officer 1" \
    --group service >/dev/null || give_up "$name: user add failed"
# the course completed
"$LEARNER" "$DB" "$PWD/tests/data/good" OC-1 pass mini ||
    give_up "$name: learner failed"
issue c.html
check "certificate issued" [ -n "$CODE" ]
check "... its key made 0600 beside the data, not in the progress file" \
    [ "$(stat -c %a "$TMP/data/rianru/certificate.key")" = 600 ]
run_rianru $R verify "$CODE" --lrs
check "not sent yet: valid here, not confirmed by the LRS (exit 1)" \
    expect_rc 1
check "... says the LRS holds no completion" err_has "holds no completion"
run_rianru $R sync
check "sync (exit 0)" expect_rc 0
run_rianru $R verify "$CODE" --lrs
check "sent: confirmed by the LRS (exit 0)" expect_rc 0
check "... says so" out_has "LRS: confirmed"
run_rianru $R verify --lrs "$CODE"
check "--lrs before the code works too" expect_rc 0

# the progress file edited without the key: the code no longer verifies
q "UPDATE certificate SET hours = 30"
run_rianru $R verify "$CODE"
check "hours edited in the file: not valid (exit 1)" expect_rc 1
check "... does not match its record" err_has "does not match its record"
q "UPDATE certificate SET hours = 1.5"
q "UPDATE certificate SET score = 0.2"
run_rianru $R verify "$CODE"
check "score edited in the file: not valid (exit 1)" expect_rc 1
q "UPDATE certificate SET score = (SELECT avg(b) FROM (SELECT max(scaled) \
    AS b FROM attempt WHERE finished IS NOT NULL GROUP BY quiz_id))"
run_rianru $R verify "$CODE"
check "... restored: valid again" expect_rc 0

# whoever holds the key as well can mint a code: the LRS tells
q "UPDATE enrolment SET hours = 30"
issue minted.html
run_rianru $R verify "$CODE"
check "30 hours minted with the key: valid here" expect_rc 0
run_rianru $R verify "$CODE" --lrs
check "... not confirmed by the LRS (exit 1)" expect_rc 1
check "... which credits 1.5 hours" err_has "the LRS credits 1.5 hours"
q "UPDATE enrolment SET hours = 1.5"
q "UPDATE attempt SET scaled = scaled / 2"
issue halved.html
run_rianru $R verify "$CODE" --lrs
check "a score edited before issuing: not confirmed" expect_rc 1
check "... the LRS's quiz results say otherwise" err_has "quiz results"
q "UPDATE attempt SET scaled = scaled * 2"
q "UPDATE enrolment SET completed = completed + 3600"
issue moved.html
run_rianru $R verify "$CODE" --lrs
check "a completion that never happened: not confirmed" expect_rc 1
check "... no completion at that time" err_has "holds no completion"

write_config "$TMP/down.yaml" "http://127.0.0.1:9/xAPI/" 50
run_rianru --config "$TMP/down.yaml" --db "$DB" verify "$CODE" --lrs
check "LRS unreachable: exit 4" expect_rc 4
run_rianru --db "$DB" verify "$CODE" --lrs
check "no LRS configured: exit 5" expect_rc 5
check "... says so" err_has "no LRS in the configuration"
lrs_done
