#!/bin/sh
# Results leave first (docs/sync.md, "What leaves first"), against the real
# LRS: a session's attempts, results and completions are stored at the LRS
# before any of its page reads and answers, and every statement arrives
# once with its body.
#   tests/lrs/order.sh   (RIANRU_BUILD=build/san RIANRU=... for ASan)
. "$(dirname "$0")/lib.sh"
lrs_setup
lrs_start
DB=$TMP/p.db
CFG=$TMP/config.yaml
write_config "$CFG" "$LRS_URL" 2

"$SESSION" learn "$DB" "$COURSE" 2 || give_up "$name: session failed"
n=$(count_state "$DB" pending)
run_rianru --config "$CFG" --db "$DB" sync
check "the $n statements are sent (exit 0)" expect_rc 0
check "... each once, with its body" lrs_same "$DB"
node "$LRSD/lrsctl.js" get-all "$LRS_URL" "$KEY" "$SECRET" >"$TMP/all.jsonl"
# the newest 'stored' of the first class against the oldest of the rest
# (batches of 2: a batch may hold the last result and the first page)
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8")
    .split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
const first = ["attempted", "passed", "failed", "completed"];
const later = ["answered", "experienced"];
let maxFirst = "", minLater = "~", nf = 0, nl = 0;
for (const s of lines) {
	const v = s.verb.id.replace(/.*\//, "");
	if (first.includes(v)) { nf++; if (s.stored > maxFirst) maxFirst = s.stored; }
	if (later.includes(v)) { nl++; if (s.stored < minLater) minLater = s.stored; }
}
console.log(nf + " first, " + nl + " later, " + maxFirst + " <= " + minLater);
process.exit(nf > 0 && nl > 0 && maxFirst <= minLater ? 0 : 1);
' "$TMP/all.jsonl" >"$TMP/order" 2>&1
rc=$?
cat "$TMP/order"
check "results and completions were stored before pages and answers" \
    [ $rc -eq 0 ]
lrs_done
