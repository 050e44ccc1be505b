#!/bin/sh
# Publishing content packs as a trainer does: rianru keygen, rianru pack,
# and the signed index checked by the standard minisign tool.
#
#   tests/cli/pack.sh        from the repository root; RIANRU=binary
#
# Prints "ok - NAME" or "not ok - NAME", then "pack: N passed, M failed".
set -u

cd "$(dirname "$0")/../.." || exit 2
CLI_NAME=pack
. tests/cli/lib.sh

# --- keygen -------------------------------------------------------------
"$RIANRU" keygen --out "$T/k" >"$T/out" 2>"$T/err"
check "keygen succeeds" test $? = 0
check "secret key is 0600" test "$(stat -c %a "$T/k.key")" = 600
check "public key is minisign's" \
    grep -q '^untrusted comment: minisign public key' "$T/k.pub"
"$RIANRU" keygen --out "$T/k" >"$T/out" 2>"$T/err"
check "keygen never overwrites a key" test $? = 1
check "keygen says why" grep -q "it exists" "$T/err"

# --- pack and verify with minisign ----------------------------------------
C=$T/content
cp -r content "$C"
"$RIANRU" pack "$C" --key "$T/k.key" --out "$T/out1" \
    --catalogue national >"$T/out" 2>"$T/err"
check "pack succeeds" test $? = 0
check "pack reports" grep -q \
    "published 2 courses to $T/out1: sequence 1, 2 packs written, 0 unchanged, 0 removed" \
    "$T/out"
check "one pack per course" test "$(ls "$T/out1" | grep -c '\.pack$')" = 2
minisign -V -p "$T/k.pub" -m "$T/out1/index" >"$T/out" 2>"$T/err"
check "minisign verifies the index" test $? = 0
check "minisign shows the catalogue and sequence" grep -q \
    "Trusted comment: rianru-catalogue national sequence 1" "$T/out"
# every pack's SHA-256 and size are in the signed index
ok=1
while read -r kw id ver hash sha size file; do
	[ "$kw" = course ] || continue
	[ "$(sha256sum "$T/out1/$file" | cut -d' ' -f1)" = "$sha" ] || ok=0
	[ "$(stat -c %s "$T/out1/$file")" = "$size" ] || ok=0
done <"$T/out1/index"
check "index names each pack's sha256 and size" test $ok = 1
"$RIANRU" keygen --out "$T/other" >/dev/null 2>&1
minisign -V -p "$T/other.pub" -m "$T/out1/index" >"$T/out" 2>"$T/err"
check "minisign refuses another key" test $? != 0

# --- a second run: one course changed --------------------------------------
cp -r "$T/out1" "$T/before"
sed -i 's/^version: 1.0.0/version: 1.0.1/' "$C/data-leadership/course.yaml"
"$RIANRU" pack "$C" --key "$T/k.key" --out "$T/out1" >"$T/out" 2>"$T/err"
check "repack succeeds" test $? = 0
check "only the changed course is packed again" grep -q \
    "sequence 2, 1 pack written, 1 unchanged, 1 removed" "$T/out"
check "the unchanged pack keeps its bytes" cmp -s \
    "$T/before/$(ls "$T/before" | grep '^digital-literacy')" \
    "$T/out1/$(ls "$T/out1" | grep '^digital-literacy')"
check "catalogue id is kept" grep -q '^catalogue national$' "$T/out1/index"
minisign -V -p "$T/k.pub" -m "$T/out1/index" >"$T/out" 2>"$T/err"
check "minisign verifies the new index" test $? = 0
"$RIANRU" pack "$C" --key "$T/k.key" --out "$T/out1" --sequence 2 \
    >"$T/out" 2>"$T/err"
check "a sequence that does not grow is refused" test $? = 1
check "and says so" grep -q "sequence 2 is not above the published 2" \
    "$T/err"

# --- refusals -------------------------------------------------------------
B=tests/data/bad/duplicate-module-id
"$RIANRU" pack "$B" --key "$T/k.key" --out "$T/bad" >"$T/out" 2>"$T/err"
check "content errors refuse the pack" test $? = 1
check "with path:line:col" grep -q \
    "^$B/02-more-passwords.yaml:1:5: duplicate module id 'passwords'" \
    "$T/err"
check "nothing is written" test ! -e "$T/bad"
chmod 644 "$T/k.key"
"$RIANRU" pack "$C" --key "$T/k.key" --out "$T/out2" >"$T/out" 2>"$T/err"
check "a secret key others can read is refused" test $? = 1
check "and says how to fix it" grep -q "chmod 600" "$T/err"
chmod 600 "$T/k.key"
cp "$T/k.pub" "$T/pub-as-key"
chmod 600 "$T/pub-as-key"
"$RIANRU" pack "$C" --key "$T/pub-as-key" --out "$T/out2" >"$T/out" 2>"$T/err"
check "a public key is not a secret key" test $? = 1
check "and says so" grep -q "not a rianru secret key" "$T/err"
"$RIANRU" pack "$C" --out "$T/out2" >"$T/out" 2>"$T/err"
check "--key is required" test $? = 2

echo "pack: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
