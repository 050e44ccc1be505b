# Shared helpers of the LRS suites (tests/lrs/*.sh; run.sh skips this file).
# They install the real LRS (npm ci from the committed lock file, on
# demand), start it and the fault proxy on 127.0.0.1 on free ports, run
# rianru against them, and always stop what they started on exit.
# A suite sources this, runs its checks with `check`, and ends with
# lrs_done, which prints "NAME: N passed, M failed".
set -u
cd "$(dirname "$0")/../.." || exit 1
B=${RIANRU_BUILD:-build/default}
: "${RIANRU:=$PWD/rianru}"
SESSION=$PWD/$B/tests/lrs/session
LRSD=$PWD/tests/lrs
COURSE=$PWD/tests/data/good/mini
name=${0##*/}
name=${name%.sh}
TMP=$(mktemp -d /tmp/rianru-lrs.XXXXXX) || exit 1
KEY=rianru-test
SECRET=secret-$$-lrs
pass=0
fail=0
PIDS=""
LRS_PID=""

lrs_cleanup() {
	for p in $PIDS; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	[ -n "${LRS_KEEP:-}" ] || rm -rf "$TMP"
}
trap lrs_cleanup EXIT
trap 'exit 1' INT TERM HUP

# Traffic only to 127.0.0.1: no proxy from the environment.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1

ok() {
	pass=$((pass + 1))
	echo "ok - $*"
}

not_ok() {
	fail=$((fail + 1))
	echo "FAIL - $*"
}

# check DESCRIPTION COMMAND...: one test.
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

lrs_done() {
	echo "$name: $pass passed, $fail failed"
	[ $fail -eq 0 ]
}

give_up() {
	printf '%s\n' "$*" >&2
	echo "$name: $pass passed, $((fail + 1)) failed"
	exit 1
}

# node and npm, the LRS's packages, the session driver.
lrs_setup() {
	command -v node >/dev/null 2>&1 || give_up "$name: node is not installed"
	command -v npm >/dev/null 2>&1 || give_up "$name: npm is not installed"
	# npm ci again whenever the lock file is newer than the installed tree
	if [ ! -f "$LRSD/node_modules/.package-lock.json" ] ||
	    [ "$LRSD/package-lock.json" -nt "$LRSD/node_modules/.package-lock.json" ]; then
		(cd "$LRSD" && npm ci --omit=dev --no-audit --no-fund) \
		    >"$TMP/npm" 2>&1 || { cat "$TMP/npm" >&2;
		    give_up "$name: npm ci failed"; }
	fi
	[ -x "$SESSION" ] || give_up "$name: build $SESSION first (make check)"
	[ -x "$RIANRU" ] || give_up "$name: build $RIANRU first (make check)"
}

# Wait up to 20 s for DIR/port; prints the port.
wait_port() {
	n=200
	while [ $n -gt 0 ]; do
		if [ -s "$1/port" ]; then
			cat "$1/port"
			return 0
		fi
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# Start the LRS (again on LRS_PORT when it was started before), keeping
# its statements in $TMP/lrs/state across restarts. LRS_OPTS: more options
# of lrs.js (e.g. --max-page N).
lrs_start() {
	mkdir -p "$TMP/lrs"
	rm -f "$TMP/lrs/port"
	# shellcheck disable=SC2086
	(cd "$LRSD" && exec node lrs.js --dir "$TMP/lrs" --key "$KEY" \
	    --secret "$SECRET" --port "${LRS_PORT:-0}" \
	    --state "$TMP/lrs/state" --writer "$SECRET-w" ${LRS_OPTS:-}) \
	    >>"$TMP/lrs.log" 2>&1 &
	LRS_PID=$!
	PIDS="$PIDS $LRS_PID"
	LRS_PORT=$(wait_port "$TMP/lrs") || {
		cat "$TMP/lrs.log" >&2
		give_up "$name: the LRS did not start"
	}
	LRS_URL=http://127.0.0.1:$LRS_PORT/xAPI/
}

# Stop the LRS (SIGTERM: it saves its statements first).
lrs_stop() {
	kill "$LRS_PID" 2>/dev/null
	wait "$LRS_PID" 2>/dev/null
	LRS_PID=""
}

# Start the fault proxy in front of the LRS; PROXY_URL is its endpoint.
proxy_start() {
	mkdir -p "$TMP/proxy"
	: >"$TMP/proxy/log"
	node "$LRSD/proxy.js" --dir "$TMP/proxy" --upstream "$LRS_PORT" \
	    --latency "${1:-0}" >>"$TMP/proxy.log" 2>&1 &
	PROXY_PID=$!
	PIDS="$PIDS $PROXY_PID"
	PROXY_PORT=$(wait_port "$TMP/proxy") || {
		cat "$TMP/proxy.log" >&2
		give_up "$name: the proxy did not start"
	}
	PROXY_URL=http://127.0.0.1:$PROXY_PORT/xAPI/
}

# write_config FILE ENDPOINT [BATCH [TIMEOUT]]
write_config() {
	cat >"$1" <<EOF
lrs:
  endpoint: $2
  allow-plain-http: true
  key: $KEY
  batch-size: ${3:-50}
  connect-timeout: 2
  timeout: ${4:-5}
EOF
}

# run_rianru ARGS...: run rianru with the test secret; sets RC and leaves
# stdout in $TMP/out, stderr in $TMP/err. A sanitizer report is a failure.
run_rianru() {
	RIANRU_LRS_SECRET=${TEST_SECRET-$SECRET} "$RIANRU" "$@" \
	    >"$TMP/out" 2>"$TMP/err"
	RC=$?
	if grep -q 'Sanitizer\|runtime error:' "$TMP/err"; then
		cat "$TMP/err" >&2
		not_ok "rianru $* ran clean under the sanitizers"
	fi
	return 0
}

# expect_rc N: the last run_rianru exited with N (else show its output).
expect_rc() {
	[ "$RC" -eq "$1" ] && return 0
	echo "--- exit $RC, expected $1; stdout:" >&2
	cat "$TMP/out" >&2
	echo "--- stderr:" >&2
	cat "$TMP/err" >&2
	return 1
}

# out_has TEXT / err_has TEXT: the last run printed TEXT.
out_has() {
	grep -qF -- "$1" "$TMP/out" && return 0
	echo "--- stdout lacks: $1" >&2
	cat "$TMP/out" >&2
	return 1
}
err_has() {
	grep -qF -- "$1" "$TMP/err" && return 0
	echo "--- stderr lacks: $1" >&2
	cat "$TMP/err" >&2
	return 1
}

# lrs_same DB [STATE [subset]]: the LRS holds exactly DB's statements in
# STATE (default delivered), once each, with the same bodies ("subset":
# and maybe others).
lrs_same() {
	"$SESSION" dump "$1" >"$TMP/dump" || return 1
	node "$LRSD/lrsctl.js" get-all "$LRS_URL" "$KEY" "$SECRET" \
	    >"$TMP/lrs.jsonl" || return 1
	node "$LRSD/lrsctl.js" compare "$TMP/dump" "$TMP/lrs.jsonl" \
	    "${2:-delivered}" "${3:-}"
}

# lrs_has DB: DB's delivered statements are at the LRS, once, same bodies.
lrs_has() {
	lrs_same "$1" delivered subset
}

# How many rows of DB's outbox are in STATE.
count_state() {
	"$SESSION" dump "$1" | awk -F '\t' -v s="$2" '$2 == s' | wc -l |
	    tr -d ' '
}

# How many statements the LRS holds.
lrs_count() {
	node "$LRSD/lrsctl.js" get-all "$LRS_URL" "$KEY" "$SECRET" | wc -l |
	    tr -d ' '
}

# see TEXT [TENTHS]: the tmux screen of $T shows TEXT within TENTHS/10 s
# (default 15 s); else print the screen.
see() {
	n=${2:-150}
	while [ $n -gt 0 ]; do
		$T capture-pane -p | grep -qF -- "$1" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	echo "--- expected to see: $1" >&2
	$T capture-pane -p >&2
	return 1
}

# app_start ENDPOINT TIMEOUT CODE NAME: a progress file $DB with one
# officer (CODE, NAME, group service) and a configuration $CFG sending to
# ENDPOINT (write_config, batches of 50), then rianru on them with the
# shipped content/ in a tmux server of its own ($T, 100x30, killed on exit;
# stderr in $TMP/app.err); APP_ENV adds to its environment. The window
# shows "[exit N]" when it ends.
app_start() {
	DB=$TMP/p.db
	CFG=$TMP/config.yaml
	write_config "$CFG" "$1" 50 "$2"
	"$RIANRU" --db "$DB" user add --code "$3" --name "$4" \
	    --group service >/dev/null || give_up "$name: user add failed"
	T="tmux -L rianru-lrs-$name-$$ -f /dev/null"
	trap '$T kill-server 2>/dev/null; lrs_cleanup' EXIT
	$T new-session -d -x 100 -y 30 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	    TERM=screen-256color RIANRU_LRS_SECRET=$SECRET RIANRU_TEST_DRAW_CHECK=1 \
	    ${APP_ENV:-} $RIANRU --config $CFG --db $DB --content content \
	    2>$TMP/app.err; echo \"[exit \$?]\"; sleep 60"
}

# kiosk_login DB CONFIG: rianru as a training-room kiosk on DB (CONFIG
# plus "kiosk: true", the course copied to $TMP/content) in a tmux server
# of its own ($T, 100x30, killed on exit; stderr in $TMP/kiosk.err), and
# officer OC-1, "Officer 1" (on DB already), logging in there for the first
# time: the trainer's first-login code, a PIN typed twice, the privacy
# notice. Each step is a check; the last, "the officer is in".
kiosk_login() {
	mkdir -p "$TMP/content" && cp -R "$COURSE" "$TMP/content/"
	kiosk_code=$("$RIANRU" --db "$1" user setup-code --code OC-1 |
	    cut -f 3)
	{ cat "$2"; echo "kiosk: true"; } >"$TMP/kiosk.yaml"
	T="tmux -L rianru-lrs-$name-$$ -f /dev/null"
	trap '$T kill-server 2>/dev/null; lrs_cleanup' EXIT
	$T new-session -d -x 100 -y 30 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	    TERM=screen-256color RIANRU_LRS_SECRET=$SECRET RIANRU_TEST_DRAW_CHECK=1 \
	    ${KIOSK_ENV:-} XDG_DATA_HOME=$TMP/data $RIANRU --config $TMP/kiosk.yaml \
	    --db $1 --content $TMP/content 2>$TMP/kiosk.err; \
	    echo \"[exit \$?]\"; sleep 60"
	check "the kiosk's login screen" see "ท่านคือใคร?"
	$T send-keys -l "OC-1"
	$T send-keys Enter
	check "first login on this machine: the trainer's code" \
	    see "เข้าครั้งแรก: รหัสจากผู้สอน"
	$T send-keys "$kiosk_code" Enter
	check "... then a PIN" see "ตั้ง PIN ใหม่"
	$T send-keys 135790 Enter
	check "... typed again" see "พิมพ์ PIN อีกครั้ง"
	$T send-keys 135790 Enter
	# the privacy notice of a first kiosk login (docs/privacy.md), read
	check "... the privacy notice" see "ประกาศความเป็นส่วนตัว"
	$T send-keys Enter
	check "the officer is in" see "สวัสดี Officer 1"
}
