# Shared helpers for the end-to-end tests: drive the real rianru in a
# private tmux server of a fixed size (STYLE 2.8, notes/thai-text.md).
# Each test script sources this, calls the helpers, and ends with e2e_done.

: "${RIANRU:=$PWD/rianru}"
E2E_TMP=$(mktemp -d /tmp/rianru-e2e.XXXXXX)
E2E_SOCK="rianru-e2e-$$"
T="tmux -L $E2E_SOCK -f /dev/null"
e2e_pass=0
e2e_fail=0
e2e_name=${0##*/}
e2e_name=${e2e_name%.sh}

E2E_N=0
E2E_SOCKS=""

e2e_cleanup() {
	for s in $E2E_SOCKS $E2E_SOCK; do
		tmux -L "$s" kill-server 2>/dev/null
	done
	rm -rf "$E2E_TMP"
}
trap e2e_cleanup EXIT

# Start rianru with arguments "$@" in a fresh session of COLSxROWS
# (E2E_COLS/E2E_ROWS, default 80x24), in a clean UTF-8 environment.
# When rianru exits the pane shows "[exit N]". RIANRU_TEST_DRAW_CHECK
# stops the app, saying which screen, when the draw of a screen marked
# VIEW_STATE_DRAW reads the progress file or the catalogue.
e2e_start() {
	# a fresh server each time: reusing a socket right after kill-server
	# races with the old server's exit
	$T kill-server 2>/dev/null
	# the last run's stderr would answer a wait for this run's prompt
	# before this run has started (keys typed then are flushed)
	rm -f "$E2E_TMP/stderr"
	E2E_SOCKS="$E2E_SOCKS $E2E_SOCK"
	E2E_N=$((E2E_N + 1))
	E2E_SOCK="rianru-e2e-$$-$E2E_N"
	T="tmux -L $E2E_SOCK -f /dev/null"
	$T new-session -d -x "${E2E_COLS:-80}" -y "${E2E_ROWS:-24}" \
	    "env -i PATH=/usr/bin:/bin HOME=$E2E_TMP LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	    TERM=screen-256color XDG_DATA_HOME=$E2E_TMP/data \
	    XDG_CONFIG_HOME=$E2E_TMP/config RIANRU_TEST_DRAW_CHECK=1 \
	    ${E2E_ENV:-} \
	    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
	    UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
	    $RIANRU $* 2>$E2E_TMP/stderr; echo \"[exit \$?]\"; sleep 60"
}

e2e_screen() {
	$T capture-pane -p
}

# Wait (up to 10 s) until the screen shows the fixed string $1.
wait_for() {
	n=100
	while [ $n -gt 0 ]; do
		e2e_screen | grep -qF -- "$1" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	echo "--- expected to see: $1" >&2
	e2e_screen >&2
	cat "$E2E_TMP/stderr" >&2 2>/dev/null
	return 1
}

# Wait until $1 is no longer on the screen.
wait_gone() {
	n=100
	while [ $n -gt 0 ]; do
		e2e_screen | grep -qF -- "$1" || return 0
		sleep 0.1
		n=$((n - 1))
	done
	echo "--- expected to disappear: $1" >&2
	e2e_screen >&2
	return 1
}

# Wait until the screen line the cursor is on (the focused item, for
# screen readers) holds the fixed string $1.
cursor_on() {
	n=50
	while [ $n -gt 0 ]; do
		y=$($T display -p '#{cursor_y}')
		e2e_screen | sed -n "$((y + 1))p" | grep -qF -- "$1" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	echo "--- cursor at $($T display -p '#{cursor_x},#{cursor_y}'), not on: $1" >&2
	e2e_screen >&2
	return 1
}

keys() {
	$T send-keys "$@"
}

# The screen does not show the fixed string $1 (right now).
screen_lacks() {
	! e2e_screen | grep -qF -- "$1"
}

# Nothing on the screen outside ASCII but Thai (U+0E00-U+0E7F): what the
# accessible mode promises (docs/accessibility.md).
ascii_or_thai() {
	e2e_screen | python3 -c '
import sys
bad = sorted({c for c in sys.stdin.read()
    if ord(c) > 127 and not 0x0E00 <= ord(c) <= 0x0E7F})
if bad:
    print("--- not ASCII or Thai: " + " ".join("U+%04X" % ord(c) for c in bad),
        file=sys.stderr)
    sys.exit(1)'
}

# The screen line with the fixed string $1 is drawn highlighted: reverse
# video (monochrome) or the selection's cyan background (colour).
highlighted() {
	$T capture-pane -p -e | grep -F -- "$1" |
	    grep -q "$(printf '\033')\[\(7\|46\)m"
}

resize() {
	$T resize-window -x "$1" -y "$2"
}

# Record the result of one check: e2e_check NAME COMMAND...
e2e_check() {
	name=$1
	shift
	if "$@"; then
		e2e_pass=$((e2e_pass + 1))
		echo "ok - $e2e_name: $name"
	else
		e2e_fail=$((e2e_fail + 1))
		echo "not ok - $e2e_name: $name"
	fi
}

# Every line of the screen fits the pane's width in cells: a Thai mark
# miscounted anywhere would push a border or column out of place.
screen_fits() {
	cols=$($T display -p '#{pane_width}')
	e2e_screen | python3 -c '
import sys, unicodedata
cols = int(sys.argv[1])
def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w
bad = [l for l in sys.stdin.read().split("\n") if width(l) > cols]
for l in bad:
    print("too wide:", l, file=sys.stderr)
sys.exit(1 if bad else 0)' "$cols"
}

# No line of the screen starts (after its indent) with a Thai following
# vowel or a combining mark: the wrapper must never split there.
screen_no_orphans() {
	e2e_screen | python3 -c '
import sys, unicodedata
bad = []
for l in sys.stdin.read().split("\n"):
    s = l.lstrip(" │")
    if s and (unicodedata.combining(s[0]) or unicodedata.category(s[0]) == "Mn" or s[0] in "ะาำๆ"):
        bad.append(l)
for l in bad:
    print("orphan:", l, file=sys.stderr)
sys.exit(1 if bad else 0)'
}

# The process ended cleanly (no sanitizer report, exit 0).
exited_ok() {
	wait_for "[exit 0]" || return 1
	! grep -q "ERROR: \(Address\|Leak\)Sanitizer\|runtime error" \
	    "$E2E_TMP/stderr"
}

e2e_done() {
	echo "$e2e_name: $e2e_pass passed, $e2e_fail failed"
	[ "$e2e_fail" -eq 0 ]
}
