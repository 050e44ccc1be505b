#!/bin/sh
# `rianru sync --status` tells how the last run ended, whatever ended it:
# an unreachable LRS, a wrong endpoint path (404: one line at once, no
# HTML, no retries), a certificate no known CA signed, then a good run.
# Each status shows that run's outcome and error, never an older one's.
#   tests/lrs/status.sh   (RIANRU_BUILD=build/san RIANRU=... for ASan)
. "$(dirname "$0")/lib.sh"
lrs_setup
lrs_start
DB=$TMP/p.db
CFG=$TMP/config.yaml
R="--config $CFG --db $DB"
"$SESSION" learn "$DB" "$COURSE" 2 || give_up "$name: session failed"
n=$(count_state "$DB" pending)

# nothing listens on port 1
write_config "$CFG" "http://127.0.0.1:1/xAPI/"
run_rianru $R sync --status
check "before any run: last run none" out_has "last run:     none"
run_rianru $R sync --max-time 5
check "unreachable: exit 4" expect_rc 4
run_rianru $R sync --status
check "unreachable: --status says the run was offline" \
    out_has "push: offline, 0 sent"
check "unreachable: --status gives that run's error" \
    out_has "last error:   LRS unreachable"

# a wrong path on a real web server (the LRS's own): 404 with an HTML page
proxy_start
write_config "$CFG" "http://127.0.0.1:$PROXY_PORT/lrs/xAPI/"
run_rianru $R sync --max-time 60
check "404: exit 5" expect_rc 5
want="rianru: no xAPI statements resource at http://127.0.0.1:$PROXY_PORT/lrs/xAPI/statements: check lrs.endpoint"
check "404: one line saying what to fix" \
    sh -c "[ \"\$(cat '$TMP/err')\" = '$want' ]"
check "404: no HTML in the message" sh -c "! grep -q '<' '$TMP/err'"
posts=$(grep -c 'POST /lrs/xAPI/statements' "$TMP/proxy/log")
check "404: not retried ($posts POST)" [ "$posts" -eq 1 ]
run_rianru $R sync --status
check "404: --status says the run failed" out_has "push: failed, 0 sent"
check "404: --status gives the 404, not the earlier error" \
    out_has "last error:   no xAPI statements resource at"

# TLS with a certificate no CA we know signed
mkdir -p "$TMP/tls"
node "$LRSD/tls.js" --dir "$TMP/tls" >>"$TMP/tls.log" 2>&1 &
PIDS="$PIDS $!"
TLS_PORT=$(wait_port "$TMP/tls") || give_up "$name: tls.js did not start"
write_config "$CFG" "https://127.0.0.1:$TLS_PORT/xAPI/"
run_rianru $R sync --max-time 5
check "unknown CA: exit 5" expect_rc 5
check "unknown CA: the message says TLS" err_has "TLS failure"
run_rianru $R sync --status
check "unknown CA: --status says the run failed" \
    out_has "push: failed, 0 sent"
check "unknown CA: --status gives the TLS error" \
    out_has "last error:   TLS failure"

# and a good run clears the error
write_config "$CFG" "$LRS_URL"
run_rianru $R sync
check "good run: exit 0" expect_rc 0
run_rianru $R sync --status
check "good run: --status says how many were sent" \
    out_has "push: delivered, $n sent"
check "good run: no error" out_has "last error:   none"
check "the LRS holds them once" lrs_same "$DB"
lrs_done
