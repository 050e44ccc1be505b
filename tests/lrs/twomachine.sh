#!/bin/sh
# Progress follows the officer, seen on screen: two progress files play two
# machines of one officer against the real LRS. On A (the office PC) the
# officer reads every page, passes both quizzes of the course (so it is
# complete and a certificate can be issued) and leaves an attempt open,
# then A syncs. On B, a training-room kiosk driven in tmux, the officer
# logs in for the first time (trainer's code, PIN, privacy notice); home
# shows at once and fills in when the (held) pull lands, and the course screen shows A's progress,
# the attempts left at the limited quiz, the best score, the course
# complete (a certificate can be asked of the trainer, who issues it on B
# with the command the screen names) and the attempt still open on A (not resumed: B's attempt is a
# new one). The officer answers that quiz on B until the limit is reached;
# one more is refused, counting A's attempts too. Both sync: both progress
# files hold the same facts (rianru progress, the tables); pulling again
# doubles nothing, nor does the LRS hold anything twice.
#   tests/lrs/twomachine.sh   (RIANRU_BUILD=build/san RIANRU=... for ASan)
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || give_up "$name: sqlite3 is not installed"
command -v tmux >/dev/null 2>&1 || give_up "$name: tmux is not installed"
lrs_setup
lrs_start
A=$TMP/a.db
B=$TMP/b.db
CFG=$TMP/config.yaml
write_config "$CFG" "$LRS_URL" 50
# certificate keys are made here, never in the tester's home
export XDG_DATA_HOME=$TMP/data
q() { sqlite3 "$1" "$2"; }
QUIZ=passwords-check	# 3 attempts allowed, timed, shuffled
# facts of one progress file, to compare the two machines
attempts() { q "$1" "SELECT count(*) FROM attempt WHERE quiz_id = '$QUIZ'"; }
finished() { q "$1" "SELECT count(*) FROM attempt WHERE finished IS NOT NULL"; }
facts() {
	q "$1" "SELECT id, quiz_id, finished IS NOT NULL, scaled, passed \
	    FROM attempt ORDER BY id"
	q "$1" "SELECT attempt_id, question_id, response, correct FROM answer \
	    ORDER BY 1, 2"
	q "$1" "SELECT module_id, done FROM module_progress ORDER BY 1"
	q "$1" "SELECT completed IS NOT NULL FROM enrolment"
}
# rows of the tables a pull adds to, one line
counts() {
	q "$1" "SELECT (SELECT count(*) FROM attempt) || ' ' || (SELECT \
	    count(*) FROM answer) || ' ' || (SELECT count(*) FROM event) || ' ' \
	    || (SELECT count(*) FROM outbox) || ' ' || (SELECT count(*) FROM \
	    module_progress)"
}
# officer, course, modules, attempts, best, passed (rianru progress)
progress() {
	"$RIANRU" --db "$1" progress --format csv |
	    awk -F, 'NR > 1 { print $1, $3, $4, $6, $7, $9 }'
}

# --- A: the office PC -------------------------------------------------
"$SESSION" read "$A" "$COURSE" 1 || give_up "$name: reading on A failed"
# one wrong answer of four: 75%, passed (60%)
"$SESSION" attempt "$A" "$COURSE" 1 $QUIZ 1 ||
    give_up "$name: first attempt on A failed"
"$SESSION" attempt "$A" "$COURSE" 1 safe-online-check 0 ||
    give_up "$name: second quiz on A failed"
# started and left open: one question answered
"$SESSION" attempt "$A" "$COURSE" 1 $QUIZ 0 open ||
    give_up "$name: open attempt on A failed"
best_a=$(q "$A" "SELECT printf('%.0f', max(scaled) * 100) FROM attempt \
    WHERE quiz_id = '$QUIZ'")
check "A: the course is complete" [ "$(q "$A" "SELECT completed IS NOT NULL \
    FROM enrolment")" = 1 ]
nA=$(count_state "$A" pending)
run_rianru --config "$CFG" --db "$A" sync
check "A sends its $nA statements (exit 0)" expect_rc 0

# --- B: a kiosk in the training room ------------------------------------
"$RIANRU" --db "$B" user add --code OC-1 --name "Officer 1" \
    --group service >/dev/null || give_up "$name: user add on B failed"
# B reaches the LRS through the proxy, which holds the pull's first
# request 20 s: the login and home must not wait for it (the margin is
# the whole login, a few seconds even under the sanitizers)
proxy_start
BCFG=$TMP/b.yaml
write_config "$BCFG" "$PROXY_URL" 50 60
node "$LRSD/lrsctl.js" faults "http://127.0.0.1:$PROXY_PORT" \
    '[{"kind":"slow","ms":20000,"match":"GET"}]' >/dev/null ||
    give_up "$name: cannot reach the proxy"
kiosk_login "$B" "$BCFG"
screen() { $T capture-pane -p; }
check "home is there before the pull lands (held at the proxy)" \
    sh -c "! $T capture-pane -p | grep -qF '✓ จบแล้ว'"
check "home fills in when the pull lands: the course done on A" \
    see "✓ จบแล้ว" 400
check "... the request held was the pull's" \
    grep -q 'GET /xAPI/statements.* 200-slow' "$TMP/proxy/log"
check "B holds A's events, none to send again" [ "$(q "$B" "SELECT count(*) \
    FROM event")" -eq "$(q "$A" "SELECT count(*) FROM event")" ] &&
    [ "$(q "$B" "SELECT count(*) FROM outbox")" -eq 0 ]

$T send-keys Enter
check "the course screen: complete" see "✓ เรียนจบหลักสูตรแล้ว"
check "... and eligible for a certificate, issued by the trainer" see \
    "ขอใบประกาศนียบัตรได้จากผู้สอน (rianru certificate --user OC-1 --course mini)"
check "the quiz: passed on A" sh -c "$T capture-pane -p | grep -A1 -F \
    '1. รหัสผ่าน' | grep -qF '· ผ่าน ·'"
check "... A's best score, $best_a%" sh -c "$T capture-pane -p | grep -A1 \
    -F '1. รหัสผ่าน' | grep -qF 'ดีที่สุด $best_a%'"
check "... the attempt open on A, shown as such" sh -c "$T capture-pane -p | \
    grep -A1 -F '1. รหัสผ่าน' | grep -qF 'มีการทำแบบทดสอบค้างอยู่ที่เครื่องอื่น'"
check "... not as open here" sh -c "! $T capture-pane -p | grep -qF \
    '◐ มีแบบทดสอบที่ทำค้างไว้'"
check "... 1 attempt left of 3: A's finished one and A's open one count" \
    sh -c "$T capture-pane -p | grep -A1 -F '1. รหัสผ่าน' | grep -qF \
    'ทำได้อีก 1 ครั้ง'"
check "the other quiz: passed on A, 100%" sh -c "$T capture-pane -p | \
    grep -A1 -F '2. ความปลอดภัย' | grep -qF 'ผ่าน · ดีที่สุด 100%'"
echo "# B's course screen after the pull:"; screen | sed -n 1,12p

$T send-keys q m
check "my progress on B: both modules and A's 2 finished attempts" \
    see "บทเรียน 2/2 · ทำแบบทดสอบ 2 ครั้ง"
$T send-keys q Enter
see "✓ เรียนจบหลักสูตรแล้ว" >/dev/null

# a certificate can be issued on B from what A did
run_rianru --config "$CFG" --db "$B" --content "$TMP/content" certificate \
    --user OC-1 --course mini --out "$TMP/cert.html"
check "B can issue the certificate for the course completed on A" \
    expect_rc 0
check "... its page" [ -s "$TMP/cert.html" ]

# the quiz on B: a new attempt, not A's (A's has one answer)
$T send-keys t
check "B starts the quiz: its timed intro" see "เวลาที่ให้: 10 นาที"
check "... the attempts used, on both machines" see "ทำไปแล้ว: 2 จาก 3 ครั้ง"
check "... and that this one does not continue A's" \
    see "มีการทำแบบทดสอบค้างอยู่ที่เครื่องอื่น: ครั้งนี้เป็นการทำครั้งใหม่"
$T send-keys Enter
check "a new attempt, nothing answered (A's is not resumed)" \
    see "ข้อ 1/4 ◆ ○ ○ ○"
# answer_one: the right answer to the question on screen, then Enter
choice() {
	screen | grep -E '^ +[0-9] [[(]' | grep -F -- "$1" |
	    sed -n 's/^ *\([0-9]\) .*/\1/p' | head -n 1
}
answer_one() {
	s=$(screen)
	case $s in
	*"ใช้รหัสผ่านเดียวกันทุกระบบได้"*) $T send-keys "$(choice "ผิด")" ;;
	*"อย่างน้อยกี่ตัวอักษร"*) $T send-keys -l 12 ;;
	*"ข้อใดเป็นรหัสผ่านที่ดีที่สุด"*) $T send-keys "$(choice Mango)" ;;
	*"ข้อใดช่วยป้องกันบัญชี"*)
		$T send-keys "$(choice "สองขั้นตอน")"
		$T send-keys "$(choice "ไม่ซ้ำกัน")"
		sleep 0.3 ;;
	*) echo "--- no known question on screen:" >&2; echo "$s" >&2; return 1 ;;
	esac
	$T send-keys Enter
	see "✓ ถูกต้อง"
}
ok_all=0
for k in 1 2 3 4; do
	see "ข้อ $k/4" >/dev/null && answer_one || ok_all=1
	[ $k -lt 4 ] && $T send-keys Enter
done
check "B answers the four questions right" [ $ok_all -eq 0 ]
$T send-keys s
check "... submits" see "ส่งคำตอบ? ตอบแล้ว 4 จาก 4 ข้อ"
$T send-keys y
check "B's result: 100%" see "คะแนน 100% (4/4)"
$T send-keys q
check "back on the course: best now 100%" sh -c "sleep 0.5; $T capture-pane \
    -p | grep -A1 -F '1. รหัสผ่าน' | grep -qF 'ดีที่สุด 100%'"
check "... no attempt left (A's 2 and B's 1)" sh -c "$T capture-pane -p | \
    grep -A1 -F '1. รหัสผ่าน' | grep -qF 'ทำได้อีก 0 ครั้ง'"
echo "# B's course screen after B's attempt:"; screen | sed -n 5,8p
check "B recorded one attempt of its own, A's still open" [ "$(q "$B" \
    "SELECT count(*) FROM attempt WHERE quiz_id = '$QUIZ' AND remote = 0 \
    AND finished IS NOT NULL")" -eq 1 ] && [ "$(q "$B" "SELECT count(*) \
    FROM attempt WHERE remote = 1 AND finished IS NULL")" -eq 1 ]
# the limit counts both machines: a fourth attempt is refused, in Thai,
# before the timed intro
$T send-keys t
check "B may not start a fourth attempt" \
    see "ทำแบบทดสอบนี้ครบจำนวนครั้งแล้ว: ทำไปแล้ว 3 จาก 3 ครั้ง"
check "... no intro, still on the course" sh -c "! $T capture-pane -p | \
    grep -qF 'เวลาที่ให้'"
check "... and nothing started" [ "$(attempts "$B")" -eq 3 ]

# log out; the kiosk sent B's results in the background, sync anyway
$T send-keys q q
check "B logs out" see "ท่านคือใคร?"
check "no sanitizer report from the kiosk" \
    sh -c "! grep -q 'Sanitizer\|runtime error' '$TMP/kiosk.err'"
$T kill-server 2>/dev/null
run_rianru --config "$CFG" --db "$B" sync
check "B syncs: nothing left to send (exit 0 or 3)" \
    [ "$RC" -eq 0 -o "$RC" -eq 3 ]
check "... nothing pending on B" [ "$(count_state "$B" pending)" -eq 0 ]
run_rianru --config "$CFG" --db "$A" sync
check "A syncs: nothing to send, B's attempt pulled (exit 3)" expect_rc 3
check "... B's statements are new on A" sh -c "! grep -qF 'pulled 0 new' \
    '$TMP/out'"

# --- both agree -------------------------------------------------------
check "rianru progress: the same on both (attempts, best, passed)" \
    [ "$(progress "$A")" = "$(progress "$B")" ]
echo "# rianru progress on A: $(progress "$A")"
check "... the best score is B's 100%" sh -c "'$RIANRU' --db '$A' progress \
    --format json | grep -q '\"best_score\": 1'"
check "the same attempts, answers, modules done and completion" \
    [ "$(facts "$A" | md5sum)" = "$(facts "$B" | md5sum)" ]
check "the same events" [ "$(q "$A" "SELECT stmt_id FROM event ORDER BY 1" |
    md5sum)" = "$(q "$B" "SELECT stmt_id FROM event ORDER BY 1" | md5sum)" ]
check "A counts $QUIZ's attempts of both machines" [ "$(attempts "$A")" -eq 3 ]

# --- pulling twice doubles nothing ----------------------------------------
ca=$(counts "$A")
cb=$(counts "$B")
nl=$(lrs_count)
for db in "$A" "$B"; do
	run_rianru --config "$CFG" --db "$db" sync --pull-only
	check "pull again (${db##*/}): nothing new" out_has "pulled 0 new"
done
check "A: nothing doubles ($ca)" [ "$(counts "$A")" = "$ca" ]
check "B: nothing doubles ($cb)" [ "$(counts "$B")" = "$cb" ]
check "the LRS holds $nl statements still" [ "$(lrs_count)" -eq "$nl" ]
check "every statement of A at the LRS once" lrs_has "$A"
check "every statement of B at the LRS once" lrs_has "$B"
lrs_done
