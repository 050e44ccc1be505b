#!/bin/sh
# The app's background updates over a bad link: lighttpd on 127.0.0.1
# behind a small fault proxy (tests/e2e/faultproxy.py) that cuts a pack
# mid-way, sends wrong bytes, a changed index (wrong signature), an older
# catalogue (a replay), 500s, or trickles. After each fault the installed
# catalogue is the old one or the new one, whole (every pack its index
# names is there with its SHA-256), never a mix; a cut pack is resumed
# with Range; and the app answers keys while it all happens.
. tests/e2e/lib.sh
. tests/e2e/lib-learner.sh

if ! command -v lighttpd >/dev/null 2>&1; then
	echo "not ok - update_faults: lighttpd is missing (scripts/deps.sh)"
	exit 1
fi
C=$E2E_TMP/trainer
SITE=$E2E_TMP/site
CATDIR=$E2E_TMP/catalogue
LOG=$E2E_TMP/proxy.log
MODE=$E2E_TMP/mode
cp -R "$E2E_CAT" "$C"
"$RIANRU" keygen --out "$E2E_TMP/k" >/dev/null 2>&1
publish() {
	"$RIANRU" pack "$C" --key "$E2E_TMP/k.key" --out "$SITE" \
	    --catalogue e2e >/dev/null 2>&1
}
# The course's Thai title: $1 becomes $2.
retitle() {
	sed -i "s/^  th: $1\$/  th: $2/" "$C/e2e-journey/course.yaml"
}
seq_installed() {
	sed -n 's/^sequence //p' "$CATDIR/index"
}
# Every pack the installed index names is there, with its size and SHA-256;
# the catalogue database (docs/content-packs.md), when it names this very
# index, has a row for each of its courses (else readers ignore it). With
# $1 = db, the database must name this index.
installed_whole() {
	python3 - "$CATDIR" "${1:-}" <<'PY'
import hashlib, os, sqlite3, sys
d = sys.argv[1]
ok = True
n = 0
for l in open(os.path.join(d, "index")):
    f = l.split()
    if f[0] != "course":
        continue
    n += 1
    p = os.path.join(d, f[6])
    if not os.path.exists(p) or os.path.getsize(p) != int(f[5]) or \
       hashlib.sha256(open(p, "rb").read()).hexdigest() != f[4]:
        print("not whole:", f[6], file=sys.stderr)
        ok = False
isum = hashlib.sha256(open(os.path.join(d, "index"), "rb").read()).hexdigest()
db = os.path.join(d, "catalogue.db")
named = None
if os.path.exists(db):
    c = sqlite3.connect("file:" + db + "?mode=ro", uri=True)
    named = c.execute("SELECT value FROM meta WHERE key = 'index-sha256'"
                      ).fetchone()[0]
    rows = c.execute("SELECT count(*) FROM course").fetchone()[0]
    c.close()
    if named == isum and rows != n:
        print("catalogue.db: %d rows for %d courses" % (rows, n),
              file=sys.stderr)
        ok = False
if sys.argv[2] == "db" and named != isum:
    print("catalogue.db does not name the installed index", file=sys.stderr)
    ok = False
sys.exit(0 if ok else 1)
PY
}
# Wait until the app has started a run after this point and finished it.
wait_run() {
	n0=$(grep -c ' /index ' "$LOG")
	n=300
	while [ "$(grep -c ' /index ' "$LOG")" -le "$n0" ] && [ $n -gt 0 ]; do
		sleep 0.1; n=$((n - 1))
	done
	[ $n -gt 0 ] || return 1
	n=300
	while ! flock -n "$CATDIR/lock" true && [ $n -gt 0 ]; do
		sleep 0.1; n=$((n - 1))
	done
	[ $n -gt 0 ]
}
# The app answers a key at once: L switches the language and back.
responsive() {
	keys L
	wait_for "Home" || return 1
	keys L
	wait_for "หน้าหลัก"
}
last_error() {
	RIANRU_CONFIG=$E2E_TMP/cfg.yaml XDG_DATA_HOME=$E2E_TMP/data \
	    "$RIANRU" --db "$E2E_DB" update \
	    --status | grep -q "^last-error .*$1"
}
# After fault $1 (message $2): still sequence $3, whole, the app alive.
after_fault() {
	e2e_check "$1: a run ended" wait_run
	e2e_check "$1: says why" last_error "$2"
	e2e_check "$1: still sequence $3" test "$(seq_installed)" = "$3"
	e2e_check "$1: the installed catalogue is whole" installed_whole
	e2e_check "$1: the app answers keys" responsive
}

publish
cp -R "$SITE" "$E2E_TMP/old"
port=$((20000 + $$ % 20000))
pport=$((port + 1))
cat >"$E2E_TMP/lighttpd.conf" <<CONF
server.document-root = "$SITE"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$E2E_TMP/lighttpd.log"
server.stat-cache-engine = "disable"
CONF
lighttpd -D -f "$E2E_TMP/lighttpd.conf" &
LPID=$!
echo pass >"$MODE"
: >"$LOG"
python3 tests/e2e/faultproxy.py "$pport" "$port" "$MODE" "$LOG" \
    "$E2E_TMP/old" &
PPID2=$!
trap 'kill $LPID $PPID2 2>/dev/null; e2e_cleanup' EXIT
n=0
until [ $n -ge 50 ] || python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $pport), 1)" 2>/dev/null; do
	sleep 0.1; n=$((n + 1))
done
printf 'content-source: http://127.0.0.1:%s/\ncontent-key: %s\ncontent-check: 1\n' \
    "$pport" "$E2E_TMP/k.pub" >"$E2E_TMP/cfg.yaml"
E2E_ENV="RIANRU_CONFIG=$E2E_TMP/cfg.yaml"
"$RIANRU" --db "$E2E_DB" user add --code 7001 --name "ประเสริฐ ทดสอบ" \
    --group policy >/dev/null

e2e_start --db "$E2E_DB"
e2e_check "home" wait_for "สวัสดี ประเสริฐ ทดสอบ"
e2e_check "the catalogue arrives over HTTP" \
    wait_for "ทักษะดิจิทัลเบื้องต้นสำหรับการทดสอบ"
e2e_check "sequence 1" test "$(seq_installed)" = 1

# --- cut mid-pack, then resumed
# (each fault is set before the new catalogue is published: the app checks
# every second, and a run between the two would install it unharmed)
retitle "ทักษะดิจิทัลเบื้องต้นสำหรับการทดสอบ" "หลักสูตรฉบับสอง"
echo cut >"$MODE"
publish
after_fault "cut mid-pack" "" 1
echo pass >"$MODE"
e2e_check "the next run installs sequence 2" wait_for "หลักสูตรฉบับสอง"
e2e_check "sequence 2" test "$(seq_installed)" = 2
e2e_check "the cut pack was resumed with Range" \
    grep -q "\.pack bytes=[1-9][0-9]*- pass" "$LOG"
e2e_check "sequence 2 is whole" installed_whole

retitle "หลักสูตรฉบับสอง" "หลักสูตรฉบับสาม"
echo wrong >"$MODE"
publish
after_fault "wrong bytes" "does not match the index" 2
echo badsig >"$MODE"
after_fault "wrong signature" "signature" 2
echo replay >"$MODE"
after_fault "replayed old index" "older than the installed sequence" 2
echo 500 >"$MODE"
after_fault "server 500" "500" 2
e2e_check "the old catalogue is still on screen" wait_for "หลักสูตรฉบับสอง"

# --- a slow server: keys still work while the pack trickles in
echo slow >"$MODE"
e2e_check "slow: the app answers keys meanwhile" responsive
e2e_check "slow: sequence 3 arrives" wait_for "หลักสูตรฉบับสาม"
e2e_check "slow: sequence 3" test "$(seq_installed)" = 3
e2e_check "slow: whole" installed_whole
echo pass >"$MODE"
keys q
e2e_check "quits cleanly" exited_ok

# --- an error page is never appended to a cut pack (rianru update, the
# app closed): the part kept after a cut is the same size after a 500
# with a body, and the next run resumes it from there
update_cli() {
	RIANRU_CONFIG=$E2E_TMP/cfg.yaml XDG_DATA_HOME=$E2E_TMP/data \
	    "$RIANRU" --db "$E2E_DB" update \
	    >"$E2E_TMP/update.out" 2>&1
}
part_size() {
	cat "$CATDIR"/partial/*.pack 2>/dev/null | wc -c | tr -d ' '
}
retitle "หลักสูตรฉบับสาม" "หลักสูตรฉบับสี่"
publish
echo cut >"$MODE"
update_cli
cut_size=$(part_size)
e2e_check "cut: part of the pack is kept" test "$cut_size" -gt 0
echo 500pack >"$MODE"
update_cli
e2e_check "500 with a page: says so" grep -q "answered 500" "$E2E_TMP/update.out"
e2e_check "500 with a page: nothing appended to the part" \
    test "$(part_size)" = "$cut_size"
echo pass >"$MODE"
e2e_check "then installed" update_cli
e2e_check "sequence 4" test "$(seq_installed)" = 4
e2e_check "resumed from the part's end" \
    grep -q "\.pack bytes=$cut_size- pass" "$LOG"
e2e_check "sequence 4 is whole" installed_whole
e2e_check "sequence 4 has its catalogue database" installed_whole db
e2e_done
