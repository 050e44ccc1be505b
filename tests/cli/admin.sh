#!/bin/sh
# The admin commands as a trainer runs them: exact messages on stderr,
# exit codes from rianru(1), and what the progress file holds afterwards.
#
#   tests/cli/admin.sh        from the repository root; RIANRU=binary
#
# Prints "ok - NAME" or "not ok - NAME" with what differed, then
# "cli: N passed, M failed".
set -u

cd "$(dirname "$0")/../.." || exit 2
CLI_NAME=cli
. tests/cli/lib.sh
# nor any data (the default progress file)
XDG_DATA_HOME=$T/data
export XDG_DATA_HOME

DB=$T/p.db
thai30=$(printf 'ก%.0s' $(seq 30))
thai300=$(printf 'ก%.0s' $(seq 300))

# --- user add: nothing is cut or stored broken ---------------------------
expect "user add: long code" 1 \
    "rianru: officer code is too long: 91 bytes (31 characters); at most 63 bytes (21 Thai characters)" -- \
    --db "$DB" user add --code "a$thai30" --name ทดสอบ --group service
expect "user add: long name" 1 \
    "rianru: name is too long: 900 bytes (300 characters); at most 255 bytes (85 Thai characters)" -- \
    --db "$DB" user add --code a1 --name "$thai300" --group service
expect "user add: name with a line break" 1 \
    "rianru: name contains a line break" -- \
    --db "$DB" user add --code a1 --name "บรรทัด
สอง" --group service
printf 'log-file: %s/rianru.log\n' "$T" >"$T/log.yaml"
expect "config: log-file is said to be unused, and no log is written" 0 \
    "$T/log.yaml:1:11: warning: 'log-file' is not used: rianru writes no log file (remove the line)" -- \
    --config "$T/log.yaml" --db "$T/lg.db" user add --code l1 --name ทดสอบ --group service
check "config: no log file appeared" test ! -e "$T/rianru.log"
DBM=$T/loose.db
"$RIANRU" --db "$DBM" user add --code m1 --name ทดสอบ --group service >/dev/null
chmod 644 "$DBM"
expect "a progress file others can read is fixed, and said" 0 \
    "rianru: the progress file '$DBM' could be read by others (mode 0644); it holds PIN hashes: now 0600" -- \
    --db "$DBM" user add --code m2 --name ทดสอบ --group service
check "the progress file is 0600 now" test "$(stat -c %a "$DBM")" = 600
# A FIFO as a module file is refused, not waited on (it hung check).
mkdir "$T/fifo"
cp tests/data/good/mini/course.yaml tests/data/good/mini/01-passwords.yaml "$T/fifo/"
mkfifo "$T/fifo/02-safe-online.yaml"
timeout 20 "$RIANRU" check "$T/fifo" >"$T/out" 2>&1
check "check: a FIFO module is refused at once (exit 1)" test $? -eq 1
check "check: and said to be no regular file" grep -qF \
    "cannot read module file '02-safe-online.yaml': not a regular file" "$T/out"
mkfifo "$T/roster.csv"
expect "user import: a FIFO is refused at once" 1 \
    "rianru: cannot open '$T/roster.csv': not a regular file
rianru: nothing was imported" -- \
    --db "$T/fifo.db" user import "$T/roster.csv"
esc=$(printf '\033]0;pwned\007')
expect "user add: an escape in an argument is refused, never echoed" 2 \
    "rianru: argument 10 contains U+001B ESCAPE" -- \
    --db "$DB" user add --code a1 --name x --group "s${esc}"
expect "user add: a bidi override in a name" 2 \
    "rianru: argument 8 contains U+202E RIGHT-TO-LEFT OVERRIDE" -- \
    --db "$DB" user add --code a1 --name "$(printf 'ab\342\200\256cd')" --group service
expect "user add: code with a space" 1 \
    "rianru: officer code 'a 1' contains a space" -- \
    --db "$DB" user add --code "a 1" --name ทดสอบ --group service
expect "user add: broken UTF-8" 1 \
    "rianru: name is not valid UTF-8 (at byte 2)" -- \
    --db "$DB" user add --code a1 --name "$(printf 'x\340\270')" --group service
check "user add: refused values create no progress file" test ! -e "$DB"
expect "user add: good" 0 "" -- \
    --db "$DB" user add --code a1 --name ทดสอบ --group service
check "user add: stored whole" grep -qx 'added a1 (ทดสอบ)' "$T/out"

# --- commands that only read never make a progress file ------------------
NONE=$T/none.db
for c in "backup $T/b.db" progress report "user list" "outbox list" \
    "verify RNR-AAAA-AAAA" "sync --status" "outbox export $T/x.jsonl" \
    "outbox requeue --all" "report --format html --out $T/r.html" \
    "certificate --user a1 --course mini --out $T/c.html"; do
	# $c is split on purpose
	# shellcheck disable=SC2086
	expect "missing file: $c" 1 "rianru: no progress file at '$NONE'" -- \
	    --db "$NONE" --content tests/data/good $c
done
check "missing file: none was created" test ! -e "$NONE"
check "missing file: no backup either" test ! -e "$T/b.db"

# --- backup: never onto itself, never into a folder that is not there ----
expect "backup onto the progress file" 1 \
    "rianru: '$DB' is the progress file itself; back it up to another file" -- \
    --db "$DB" backup "$DB"
ln -s "$DB" "$T/link.db"
expect "backup onto a link to the progress file" 1 \
    "rianru: '$T/link.db' is the progress file itself; back it up to another file" -- \
    --db "$DB" backup "$T/link.db"
expect "backup into a missing folder" 1 \
    "rianru: cannot back up to '$T/no/dir/b.db': folder '$T/no/dir' does not exist" -- \
    --db "$DB" backup "$T/no/dir/b.db"
check "backup: no folder was made" test ! -e "$T/no"
expect "backup: good" 0 "" -- --db "$DB" backup "$T/b.db"

# --- a progress file we may read but not write ---------------------------
# root writes anyway: run those as nobody, in a folder nobody may not write
RO=$T/ro
mkdir "$RO"
cp "$T/b.db" "$RO/p.db"
chmod 444 "$RO/p.db"
chmod 555 "$RO"
chmod 755 "$T"
as_user() { "$@"; }
if [ "$(id -u)" = 0 ]; then
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
fi
for c in "user list" progress report "outbox list" "sync --status"; do
	# shellcheck disable=SC2086
	as_user "$RIANRU" --db "$RO/p.db" $c >"$T/out" 2>"$T/err"
	rc=$?
	check "read-only file: $c" test "$rc" = 0 -a ! -s "$T/err"
	[ -s "$T/err" ] && sed 's/^/  stderr: /' "$T/err"
done
mkdir "$T/drop"
chmod 777 "$T/drop"
as_user "$RIANRU" --db "$RO/p.db" backup "$T/drop/b.db" >/dev/null 2>"$T/err"
rc=$?
check "read-only file: backup" test "$rc" = 0 -a ! -s "$T/err"
[ -s "$T/err" ] && sed 's/^/  stderr: /' "$T/err"
chmod 755 "$RO"

# --- an option without its value says so ---------------------------------
for c in "certificate --course x --out y --user" "progress --user" \
    "progress --format" "report --by" "user list --format" \
    "user add --code a2 --name x --group"; do
	opt=${c##* }
	# shellcheck disable=SC2086
	"$RIANRU" --db "$DB" $c >/dev/null 2>"$T/err"
	rc=$?
	check "no value: $c" test "$rc" = 2 -a \
	    "$(head -n 1 "$T/err")" = "rianru: option '$opt' needs a value"
done
expect "no value: outbox list --state" 2 "$(printf '%s\n' \
    "rianru: option '--state' needs a value" && "$RIANRU" outbox --help)" -- \
    --db "$DB" outbox list --state
expect "no value: sync --max-time" 2 \
    "rianru: option '--max-time' needs a value" -- --db "$DB" sync --max-time
expect "no value: --username is not --user" 2 \
    "$(printf '%s\n' "rianru: unexpected argument '--username'" &&
    "$RIANRU" progress --help)" -- --db "$DB" progress --username

# 'kiosk --help' typed on a terminal must print help, not start a kiosk
# it may not be possible to leave; an extra argument is a mistake
expect "kiosk --help: help, no app" 0 "" -- --db "$DB" kiosk --help
check "... the kiosk's usage on stdout" grep -q "^usage: rianru \[OPTIONS\] kiosk" "$T/out"
expect "kiosk with an argument: usage" 2 "$(printf '%s\n' \
    "rianru: unexpected argument 'now'" && "$RIANRU" kiosk --help)" -- \
    --db "$DB" kiosk now
expect "app --help: help, no app" 0 "" -- --db "$DB" app --help

# --- outbox push with nothing sent writes no receipt ---------------------
LEARNER=${RIANRU_BUILD:-build/default}/tests/store/learner
OB=$T/ob.db
if [ -x "$LEARNER" ]; then
	"$RIANRU" --db "$OB" user add --code o1 --name ทดสอบ --group service \
	    >/dev/null &&
	    "$LEARNER" "$OB" tests/data/good o1 start mini &&
	    "$RIANRU" --db "$OB" outbox export "$T/usb.jsonl" >/dev/null
	# this machine enrolled, so its exports are trusted
	"$RIANRU" device-key >"$T/trusted"
	printf 'trusted-devices: %s\n' "$T/trusted" >"$T/enrolled.yaml"
	expect "push without an LRS" 5 "rianru: no LRS endpoint configured (lrs: endpoint in config.yaml)
rianru: nothing was delivered from it" -- --config "$T/enrolled.yaml" \
	    outbox push "$T/usb.jsonl"
	check "push says who signed it" grep -q \
	    "^signed by enrolled device [0-9A-F]\{16\} (rianru device " "$T/out"
	check "push without an LRS: no receipt" test ! -e "$T/usb.jsonl.receipt"
	check "push without an LRS: no advice" test "$(wc -l <"$T/out")" = 1
	cp "$T/usb.jsonl" "$T/unsigned.jsonl"
	expect "an unsigned export: refused (6)" 6 "rianru: '$T/unsigned.jsonl' is not signed (no '$T/unsigned.jsonl.minisig' beside it: made by a rianru without device keys, or its signature was left behind or removed): refused
rianru: export it again on the machine that made it, with this version of rianru (docs/sync.md)
rianru: nothing was delivered from it" -- --config "$T/enrolled.yaml" \
	    outbox push "$T/unsigned.jsonl"
	printf 'lrs:\n  endpoint: http://127.0.0.1:9/xapi/\ntrusted-devices: %s\n' \
	    "$T/trusted" >"$T/off.yaml"
	"$RIANRU" --config "$T/off.yaml" outbox push --max-time 1 \
	    "$T/usb.jsonl" >"$T/out" 2>"$T/err"
	rc=$?
	check "push offline: exit 4" test "$rc" = 4
	check "push offline: says no receipt" \
	    grep -qx "rianru: nothing was delivered from it; no receipt written" \
	    "$T/err"
	check "push offline: no receipt" test ! -e "$T/usb.jsonl.receipt"
else
	echo "not ok - no $LEARNER (make check builds it)"
	fail=$((fail + 1))
fi

# --- check: an empty path is named like any other ------------------------
"$RIANRU" check '' >"$T/out" 2>"$T/err"
rc=$?
check "check '': exit 1" test "$rc" = 1
check "check '': the path is quoted" test "$(cat "$T/out")" = "'': cannot open: No such file or directory
0 courses checked: 1 error, 0 warnings"

# --- check: plans given alone are checked as plans ------------------------
"$RIANRU" check content/plans/service.yaml >"$T/out" 2>&1
check "check a plan file" test "$(cat "$T/out")" = \
    "0 courses and 1 plan checked: 0 errors, 0 warnings"
"$RIANRU" check content/plans >"$T/out" 2>&1
check "check a plans folder" test "$(cat "$T/out")" = \
    "0 courses and 6 plans checked: 0 errors, 0 warnings"
P=tests/data/bad/plan-broken-course/plans/service.yaml
"$RIANRU" check "$P" >"$T/out" 2>&1
check "check a plan file against its catalogue" test "$(cat "$T/out")" = \
    "$P:9:9: no course 'cyber-hygeine-2' in the catalogue
0 courses and 1 plan checked: 1 error, 0 warnings"

# First-login codes for the roster (issue 17): a line per officer without
# a PIN, 8 digits, only an Argon2id hash kept; pin-hash keeps to
# pin-min-length (6 unless the configuration says otherwise).
DBK=$T/k.db
"$RIANRU" --db "$DBK" user add --code k1 --name "กมล ขยัน" --group service >/dev/null
"$RIANRU" --db "$DBK" user add --code k2 --name "Kay Two" --group other >/dev/null
expect "setup-code for every officer without a PIN" 0 "" -- \
    --db "$DBK" user setup-code
check "... a roster line each: code, name, 8 digits" sh -c \
    "[ \$(grep -c '^k[12]	[^	]*	[0-9]\{8\}\$' '$T/out') = 2 ]"
C1=$(sed -n 's/^k1	[^	]*	//p' "$T/out")
check "... the code itself is not stored" sh -c \
    "! sqlite3 '$DBK' 'SELECT setup_hash FROM officer' | grep -q '$C1'"
check "... its Argon2id hash is" sh -c \
    "sqlite3 '$DBK' \"SELECT setup_hash FROM officer WHERE code = 'k1'\" | grep -q '^.argon2id.'"
expect "setup-code for one officer" 0 "" -- --db "$DBK" user setup-code --code k2
check "... prints only that officer" sh -c "grep -q '^k2	Kay Two	[0-9]\{8\}\$' '$T/out' && [ \$(wc -l < '$T/out') = 1 ]"
expect "setup-code for an unknown officer" 1 "rianru: no officer 'zz'" -- \
    --db "$DBK" user setup-code --code zz
check "pin-hash refuses 4 digits by default" sh -c \
    "echo 1234 | '$RIANRU' pin-hash 2>'$T/err' >/dev/null; [ \$? = 1 ] && grep -qx 'rianru: a PIN has 6 to 12 digits' '$T/err'"
check "pin-hash takes 6 digits" sh -c \
    "echo 123456 | '$RIANRU' pin-hash | grep -q '^.argon2id.'"
printf 'pin-min-length: 4\n' > "$T/pin4.yaml"
check "pin-min-length: 4 lets 4 digits through" sh -c \
    "echo 1234 | '$RIANRU' --config '$T/pin4.yaml' pin-hash | grep -q '^.argon2id.'"
printf 'pin-min-length: 3\n' > "$T/pin3.yaml"
check "pin-min-length below 4 is refused" sh -c \
    "! echo 1234 | '$RIANRU' --config '$T/pin3.yaml' pin-hash >/dev/null 2>&1"

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
