#!/bin/sh
# Dependencies of rianru on Debian: check them, install them, or say in one
# line exactly what to run. Two sets: what building needs (`make` asks for
# these only, so a packager's build pulls in no test tools), and what the
# tests drive (`make check`, `make fuzz` and `make bench` ask for these).
#
#   deps.sh check [SET]     exit 0 when everything of SET is present
#   deps.sh install [SET]   apt-get install SET (needs root or sudo)
#   deps.sh ensure [SET]    check; else install when apt-get is usable;
#                           else one line saying what to run
#   deps.sh packages [SET]  the Debian packages of SET (nodejs and npm
#                           left out when node and npm are there)
# SET is build, test or all (the default: a fresh CI machine gets both).
set -u

# Libraries we build against, and the tools of the build itself.
BUILD_PKGS="build-essential pkg-config libyaml-dev libsqlite3-dev
libcurl4-openssl-dev libncurses-dev libthai-dev libthai-data libsodium-dev
libjansson-dev libunistring-dev libxml2-dev gettext"
BUILD_PCS="yaml-0.1 sqlite3 libcurl ncursesw libthai libsodium jansson
libxml-2.0"
# What only the tests use: Criterion, tmux for the screens, the sqlite3
# shell, a real LRS from npm, clang for the fuzzers, valgrind, python3,
# headless Chromium and Thai fonts for the HTML report and certificate,
# faketime for a machine whose clock is wrong, lighttpd as the static web
# server content updates are fetched from.
TEST_PKGS="libcriterion-dev tmux sqlite3 nodejs npm clang valgrind python3
chromium fonts-thai-tlwg minisign faketime lighttpd"

have_build() {
	command -v pkg-config >/dev/null 2>&1 || return 1
	pkg-config --exists $BUILD_PCS 2>/dev/null || return 1
	[ -f /usr/include/uninorm.h ] || return 1
	[ -f /usr/share/libthai/thbrk.tri ] || return 1
	command -v msgfmt >/dev/null 2>&1 || return 1
	command -v cc >/dev/null 2>&1 || return 1
	return 0
}

have_test() {
	pkg-config --exists criterion 2>/dev/null || return 1
	for c in tmux sqlite3 node npm clang python3 chromium minisign \
	    faketime lighttpd; do
		command -v $c >/dev/null 2>&1 || return 1
	done
	fc-list :lang=th 2>/dev/null | grep -q . || return 1
	return 0
}

have() {
	case $1 in
	build) have_build ;;
	test) have_test ;;
	*) have_build && have_test ;;
	esac
}

# Node.js may come from elsewhere (NodeSource's nodejs bundles npm and
# conflicts with Debian's npm package): ask apt only for what is missing.
pkgs_line() {
	case $1 in
	build) list=$BUILD_PKGS ;;
	test) list=$TEST_PKGS ;;
	*) list="$BUILD_PKGS $TEST_PKGS" ;;
	esac
	for p in $list; do
		case $p in
		nodejs) command -v node >/dev/null 2>&1 && continue ;;
		npm) command -v npm >/dev/null 2>&1 && continue ;;
		esac
		printf '%s ' "$p"
	done
	echo
}

can_install() {
	command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] ||
	    { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; }
}

install() {
	if [ "$(id -u)" = 0 ]; then
		SUDO=
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		SUDO="sudo -n"
	else
		echo "rianru: cannot install packages without root; run: sudo apt-get install -y $(pkgs_line "$1")" >&2
		return 1
	fi
	echo "rianru: installing $1 dependencies with apt-get" >&2
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq >&2 || true
	$SUDO apt-get install -y -qq --no-install-recommends $(pkgs_line "$1") >&2
}

set_=${2:-all}
case $set_ in
build|test|all) ;;
*)	echo "usage: deps.sh check|install|ensure|packages [build|test|all]" >&2; exit 2 ;;
esac
case "${1:-check}" in
check)	have "$set_" ;;
install) install "$set_" ;;
ensure)
	have "$set_" && exit 0
	if can_install; then
		install "$set_" && have "$set_" && exit 0
		echo "rianru: $set_ dependencies still missing after apt-get; run: sudo apt-get install -y $(pkgs_line "$set_")" >&2
		exit 1
	fi
	echo "rianru: missing $set_ dependencies; run: sudo apt-get install -y $(pkgs_line "$set_")" >&2
	exit 1 ;;
packages) pkgs_line "$set_" ;;
*)	echo "usage: deps.sh check|install|ensure|packages [build|test|all]" >&2; exit 2 ;;
esac
