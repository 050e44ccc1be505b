#!/bin/sh
# Every kiosk screen closes on idle (issue 20): the trainer's menu sooner
# (admin-idle-timeout), an officer's PIN prompt with their name like their
# session (idle-timeout), both with the warning and the wipe. "Add an
# officer" is the trainer's form and returns to the menu.
. tests/e2e/lib.sh

DB="$E2E_TMP/p.db"
"$RIANRU" --db "$DB" user add --code 7001 --name "สมชาย ใจดี" --group service >/dev/null
ADMIN=$(echo 909090 | "$RIANRU" pin-hash)
cat > "$E2E_TMP/menu.yaml" <<CFG
kiosk: true
idle-timeout: 300
admin-idle-timeout: 6
admin-pin-hash: "$ADMIN"
CFG
cat > "$E2E_TMP/pin.yaml" <<CFG
kiosk: true
idle-timeout: 6
admin-pin-hash: "$ADMIN"
CFG

e2e_start --config "$E2E_TMP/menu.yaml" --content content --db "$DB"
e2e_check "login screen" wait_for "ท่านคือใคร?"
keys F2 909090 Enter
e2e_check "trainer menu" wait_for "ออกจากโหมดคีออสก์"
keys 1
e2e_check "add an officer: the trainer's form" wait_for "เพิ่มผู้เรียน"
e2e_check "... not the learner's welcome" screen_lacks "ยินดีต้อนรับ"
keys -l "7002"
keys Tab
keys -l "วิภา ทองดี"
keys Tab Enter
e2e_check "added: back on the trainer's menu" wait_for "ออกจากโหมดคีออสก์"
e2e_check "... saying who was added" wait_for "วิภา ทองดี"
e2e_check "... with their first-login code" wait_for "รหัสเข้าครั้งแรก:"
e2e_check "... and stored" sh -c "'$RIANRU' --db '$DB' user list | grep -q 7002"
keys 1
e2e_check "the next officer without F2 again" wait_for "เพิ่มผู้เรียน"
keys Escape
e2e_check "Esc: back to the menu" wait_for "ออกจากโหมดคีออสก์"
# no key from here on: the menu warns, then closes
E2E_WAIT=100 e2e_check "the menu warns before closing" wait_for "จะออกจากระบบใน"
e2e_check "the menu closes by itself" wait_for "ท่านคือใคร?"
e2e_check "... nothing of the menu left, even in the scrollback" \
    sh -c "! $T capture-pane -p -S -500 | grep -q 'ออกจากโหมดคีออสก์'"
keys -l "วิภา"
e2e_check "... on the login screen" wait_for "7002       วิภา ทองดี"
keys Escape

"$RIANRU" --db "$DB" user setup-code --code 7001 >/dev/null
e2e_start --config "$E2E_TMP/pin.yaml" --content content --db "$DB"
e2e_check "login screen again" wait_for "ท่านคือใคร?"
keys -l "7001"
keys Enter
e2e_check "PIN prompt with the officer's name" wait_for "สมชาย ใจดี (7001)"
E2E_WAIT=100 e2e_check "the PIN prompt warns" wait_for "จะออกจากระบบใน"
e2e_check "the PIN prompt closes by itself" wait_for "ท่านคือใคร?"
e2e_check "... and the name is wiped" \
    sh -c "! $T capture-pane -p -S -500 | grep -q 'สมชาย'"
sleep 7
e2e_check "the empty login screen stays" wait_for "ท่านคือใคร?"
e2e_check "... without a warning" screen_lacks "จะออกจากระบบใน"

CODE=$("$RIANRU" --db "$DB" user setup-code --code 7001 | cut -f 3)
e2e_start --config "$E2E_TMP/menu.yaml" --content content --db "$DB"
keys -l "7001"
keys Enter "$CODE" Enter 135790 Enter 135790 Enter
e2e_check "the privacy notice at the first login" \
    wait_for "ประกาศความเป็นส่วนตัว"
keys Enter
e2e_check "officer in" wait_for "สวัสดี สมชาย ใจดี"
keys '?'
e2e_check "help says how to log out of a kiosk" \
    wait_for "q F10 หรือ Ctrl-D   ออกจากระบบ (q และ F10 ที่หน้าหลัก)"
keys Escape
e2e_check "back home" wait_for "สวัสดี สมชาย ใจดี"
keys F10
e2e_check "F10 on home logs out" wait_for "ท่านคือใคร?"
e2e_done
