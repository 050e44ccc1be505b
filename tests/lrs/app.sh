#!/bin/sh
# The app delivers in the background: a learner reads in the real program
# (tmux) while the real LRS runs; results arrive without any command, the
# home screen says when; with the LRS stopped the app keeps working and
# says it is offline; when the LRS comes back the results follow.
. "$(dirname "$0")/lib.sh"
lrs_setup
lrs_start
app_start "$LRS_URL" 3 3001 "ลำดวน ส่งผล"

check "home shows the officer" see "สวัสดี ลำดวน ส่งผล"
$T send-keys Enter Enter
check "a lesson page is open" see "1/3"
$T send-keys Right
check "the next page" see "2/3"
$T send-keys q q
check "home says results were sent, with no command run" see "ส่งล่าสุด"
check "nothing is pending" [ "$(count_state "$DB" pending)" -eq 0 ]
check "the LRS holds the page statements exactly" lrs_has "$DB"

lrs_stop
$T send-keys Enter Enter Right Right
check "reading goes on with the LRS down" see "3/3"
$T send-keys q q
check "home counts what waits" see "ผลการเรียนรอส่ง"
check "and says it is offline" see "ออฟไลน์ จะลองส่งอีกครั้งเวลา" 200

lrs_start
check "after the LRS is back the results follow by themselves" \
    see "ส่งล่าสุด" 400
check "nothing left pending" [ "$(count_state "$DB" pending)" -eq 0 ]
check "every statement at the LRS exactly once" lrs_same "$DB"
$T send-keys q
check "the app quits cleanly" see "[exit 0]"
check "no sanitizer report" sh -c "! grep -q 'Sanitizer\|runtime error' '$TMP/app.err'"
lrs_done
