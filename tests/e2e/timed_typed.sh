#!/bin/sh
# A timed quiz runs out while an answer is typed but not yet confirmed
# with Enter: what is on screen is submitted with the rest, as the Moodle
# app does (issue 20).
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

cp -R tests/data/e2e/timed-typed "$E2E_TMP/typed"
"$RIANRU" --db "$E2E_DB" user add --code 7101 --name "กมล ใจเย็น" \
    --group service >/dev/null

e2e_start --content "$E2E_TMP/typed" --db "$E2E_DB"
e2e_check "home" wait_for "สวัสดี กมล ใจเย็น"
keys Enter
e2e_check "course" wait_for "1. แบบทดสอบพิมพ์คำตอบจับเวลา"
keys Enter
e2e_check "the limit first" wait_for "เวลาที่ให้:"
keys Enter
e2e_check "timed quiz opens" wait_for "ข้อ 1/2"
keys 1 Enter
e2e_check "on the typed question" wait_for "ข้อ 2/2"
keys -l "กพ"
e2e_check "the answer is typed, not confirmed" wait_for "กพ"
# no Enter: time runs out with the answer on screen
E2E_WAIT=150 e2e_check "results by themselves, with the typed answer" \
    wait_for "คะแนน 100% (2/2)"
e2e_check "says time is up" wait_for "หมดเวลา"
screen_ok "results of the timed quiz"
e2e_check "the typed answer is in the store" test "$(db_query \
    "SELECT response FROM answer WHERE question_id = 'tt-two'")" = 'กพ'
keys Enter q q
e2e_check "quits cleanly" exited_ok
e2e_done
