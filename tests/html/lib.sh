# Shared helpers for the HTML tests: open pages rianru writes in headless
# Chromium (Debian's chromium package) and check what it renders. Each
# test script sources this and ends with html_done.
#
# Chromium and Thai fonts are installed with apt-get when missing; when
# that is impossible the test fails loudly (CI machines can install
# Debian packages), it never skips.

: "${RIANRU:=$PWD/rianru}"
: "${RIANRU_BUILD:=build/default}"
LEARNER=$RIANRU_BUILD/tests/store/learner
HTML_TMP=$(mktemp -d /tmp/rianru-html.XXXXXX)
html_pass=0
html_fail=0
html_name=${0##*/}
html_name=${html_name%.sh}
trap 'rm -rf "$HTML_TMP"' EXIT
export TZ=Asia/Bangkok
# the certificate key is made there, never in the tester's home
export XDG_DATA_HOME="$HTML_TMP/data"

html_check() {
	name=$1
	shift
	if "$@"; then
		html_pass=$((html_pass + 1))
		echo "ok - $html_name: $name"
	else
		html_fail=$((html_fail + 1))
		echo "not ok - $html_name: $name"
	fi
}

html_done() {
	echo "$html_name: $html_pass passed, $html_fail failed"
	[ "$html_fail" -eq 0 ]
}

# Stop now, counted as a failure.
html_abort() {
	echo "$html_name: FAILED: $*" >&2
	html_fail=$((html_fail + 1))
	html_done
	exit 1
}

# Install Debian package $2 unless command or check $1 succeeds.
html_need() {
	if sh -c "$1" >/dev/null 2>&1; then
		return 0
	fi
	echo "$html_name: installing $2 with apt-get" >&2
	if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
	{ $SUDO apt-get install -y --no-install-recommends "$2" ||
	  { $SUDO apt-get update && $SUDO apt-get install -y \
	    --no-install-recommends "$2"; }; } >"$HTML_TMP/apt.log" 2>&1
	sh -c "$1" >/dev/null 2>&1 && return 0
	tail -n 20 "$HTML_TMP/apt.log" >&2
	html_abort "cannot install Debian package '$2' (needed to render HTML)"
}

html_need "command -v chromium" chromium
html_need "fc-list :lang=th | grep -q ." fonts-thai-tlwg
[ -x "$LEARNER" ] || html_abort "no $LEARNER (make check builds it)"

# chrome ARGS... URL: headless Chromium, no network, a fresh profile.
chrome() {
	chromium --headless --no-sandbox --disable-gpu \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --no-first-run --disable-extensions \
	    --user-data-dir="$(mktemp -d "$HTML_TMP/profile.XXXXXX")" \
	    "$@" 2>>"$HTML_TMP/chrome.log"
}

# PNG file $1 exists, is larger than $2 bytes and $3 x $4 pixels.
png_ok() {
	[ -f "$1" ] || { echo "no screenshot $1" >&2; return 1; }
	python3 - "$@" <<'PY'
import struct, sys
path, min_size, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
data = open(path, "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    sys.exit("not a PNG: " + path)
pw, ph = struct.unpack(">II", data[16:24])
if len(data) < min_size:
    sys.exit("%s: only %d bytes" % (path, len(data)))
if (pw, ph) != (w, h):
    sys.exit("%s: %dx%d, expected %dx%d" % (path, pw, ph, w, h))
PY
}

# PDF file $1 has $2 to $3 pages, each $4 x $5 points (+-2).
pdf_pages() {
	python3 - "$@" <<'PY'
import re, sys
path, lo, hi = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
w, h = float(sys.argv[4]), float(sys.argv[5])
d = open(path, "rb").read()
pages = re.findall(rb"/Type\s*/Page[^s]", d)
boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", d)
if not lo <= len(pages) <= hi:
    sys.exit("%s: %d pages, expected %d to %d" % (path, len(pages), lo, hi))
for bw, bh in boxes:
    if abs(float(bw) - w) > 2 or abs(float(bh) - h) > 2:
        sys.exit("%s: page %sx%s, expected %gx%g" % (path, bw, bh, w, h))
PY
}

# The DOM Chromium built from $1 contains the fixed string $2.
dom_has() {
	grep -qF -- "$2" "$1" || { echo "not in the rendered page: $2" >&2; return 1; }
}

# Officers with progress and 70:20:10 entries in progress file $1.
seed() {
	db=$1
	r="$RIANRU --db $db --content content"
	l="$LEARNER $db content"
	$r user add --code 1001 --name "ประภาศรี ศุภอักษร" --group executive \
	    --agency "กรุงเทพมหานคร" >/dev/null &&
	$r user add --code 3001 --name "ภุชพงค์ ใจงาม" --group policy \
	    --agency "สดช." >/dev/null &&
	$r user add --code 4001 --name "สมศรี ใจดี" --group service \
	    --agency "กรมการปกครอง" >/dev/null &&
	$r user add --code 4002 --name "Somchai Rakdee" --group service \
	    --agency "กรมการปกครอง" >/dev/null &&
	RIANRU_NOW=1741750000 $l 1001 pass digital-literacy &&
	RIANRU_NOW=1741760000 $l 1001 pass data-leadership &&
	RIANRU_NOW=1741750000 $l 3001 pass digital-literacy 50 &&
	RIANRU_NOW=1741750000 $l 4001 pass digital-literacy &&
	RIANRU_NOW=1741750000 $l 4002 start digital-literacy &&
	RIANRU_NOW=1741750000 $l 4001 log 2025-03-10 practice service-design \
	    180 "ช่วยประชาชนยื่นคำขอออนไลน์ที่เคาน์เตอร์" &&
	RIANRU_NOW=1741750000 $l 4001 log 2025-03-11 coaching \
	    digital-governance 60 "หัวหน้าสอนเรื่องการจัดชั้นความลับ"
}
