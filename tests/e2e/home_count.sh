#!/bin/sh
# Home's "waiting to be sent" count is the progress file's, after every
# page read, answer and 70:20:10 entry: with no LRS configured (and home
# says where the results go: 'rianru outbox export'), and offline (an LRS
# configured but unreachable, so nothing is ever sent).
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

"$RIANRU" --db "$E2E_DB" user add --code 5001 --name "นับผล ตรงจริง" \
    --group service >/dev/null
pending() {
	db_query "SELECT count(*) FROM outbox WHERE state = 'pending'"
}
# home shows the file's pending count (and it is above $1)
home_counts() {
	n=$(pending)
	[ "$n" -gt "${1:-0}" ] || { echo "--- only $n pending" >&2; return 1; }
	wait_for "ผลการเรียนรอส่ง $n รายการ"
}
home() {
	wait_for "สวัสดี นับผล ตรงจริง"
}

# --- no LRS configured
e2e_start --content "$E2E_CAT" --db "$E2E_DB"
e2e_check "no LRS: home says results stay here" \
    wait_for "ยังไม่ได้ตั้งค่าระบบรับผลการเรียน ผลจะเก็บไว้ในเครื่องนี้"
keys Enter
e2e_check "no LRS: course" wait_for "1. พื้นฐานความปลอดภัยของรหัสผ่าน"
keys Enter
e2e_check "no LRS: a page read" wait_for "1/2"
keys q q
e2e_check "no LRS: home again" home
e2e_check "no LRS: home counts what waits" home_counts 0
e2e_check "no LRS: and says how to take it away" \
    wait_for "ยังไม่มีระบบรับผล นำออกด้วย 'rianru outbox export'"
before=$(pending)
keys Enter Enter Right
e2e_check "no LRS: page 2" wait_for "2/2"
keys q q
e2e_check "no LRS: home counts the new page" home_counts "$before"
keys q
e2e_check "no LRS: quits" wait_for "[exit 0]"

# --- offline: an LRS configured where nothing listens
cat >"$E2E_TMP/offline.yaml" <<EOC
lrs:
  endpoint: http://127.0.0.1:1/xAPI/
  connect-timeout: 2
EOC
e2e_start --config "$E2E_TMP/offline.yaml" --content "$E2E_CAT" \
    --db "$E2E_DB"
# it reopens the page read last: back out to home
e2e_check "offline: resumes in the lesson" wait_for "2/2"
keys q q
e2e_check "offline: home" home
e2e_check "offline: home says so" wait_for "ออฟไลน์ จะลองส่งอีกครั้งเวลา"
e2e_check "offline: home counts what waits" home_counts 0
before=$(pending)
keys Enter
e2e_check "offline: course" wait_for "1. พื้นฐานความปลอดภัยของรหัสผ่าน"
keys Down Enter
e2e_check "offline: a page of module 2 read" wait_re "^  .* 1/[0-9]+ *$"
keys q q
e2e_check "offline: home counts the page at once" home_counts "$before"
before=$(pending)
keys Enter t
e2e_check "offline: quiz" wait_for "ข้อ 1/7"
keys 2 Enter
e2e_check "offline: answered" wait_for "✓ ถูกต้อง"
keys Enter q
e2e_check "offline: paused, back on the course" \
    wait_for "1. พื้นฐานความปลอดภัยของรหัสผ่าน"
keys q
e2e_check "offline: home counts the answer" home_counts "$before"
before=$(pending)
keys d
e2e_check "offline: plan" wait_for "b บันทึก 70:20:10"
keys b
e2e_check "offline: log" wait_for "การฝึกปฏิบัติในงาน (70)"
keys a
e2e_check "offline: log form" wait_for "เพิ่มบันทึก"
keys Tab Tab Tab C-u 30 Enter
e2e_check "offline: entry listed" wait_for "30 นาที"
keys q q
e2e_check "offline: home counts the log entry" home_counts "$before"
keys q
e2e_check "offline: quits" wait_for "[exit 0]"
e2e_done
