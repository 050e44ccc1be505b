#!/bin/sh
# Results carried on a USB stick: `rianru outbox export` on a machine with
# no network, `rianru outbox push` on a connected one (to the real LRS),
# `rianru outbox receipt` back on the first. Damaged, truncated and
# foreign files are refused whole; pushing twice is harmless. Exports are
# signed by the offline machine's device key (the minisign tool agrees);
# push refuses one that is unsigned, signed by a key not enrolled, or
# edited with a recomputed manifest (exit 6), unless told to accept the
# first two.
. "$(dirname "$0")/lib.sh"
lrs_setup
lrs_start
DB=$TMP/origin.db
NONET=$TMP/nonet.yaml
CFG=$TMP/connected.yaml
STICK=$TMP/stick
mkdir -p "$STICK"
XDG_DATA_HOME=$TMP/data			# the device key, not the tester's
export XDG_DATA_HOME
: >"$NONET"				# no LRS configured at all
write_config "$CFG" "$LRS_URL" 25
cp "$CFG" "$TMP/unenrolled.yaml"	# no trusted devices file
run_rianru --config "$NONET" device-key
check "device-key prints a minisign public key" sh -c "[ $RC -eq 0 ] &&
    [ \$(wc -l <'$TMP/out') -eq 2 ] &&
    grep -q '^untrusted comment: rianru device [0-9A-F]\{16\}' '$TMP/out'"
check "the device key is private (0600)" \
    [ "$(stat -c %a "$TMP/data/rianru/device.key")" = 600 ]
# the agency enrols the offline machine and the connected one, which
# signs the receipts it writes with a key of its own
cp "$TMP/out" "$TMP/trusted-devices"
echo "device-key: $TMP/pusher.key" >>"$CFG"
run_rianru --config "$CFG" device-key
cat "$TMP/out" >>"$TMP/trusted-devices"
echo "trusted-devices: $TMP/trusted-devices" >>"$CFG"
echo "trusted-devices: $TMP/trusted-devices" >>"$NONET"
"$SESSION" learn "$DB" "$COURSE" 8 || give_up "$name: session failed"
n=$(count_state "$DB" pending)

run_rianru --config "$NONET" --db "$DB" sync
check "without an LRS, sync fails (5) and says why" \
    sh -c "[ $RC -eq 5 ] && grep -q 'no LRS endpoint configured' '$TMP/err'"

run_rianru --config "$NONET" --db "$DB" outbox export "$STICK/results.jsonl"
check "export exits 0" expect_rc 0
check "export says how many" out_has "exported $n statements"
check "the file is private (0600)" \
    [ "$(stat -c %a "$STICK/results.jsonl")" = 600 ]
check "one line per statement and a manifest" \
    [ "$(wc -l <"$STICK/results.jsonl")" -eq $((n + 1)) ]
sha=$(head -n "$n" "$STICK/results.jsonl" | sha256sum | cut -d ' ' -f 1)
check "the manifest holds the count and the SHA-256 of the lines" \
    grep -q "^{\"rianru\":\"outbox-export\",\"version\":1,\"count\":$n,\"sha256\":\"$sha\"}\$" \
    "$STICK/results.jsonl"
"$SESSION" dump "$DB" | cut -f 4 >"$TMP/stored"
check "the lines are the stored statements, byte for byte, in order" \
    sh -c "head -n $n '$STICK/results.jsonl' | cmp -s - '$TMP/stored'"
check "exporting leaves them pending" [ "$(count_state "$DB" pending)" -eq "$n" ]
check "the export is signed beside it (0600)" \
    [ "$(stat -c %a "$STICK/results.jsonl.minisig")" = 600 ]
minisign -V -p "$TMP/trusted-devices" -m "$STICK/results.jsonl" \
    >"$TMP/out" 2>&1
check "minisign verifies the export with the device's public key" \
    sh -c "[ $? -eq 0 ] && grep -q 'Trusted comment: rianru outbox-export \
count $n sha256 $sha' '$TMP/out'"

# Damaged copies are refused and nothing reaches the LRS.
refused() {
	run_rianru --config "$CFG" outbox push "$1"
	expect_rc 1 && err_has "$2" && err_has "nothing was delivered" &&
	    [ "$(lrs_count)" -eq 0 ]
}
sed '3s/"OC-/"0C-/' "$STICK/results.jsonl" >"$STICK/flipped.jsonl"
check "a changed byte: refused" refused "$STICK/flipped.jsonl" \
    "is damaged: its SHA-256 does not match the manifest"
size=$(wc -c <"$STICK/results.jsonl")
head -c $((size / 2)) "$STICK/results.jsonl" >"$STICK/half.jsonl"
check "cut in the middle of a line: refused" refused "$STICK/half.jsonl" \
    "is truncated"
head -n "$n" "$STICK/results.jsonl" >"$STICK/nomanifest.jsonl"
check "cut before the manifest: refused" refused "$STICK/nomanifest.jsonl" \
    "does not end with its manifest"
{ head -n 3 "$STICK/results.jsonl"; tail -n 1 "$STICK/results.jsonl"; } \
    >"$STICK/short.jsonl"
check "lines missing: refused" refused "$STICK/short.jsonl" "is damaged"
: >"$STICK/empty.jsonl"
check "an empty file: refused" refused "$STICK/empty.jsonl" "is empty"
check "a missing file: refused" refused "$STICK/nothere.jsonl" "cannot open"

# Edited on the way, with a manifest recomputed to match: the SHA-256
# agrees, the device's signature does not. Refused with exit 6.
untrusted() {
	run_rianru --config "$2" outbox push "$1"
	expect_rc 6 && err_has "$3" && err_has "nothing was delivered" &&
	    [ "$(lrs_count)" -eq 0 ] && [ ! -e "$1.receipt" ]
}
untrusted_again() {
	run_rianru --config "$2" outbox push "$1"
	expect_rc 6 && err_has "was changed after device"
}
# remanifest IN OUT FILTER: OUT gets IN's statement lines (stdin's filter
# applied) and a manifest recomputed for them, and IN's signature.
remanifest() {
	sed '$d' "$1" | sh -c "$3" >"$2.lines"
	c=$(wc -l <"$2.lines")
	h=$(sha256sum <"$2.lines" | cut -d ' ' -f 1)
	{ cat "$2.lines"
	  printf '{"rianru":"outbox-export","version":1,"count":%d,"sha256":"%s"}\n' "$c" "$h"
	} >"$2"
	cp "$1.minisig" "$2.minisig"
}
remanifest "$STICK/results.jsonl" "$STICK/forged.jsonl" \
    "sed '3s/\"OC-[^\"]*/\"OC-999/'"
run_rianru --config "$CFG" outbox push "$STICK/forged.jsonl"
check "a forged actor with a recomputed manifest passes the SHA-256 check" \
    sh -c "! grep -q 'SHA-256' '$TMP/err' && ! cmp -s '$STICK/forged.jsonl' \
    '$STICK/results.jsonl'"
check "a forged actor, manifest recomputed: refused (6)" untrusted \
    "$STICK/forged.jsonl" "$CFG" "was changed after device"
remanifest "$STICK/results.jsonl" "$STICK/dropped.jsonl" "sed 2d"
check "a statement dropped, manifest recomputed: refused (6)" untrusted \
    "$STICK/dropped.jsonl" "$CFG" "was changed after device"
remanifest "$STICK/results.jsonl" "$STICK/added.jsonl" \
    "sed '1p;1s/\"id\":\"[0-9a-f]\{8\}/\"id\":\"00000000/'"
check "a statement added, manifest recomputed: refused (6)" untrusted \
    "$STICK/added.jsonl" "$CFG" "was changed after device"
cp "$STICK/results.jsonl" "$STICK/unsigned.jsonl"
check "an unsigned export: refused (6)" untrusted "$STICK/unsigned.jsonl" \
    "$CFG" "is not signed"
check "a signed export, no device enrolled: refused (6)" untrusted \
    "$STICK/results.jsonl" "$TMP/unenrolled.yaml" \
    "no trusted devices file is configured"
XDG_DATA_HOME=$TMP/other		# another machine's key
run_rianru --config "$NONET" --db "$DB" outbox export "$STICK/other.jsonl"
XDG_DATA_HOME=$TMP/data
check "an export by a machine not enrolled: refused (6)" untrusted \
    "$STICK/other.jsonl" "$CFG" "which is not enrolled in"

# Push from the connected machine (no progress file there).
start=$(date +%s)
run_rianru --config "$CFG" --db "$TMP/none/never.db" \
    outbox push "$STICK/results.jsonl"
check "push exits 0" expect_rc 0
check "push says which enrolled device signed it" \
    out_has "signed by enrolled device"
check "push says how many it delivered" out_has "delivered $n statements"
check "push wrote the receipt" [ -s "$STICK/results.jsonl.receipt" ]
check "and signed it (0600)" \
    [ "$(stat -c %a "$STICK/results.jsonl.receipt.minisig")" = 600 ]
check "push did not need a progress file" [ ! -e "$TMP/none" ]
check "the LRS holds exactly the exported statements" lrs_same "$DB" pending
echo "# pushed $n statements in $(($(date +%s) - start)) s"
cp "$STICK/results.jsonl.receipt" "$TMP/receipt.first"

run_rianru --config "$CFG" outbox push "$STICK/results.jsonl"
check "pushing again is harmless (exit 0)" expect_rc 0
check "the LRS still holds each statement once" lrs_same "$DB" pending
check "the second receipt lists the same statements" \
    cmp -s "$STICK/results.jsonl.receipt" "$TMP/receipt.first"

# The receipt goes back to the first machine.
sed '2s/"delivered"/"conflict","reason":"x"/' "$STICK/results.jsonl.receipt" \
    >"$STICK/bad.receipt"
run_rianru --config "$NONET" --db "$DB" outbox receipt "$STICK/bad.receipt"
check "a damaged receipt is refused" \
    sh -c "[ $RC -eq 1 ] && grep -q 'is damaged' '$TMP/err'"
check "and changes nothing" [ "$(count_state "$DB" pending)" -eq "$n" ]
run_rianru --config "$NONET" --db "$DB" outbox receipt "$STICK/results.jsonl"
check "an export is not a receipt" \
    sh -c "[ $RC -eq 1 ] && grep -q 'not an outbox-receipt file' '$TMP/err'"

# A receipt made by hand (a good manifest, no export of this file behind
# it) would mark everything delivered that was never sent: refused.
sed '$s/"export":"[0-9a-f]*"/"export":"'"$(printf '%064d' 0)"'"/' \
    "$STICK/results.jsonl.receipt" >"$STICK/hand.receipt"
run_rianru --config "$NONET" --db "$DB" outbox receipt "$STICK/hand.receipt"
check "a receipt that answers no export of this file is refused" \
    sh -c "[ $RC -eq 1 ] && grep -q 'does not answer an export this \
progress file made' '$TMP/err'"
check "and changes nothing" [ "$(count_state "$DB" pending)" -eq "$n" ]

# Whoever holds the stick has the export, so its SHA-256 and ids: a
# receipt they write for it is not signed by an enrolled machine.
cp "$STICK/results.jsonl.receipt" "$STICK/holder.receipt"
run_rianru --config "$NONET" --db "$DB" outbox receipt "$STICK/holder.receipt"
check "a receipt for the export that no enrolled machine signed: refused (6)" \
    sh -c "[ $RC -eq 6 ] && grep -q 'holder.receipt. is not signed' '$TMP/err'"
check "and changes nothing" [ "$(count_state "$DB" pending)" -eq "$n" ]
cp "$STICK/results.jsonl.receipt.minisig" "$STICK/holder.receipt.minisig"
# the last statement left out, the manifest made again for the rest
sed '$d' "$STICK/results.jsonl.receipt" | sed '$d' >"$STICK/holder.receipt"
printf '{"rianru":"outbox-receipt","version":1,"count":%s,"sha256":"%s","export":"%s"}\n' \
    "$((n - 1))" "$(sha256sum <"$STICK/holder.receipt" | cut -d ' ' -f 1)" \
    "$sha" >>"$STICK/holder.receipt"
run_rianru --config "$NONET" --db "$DB" outbox receipt "$STICK/holder.receipt"
check "a signed receipt edited, manifest recomputed: refused (6)" \
    sh -c "[ $RC -eq 6 ] && grep -q 'was changed after device' '$TMP/err'"
check "and changes nothing" [ "$(count_state "$DB" pending)" -eq "$n" ]

run_rianru --config "$NONET" --db "$DB" outbox receipt \
    "$STICK/results.jsonl.receipt"
check "the receipt is applied (exit 0)" expect_rc 0
check "it says which enrolled device signed it" \
    out_has "signed by enrolled device"
check "it says how many" out_has "marked $n delivered"
check "nothing is pending on the first machine" \
    [ "$(count_state "$DB" pending)" -eq 0 ]
check "the LRS holds them all, once, same bodies" lrs_same "$DB"
run_rianru --config "$NONET" --db "$DB" outbox receipt \
    "$STICK/results.jsonl.receipt"
check "applying it again marks nothing" out_has "marked 0 delivered"
check "and says they were settled" out_has "$n were not pending here"

run_rianru --config "$NONET" --db "$DB" outbox export "$STICK/again.jsonl"
check "nothing left to export: exit 3" expect_rc 3
check "and no file" [ ! -e "$STICK/again.jsonl" ]

# An office that has not enrolled its machines yet may say so: unsigned
# and unenrolled exports are pushed, with a warning; an edited export
# signed by an enrolled device is still refused.
cp "$TMP/unenrolled.yaml" "$TMP/accept.yaml"
echo "accept-unsigned-exports: true" >>"$TMP/accept.yaml"
run_rianru --config "$TMP/accept.yaml" outbox push "$STICK/unsigned.jsonl"
check "accept-unsigned-exports: an unsigned export is pushed (0)" \
    sh -c "[ $RC -eq 0 ] && grep -q 'warning: .* is not signed' '$TMP/err'"
echo "trusted-devices: $TMP/trusted-devices" >>"$TMP/accept.yaml"
check "accept-unsigned-exports: an edited signed export still refused" \
    untrusted_again "$STICK/forged.jsonl" "$TMP/accept.yaml"
lrs_done
