# Shared set-up of the command-line suites (tests/cli/*.sh), sourced from
# the repository root with CLI_NAME set (names the scratch folder). Sets
# RIANRU, LC_ALL, T (a scratch folder, made writable and removed at exit
# unless KEEP is set; CLI_AT_EXIT, when set, is run first), pass and fail,
# and a configuration that takes nothing from the machine running the
# tests. tests/run.sh skips lib.sh and lib-*.sh.

RIANRU=${RIANRU:-$PWD/rianru}
LC_ALL=C.UTF-8
export LC_ALL
T=$(mktemp -d "/tmp/rianru-$CLI_NAME.XXXXXX")
trap 'eval "${CLI_AT_EXIT:-:}"; [ -n "${KEEP:-}" ] ||
    { chmod -R u+w "$T"; rm -rf "$T"; }' EXIT
trap 'exit 130' HUP INT TERM
pass=0 fail=0
# no configuration from the machine running the tests
RIANRU_CONFIG=$T/none.yaml XDG_CONFIG_HOME=$T/xdg
export RIANRU_CONFIG XDG_CONFIG_HOME
: >"$T/none.yaml"

# expect NAME STATUS STDERR -- ARGS...: run rianru ARGS, compare the exit
# status and the whole of stderr.
expect() {
	name=$1 want_rc=$2 want_err=$3
	shift 4
	"$RIANRU" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	got_err=$(cat "$T/err")
	if [ "$rc" != "$want_rc" ]; then
		echo "not ok - $name: exit $rc, expected $want_rc"
		sed 's/^/  stderr: /' "$T/err"
		fail=$((fail + 1))
	elif [ "$got_err" != "$want_err" ]; then
		echo "not ok - $name: stderr differs"
		echo "  want: $want_err"
		echo "  got:  $got_err"
		fail=$((fail + 1))
	else
		echo "ok - $name"
		pass=$((pass + 1))
	fi
}

# check NAME COMMAND...: a shell condition that must hold; when it does
# not, the last command's output ($T/out, $T/err) is shown.
# CLI_PREFIX (may be empty) goes before each name.
check() {
	name=${CLI_PREFIX:-}$1
	shift
	if "$@"; then
		echo "ok - $name"
		pass=$((pass + 1))
	else
		echo "not ok - $name"
		sed 's/^/  out: /' "$T/out" "$T/err" 2>/dev/null | head -20
		fail=$((fail + 1))
	fi
}
