#!/bin/sh
# Content updates as an officer's machine gets them: rianru update from a
# folder (a USB stick) and from a real web server (lighttpd on 127.0.0.1),
# with the faults that must change nothing: an older catalogue, a bad
# signature, a wrong or truncated pack; a cut download resumed with Range.
#
#   tests/cli/update.sh      from the repository root; RIANRU=binary
#
# Prints "ok - NAME" or "not ok - NAME", then "update: N passed, M failed".
set -u

cd "$(dirname "$0")/../.." || exit 2
CLI_NAME=update
LPID=
CLI_AT_EXIT='[ -n "$LPID" ] && kill "$LPID" 2>/dev/null'
. tests/cli/lib.sh
XDG_CACHE_HOME=$T/cache
export XDG_CACHE_HOME
DB=$T/m/progress.db
CATDIR=$T/m/catalogue
mkdir -p "$T/m"

# update ARGS...: rianru update on the officer's machine; status in $rc
update() {
	"$RIANRU" --db "$DB" update --key "$T/k.pub" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

seq_installed() {
	sed -n 's/^sequence //p' "$CATDIR/index"
}

# --- a trainer publishes -------------------------------------------------
"$RIANRU" keygen --out "$T/k" >/dev/null 2>&1
"$RIANRU" keygen --out "$T/evil" >/dev/null 2>&1
C=$T/content
cp -r content "$C"
"$RIANRU" pack "$C" --key "$T/k.key" --out "$T/site" --catalogue national \
    >/dev/null 2>&1
cp -r "$T/site" "$T/site1"

# --- from a folder (USB) ---------------------------------------------------
update --from "$T/site"
check "update from a folder installs" test $rc = 0
check "it says what it did" grep -q \
    "installed sequence 1 (was 0): 2 packs fetched, 0 unchanged, 0 removed" \
    "$T/out"
check "the installed index is the signed one" cmp -s "$T/site/index" \
    "$CATDIR/index"
minisign -V -p "$T/k.pub" -m "$CATDIR/index" >/dev/null 2>&1
check "minisign verifies the installed index" test $? = 0
update --from "$T/site"
check "again: up to date, exit 3" test $rc = 3
"$RIANRU" --db "$DB" update --status >"$T/out" 2>"$T/err"
check "status: installed catalogue and sequence" grep -q \
    "installed: catalogue national, sequence 1, .*, 2 courses" "$T/out"
check "status: source and last check" grep -q "^source $T/site" "$T/out"
check "status: no error" test "$(grep -c '^last-error' "$T/out")" = 0

# the installed catalogue is the content once content-source is set
printf 'content-source: %s\ncontent-key: %s\n' "$T/site" "$T/k.pub" \
    >"$T/cfg.yaml"
RIANRU_CONFIG=$T/cfg.yaml "$RIANRU" --db "$DB" check >"$T/out" 2>"$T/err"
check "commands open the installed packs" test $? = 0
# a catalogue folder another user could write is no one's content
chmod 0777 "$CATDIR"
RIANRU_CONFIG=$T/cfg.yaml "$RIANRU" --db "$DB" check >"$T/out" 2>"$T/err"
check "a catalogue others can change is not used, and said" grep -qF \
    "rianru: the installed catalogue is not used: '$CATDIR' can be changed by others (mode 0777): chmod go-w it" \
    "$T/err"
check "... none of its packs is read" sh -c "! grep -q '$CATDIR' '$T/out'"
update --from "$T/site"
check "... nor is anything installed into it" sh -c "[ $rc != 0 ] &&
    grep -q 'will not install there: .* can be changed by others' '$T/err'"
chmod 0700 "$CATDIR"
RIANRU_CONFIG=$T/cfg.yaml "$RIANRU" --db "$DB" update >"$T/out" 2>"$T/err"
check "content-source from the configuration" test $? = 3

# --- one course changed: only its pack travels -----------------------------
sed -i 's/^version: 1.0.0/version: 1.0.1/' "$C/data-leadership/course.yaml"
"$RIANRU" pack "$C" --key "$T/k.key" --out "$T/site" >/dev/null 2>&1
update --from "$T/site"
check "one changed course: one pack fetched" grep -q \
    "installed sequence 2 (was 1): 1 pack fetched, 1 unchanged, 1 removed" \
    "$T/out"
new=$(sed -n 's/^course data-leadership .* \([^ ]*\)$/\1/p' "$T/site/index")
sz=$(stat -c %s "$T/site/$new")
got=$(sed -n 's/.* \([0-9]*\) bytes received$/\1/p' "$T/out")
check "bytes moved at most 1.2x that pack ($got of $sz)" \
    test "$got" -le $((sz * 12 / 10))
check "the old pack is gone" test "$(ls "$CATDIR" | grep -c '\.pack$')" = 2

# --- faults: nothing changes ---------------------------------------------
cp "$CATDIR/index" "$T/index.before"
update --from "$T/site1"
check "an older catalogue is refused (exit 5)" test $rc = 5
check "it says replay or downgrade" grep -q \
    "refusing catalogue 'national' sequence 1: older than the installed sequence 2" \
    "$T/err"
check "still sequence 2" test "$(seq_installed)" = 2

cp -r "$T/site" "$T/bad"
sed -i 's/^date .*/date 2030-01-01T00:00:00Z/' "$T/bad/index"
update --from "$T/bad"
check "a changed index fails its signature (exit 5)" test $rc = 5
check "nothing installed from it" cmp -s "$T/index.before" "$CATDIR/index"

update --from "$T/site" --key "$T/evil.pub"
check "another key's catalogue is refused" test $rc = 5

sed -i 's/^version: 1.0.1/version: 1.0.2/' "$C/data-leadership/course.yaml"
"$RIANRU" pack "$C" --key "$T/k.key" --out "$T/site" >/dev/null 2>&1
new=$(sed -n 's/^course data-leadership .* \([^ ]*\)$/\1/p' "$T/site/index")
cp "$T/site/$new" "$T/good.pack"
printf 'X' | dd of="$T/site/$new" bs=1 seek=200 conv=notrunc 2>/dev/null
update --from "$T/site"
check "a tampered pack is refused (exit 5)" test $rc = 5
check "it names the pack" grep -q "pack '$new' does not match the index" \
    "$T/err"
check "still sequence 2 after a bad pack" test "$(seq_installed)" = 2
check "status keeps the last error" sh -c \
    "'$RIANRU' --db '$DB' update --status | grep -q '^last-error .*does not match'"

head -c 1000 "$T/good.pack" >"$T/site/$new"
update --from "$T/site"
check "a truncated pack is refused" test $rc = 5
check "still sequence 2 after a short pack" test "$(seq_installed)" = 2
cp "$T/good.pack" "$T/site/$new"

# --- from a web server ------------------------------------------------------
if ! command -v lighttpd >/dev/null 2>&1; then
	echo "not ok - lighttpd is missing (scripts/deps.sh install test)"
	fail=$((fail + 1))
	echo "update: $pass passed, $fail failed"
	exit 1
fi
port=$((20000 + $$ % 20000))
cat >"$T/lighttpd.conf" <<CONF
server.document-root = "$T/site"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$T/lighttpd.log"
# the catalogue changes under it: no stale file sizes or descriptors
server.stat-cache-engine = "disable"
CONF
lighttpd -D -f "$T/lighttpd.conf" &
LPID=$!
n=0
until [ $n -ge 50 ] || { command -v curl >/dev/null && curl -s -o /dev/null "http://127.0.0.1:$port/index"; }; do
	sleep 0.1; n=$((n + 1))
done
URL=http://127.0.0.1:$port/

# a cut download: half the pack arrived before the link went down
mkdir -p "$CATDIR/partial"
half=$(( $(stat -c %s "$T/good.pack") / 2 ))
head -c $half "$T/good.pack" >"$CATDIR/partial/$new"
update --from "$URL"
check "over HTTP: installed" test $rc = 0
check "over HTTP: sequence 3" test "$(seq_installed)" = 3
got=$(sed -n 's/.* \([0-9]*\) bytes received$/\1/p' "$T/out")
check "the cut pack was resumed, not fetched again ($got bytes)" \
    test "$got" -lt $(( $(stat -c %s "$T/good.pack") - half + 2000 ))
check "the server answered a range" grep -q "1 pack fetched" "$T/out"

# wrong bytes in a partial download are found and fetched again
sed -i 's/^version: 1.0.2/version: 1.0.3/' "$C/data-leadership/course.yaml"
"$RIANRU" pack "$C" --key "$T/k.key" --out "$T/site" >/dev/null 2>&1
new=$(sed -n 's/^course data-leadership .* \([^ ]*\)$/\1/p' "$T/site/index")
head -c 3000 /dev/urandom >"$CATDIR/partial/$new"
update --from "$URL"
check "wrong partial bytes: refused" test $rc = 5
check "still sequence 3" test "$(seq_installed)" = 3
update --from "$URL"
check "the next run fetches it whole" test $rc = 0
check "sequence 4" test "$(seq_installed)" = 4

update --from "http://127.0.0.1:1/"
check "a server that is not there: offline (exit 4)" test $rc = 4
check "still sequence 4 when offline" test "$(seq_installed)" = 4

echo "update: $pass passed, $fail failed"
[ $fail = 0 ]
