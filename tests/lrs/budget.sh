#!/bin/sh
# The LRS budget for metered links (docs/sync.md, "A budget for metered
# links"), against the real LRS: a run with a small budget per run sends
# results before page reads and answers, sends no more bytes than the
# budget, stops with exit 7 and says what waits; the next runs send the
# rest; a budget per day holds across runs on one day and starts again the
# next day (faketime); the app's background sender keeps to it too. Every
# statement arrives exactly once.
#   tests/lrs/budget.sh   (RIANRU_BUILD=build/san RIANRU=... for ASan)
. "$(dirname "$0")/lib.sh"
command -v faketime >/dev/null 2>&1 ||
    give_up "$name: faketime is not installed (make deps)"
lrs_setup
lrs_start
CFG=$TMP/config.yaml

# budget_config FILE BUDGET BATCH [URL]: the LRS with lrs: budget
budget_config() {
	write_config "$1" "${4:-$LRS_URL}" "$3"
	echo "  budget: $2" >>"$1"
}

# The bytes of the POST bodies the proxy saw, then forget them.
posted() {
	awk '$2 == "POST" { n += $3 } END { print n + 0 }' \
	    "$TMP/proxy/bytes" 2>/dev/null
	: >"$TMP/proxy/bytes"
}

# The bytes of the statements DB has delivered, framed as POST bodies of
# one array each: what was sent at the least.
delivered_bytes() {
	"$SESSION" dump "$1" | awk -F '\t' '$2 == "delivered" {
	    n += length($4) + 1 } END { print n + 0 }'
}

# within A B: 0 < A <= B
within() {
	[ "$1" -gt 0 ] && [ "$1" -le "$2" ] && return 0
	echo "--- $1 bytes, more than $2 (or none)" >&2
	return 1
}

# first_class_first LRS_JSONL: no page read or answer is at the LRS while
# a result, attempt or completion of DB is not.
first_class_first() {
	node -e '
const fs = require("fs");
const lrs = fs.readFileSync(process.argv[1], "utf8").split("\n")
    .filter((l) => l !== "").map((l) => JSON.parse(l));
const db = fs.readFileSync(process.argv[2], "utf8").split("\n")
    .filter((l) => l !== "").map((l) => JSON.parse(l.split("\t")[3]));
const first = ["attempted", "passed", "failed", "completed"];
const verb = (s) => s.verb.id.replace(/.*\//, "");
const at = new Set(lrs.map((s) => s.id));
const firstMissing = db.filter((s) => first.includes(verb(s)) &&
    !at.has(s.id)).length;
const laterThere = lrs.filter((s) => !first.includes(verb(s))).length;
console.log(lrs.length + " at the LRS, " + firstMissing +
    " results not yet, " + laterThere + " pages and answers");
process.exit(laterThere > 0 && firstMissing > 0 ? 1 : 0);
' "$1" "$TMP/dbdump"
}

# --- a budget per run ---
DB=$TMP/run.db
"$SESSION" learn "$DB" "$COURSE" 2 || give_up "$name: session failed"
n=$(count_state "$DB" pending)
proxy_start
budget_config "$CFG" "8 KB per run" 5 "$PROXY_URL"
run_rianru --config "$CFG" --db "$DB" sync
check "8 KB per run: stopped at the budget (exit 7)" expect_rc 7
check "... and says what waits" \
    err_has "rianru: budget reached ("
check "... in statements for the next run" err_has "wait for the next run"
sent=$(posted)
check "... POSTed $sent bytes: no more than 8 KB" within "$sent" 8192
"$SESSION" dump "$DB" >"$TMP/dbdump"
node "$LRSD/lrsctl.js" get-all "$LRS_URL" "$KEY" "$SECRET" >"$TMP/all.jsonl"
check "... only results and completions went first" \
    first_class_first "$TMP/all.jsonl"
check "... what went is at the LRS once, with its body" lrs_has "$DB"
run_rianru --config "$CFG" --db "$DB" sync --status
check "--status shows the budget and what the last run used" \
    out_has "of 8 KB per run used by the last run"
runs=1
while [ "$runs" -lt 20 ]; do
	run_rianru --config "$CFG" --db "$DB" sync
	runs=$((runs + 1))
	sent=$(posted)
	within "$sent" 8192 || not_ok "run $runs: POSTed $sent bytes"
	"$SESSION" dump "$DB" >"$TMP/dbdump"
	node "$LRSD/lrsctl.js" get-all "$LRS_URL" "$KEY" "$SECRET" \
	    >"$TMP/all.jsonl"
	first_class_first "$TMP/all.jsonl" >/dev/null ||
	    not_ok "run $runs: a page or answer left before a result"
	[ "$RC" -eq 7 ] || break
done
check "the next runs sent the rest ($runs runs for $n statements): exit 0" \
    expect_rc 0
check "every statement at the LRS exactly once, with its body" \
    lrs_same "$DB"

# --- a budget per day: restarts keep it, the next day starts again ---
DB2=$TMP/day.db
"$SESSION" learn "$DB2" "$COURSE" 2 || give_up "$name: session failed"
budget_config "$CFG" "16 KB per day" 5
base=$(lrs_count)
run_rianru --config "$CFG" --db "$DB2" sync
check "16 KB per day: stopped at the budget (exit 7)" expect_rc 7
check "... for the next day" err_has "wait for the next day"
d1=$(count_state "$DB2" delivered)
run_rianru --config "$CFG" --db "$DB2" sync
check "the same day again: exit 7, nothing sent" expect_rc 7
check "... nothing more delivered" \
    [ "$(count_state "$DB2" delivered)" -eq "$d1" ]
check "... nothing more at the LRS" [ "$(lrs_count)" -eq $((base + d1)) ]
run_rianru --config "$CFG" --db "$DB2" sync --status
check "--status shows today's use" out_has "of 16 KB per day used today"
day=1
while [ "$day" -lt 10 ]; do
	# faketime preloads itself: ASan must not insist on coming first
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
	RIANRU_LRS_SECRET=$SECRET faketime -f "+${day}d" "$RIANRU" \
	    --config "$CFG" --db "$DB2" sync >"$TMP/out" 2>"$TMP/err"
	RC=$?
	grep -q 'Sanitizer\|runtime error:' "$TMP/err" &&
	    not_ok "day $day: a sanitizer report"
	[ "$day" -eq 1 ] && check "the next day sends more" \
	    [ "$(count_state "$DB2" delivered)" -gt "$d1" ]
	[ "$RC" -eq 7 ] || break
	day=$((day + 1))
done
check "day by day, all of it went (by day $day): exit 0" expect_rc 0
check "every statement at the LRS exactly once" lrs_has "$DB2"
check "and nothing else" \
    [ "$(lrs_count)" -eq $((base + $(count_state "$DB2" delivered))) ]

# --- the app's background sender keeps to the budget ---
DB3=$TMP/app.db
budget_config "$CFG" "2 KB per day" 50
"$RIANRU" --db "$DB3" user add --code 3002 --name "ประหยัด ส่งน้อย" \
    --group service >/dev/null || give_up "$name: user add failed"
T="tmux -L rianru-lrs-budget-$$ -f /dev/null"
trap '$T kill-server 2>/dev/null; lrs_cleanup' EXIT
base=$(lrs_count)
$T new-session -d -x 100 -y 30 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    TERM=screen-256color RIANRU_LRS_SECRET=$SECRET RIANRU_TEST_DRAW_CHECK=1 \
    $RIANRU --config $CFG --db $DB3 --content content 2>$TMP/app.err; \
    echo \"[exit \$?]\"; sleep 60"
check "the app: home shows the officer" see "สวัสดี ประหยัด ส่งน้อย"
$T send-keys Enter Enter
check "a lesson page is open" see "1/3"
$T send-keys Right Right
check "two pages more" see "3/3"
$T send-keys q q
check "home says today's budget is spent" \
    see "ใช้โควตาการส่งของวันนี้หมดแล้ว" 200
sent=$(delivered_bytes "$DB3")
check "the app sent within 2 KB (its statements: $sent bytes)" \
    within "$sent" 2048
check "the rest waits" [ "$(count_state "$DB3" pending)" -gt 0 ]
check "what it sent is at the LRS once" lrs_has "$DB3"
$T send-keys q
check "the app quits cleanly" see "[exit 0]"
check "no sanitizer report" \
    sh -c "! grep -q 'Sanitizer\|runtime error' '$TMP/app.err'"
lrs_done
