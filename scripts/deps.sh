#!/bin/sh
# Build dependencies of rianru on Debian: check them, install them, or say
# in one line exactly what to run. Used by the Makefile (`make deps`, and
# automatically before the first build).
#
#   deps.sh check     exit 0 when everything is present
#   deps.sh install   apt-get install the Debian packages (needs root or sudo)
#   deps.sh ensure    check; else install when apt-get is usable; else one line
set -u

# Debian packages: libraries we build against, and what the tests drive.
PKGS="build-essential pkg-config libyaml-dev libsqlite3-dev libcurl4-openssl-dev
libncurses-dev libthai-dev libthai-data libsodium-dev libjansson-dev
libunistring-dev libcriterion-dev gettext tmux sqlite3 nodejs npm clang
valgrind python3 faketime"
PCS="yaml-0.1 sqlite3 libcurl ncursesw libthai libsodium jansson criterion"

have_all() {
	command -v pkg-config >/dev/null 2>&1 || return 1
	pkg-config --exists $PCS 2>/dev/null || return 1
	[ -f /usr/include/uninorm.h ] || return 1
	[ -f /usr/share/libthai/thbrk.tri ] || return 1
	command -v tmux >/dev/null 2>&1 || return 1
	command -v msgfmt >/dev/null 2>&1 || return 1
	command -v faketime >/dev/null 2>&1 || return 1	# tests/lrs/clock.sh
	return 0
}

# Node.js may come from elsewhere (NodeSource's nodejs bundles npm and
# conflicts with Debian's npm package): ask apt only for what is missing.
pkgs_line() {
	for p in $PKGS; do
		case $p in
		nodejs) command -v node >/dev/null 2>&1 && continue ;;
		npm) command -v npm >/dev/null 2>&1 && continue ;;
		esac
		printf '%s ' "$p"
	done
	echo
}

install() {
	if [ "$(id -u)" = 0 ]; then
		SUDO=
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		SUDO="sudo -n"
	else
		echo "rianru: cannot install packages without root; run: sudo apt-get install -y $(pkgs_line)" >&2
		return 1
	fi
	echo "rianru: installing build dependencies with apt-get" >&2
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq >&2 || true
	$SUDO apt-get install -y -qq --no-install-recommends $(pkgs_line) >&2
}

case "${1:-check}" in
check)	have_all ;;
install) install ;;
ensure)
	have_all && exit 0
	if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] ||
	    { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; }; then
		install && have_all && exit 0
		echo "rianru: dependencies still missing after apt-get; run: sudo apt-get install -y $(pkgs_line)" >&2
		exit 1
	fi
	echo "rianru: missing build dependencies; run: sudo apt-get install -y $(pkgs_line)" >&2
	exit 1 ;;
packages) pkgs_line ;;
*)	echo "usage: deps.sh check|install|ensure|packages" >&2; exit 2 ;;
esac
