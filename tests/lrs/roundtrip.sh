#!/bin/sh
# Round trip against the real LRS (tests/lrs/lrs.js on 127.0.0.1): learner
# sessions made with the library, `rianru sync`, then the LRS must hold
# exactly the outbox's statements (ids and bodies). Also: nothing to do,
# --status, a conflict and a refused statement set aside while the rest
# goes, refused credentials, an unreachable LRS, and the secret never
# printed.
#   tests/lrs/roundtrip.sh   (RIANRU_BUILD=build/san RIANRU=... for ASan)
. "$(dirname "$0")/lib.sh"
lrs_setup
lrs_start
DB=$TMP/p.db
CFG=$TMP/config.yaml
write_config "$CFG" "$LRS_URL" 50
R="--config $CFG --db $DB"

# 20 officers, ~15 statements each: several batches of 50
"$SESSION" learn "$DB" "$COURSE" 20 || give_up "$name: session failed"
n=$(count_state "$DB" pending)
check "the learner sessions queued statements ($n)" [ "$n" -gt 200 ]

start=$(date +%s)
run_rianru $R sync
check "sync exits 0 (delivered)" expect_rc 0
check "sync says how many it delivered" out_has "delivered $n statements"
check "the outbox has nothing pending" [ "$(count_state "$DB" pending)" -eq 0 ]
check "the LRS holds exactly the outbox's statements, same bodies" \
    lrs_same "$DB"
check "the secret is never printed" \
    sh -c "! grep -qF '$SECRET' '$TMP/out' '$TMP/err'"
echo "# delivered $n statements in $(($(date +%s) - start)) s"

run_rianru $R sync
check "a second sync exits 3 (nothing to do)" expect_rc 3
check "and says so" out_has "nothing to deliver"

run_rianru $R sync --status
check "sync --status exits 0" expect_rc 0
check "--status counts delivered" out_has "delivered:    $n"
check "--status counts pending" out_has "pending:      0"

# Another progress file, with a statement the LRS refuses (after officer 2)
DB2=$TMP/second.db
"$SESSION" learn "$DB2" "$COURSE" 3 2 || give_up "$name: session failed"
# a statement the LRS already holds with another body: a conflict
"$SESSION" dump "$DB2" | sed -n 5p | cut -f 4 |
    sed 's/"timestamp":"[^"]*"/"timestamp":"2020-01-01T00:00:00.000Z"/' \
    >"$TMP/other.json"
check "the LRS took a statement with the same id, another body" \
    [ "$(node "$LRSD/lrsctl.js" post "$LRS_URL" "$KEY" "$SECRET" \
    "$TMP/other.json")" = 200 ]
conflict_id=$("$SESSION" dump "$DB2" | sed -n 5p | cut -f 3)
before=$(lrs_count)
write_config "$CFG" "$LRS_URL" 10
run_rianru --config "$CFG" --db "$DB2" sync
check "sync with a conflict and a bad statement exits 0" expect_rc 0
check "it reports what it set aside" out_has "set aside 2"
check "the conflicting statement is kept aside as a conflict" \
    [ "$(count_state "$DB2" conflict)" -eq 1 ]
check "the refused statement is quarantined" \
    [ "$(count_state "$DB2" quarantined)" -eq 1 ]
check "nothing is left pending" [ "$(count_state "$DB2" pending)" -eq 0 ]
d2=$(count_state "$DB2" delivered)
check "the LRS gained exactly the delivered ones" \
    [ "$(lrs_count)" -eq $((before + d2)) ]
check "those are the outbox's, same bodies" lrs_has "$DB2"
run_rianru --config "$CFG" --db "$DB2" outbox list --state quarantined
check "outbox list shows the LRS's reason" \
    out_has "refused by the LRS (HTTP 400)"
run_rianru --config "$CFG" --db "$DB2" outbox list
check "outbox list shows the conflict" out_has "$conflict_id  conflict"
run_rianru --config "$CFG" --db "$DB2" outbox requeue --all-quarantined
check "requeue --all-quarantined puts it back" out_has "requeued 1 statement"
check "requeued means pending" [ "$(count_state "$DB2" pending)" -eq 1 ]
run_rianru --config "$CFG" --db "$DB2" sync
check "sent again, it is quarantined again (exit 0)" expect_rc 0
check "still quarantined" [ "$(count_state "$DB2" quarantined)" -eq 1 ]

# Refused credentials: exit 5, nothing changes, the secret never shows.
DB3=$TMP/third.db
"$SESSION" learn "$DB3" "$COURSE" 1 || give_up "$name: session failed"
TEST_SECRET=wrong-secret-$$ run_rianru --config "$CFG" --db "$DB3" sync
check "wrong credentials: exit 5" expect_rc 5
check "wrong credentials: the user is told" \
    err_has "credentials refused by the LRS (HTTP 401)"
check "wrong credentials: the secret is not printed" \
    sh -c "! grep -q 'wrong-secret' '$TMP/out' '$TMP/err'"
check "wrong credentials: everything stays pending" \
    [ "$(count_state "$DB3" delivered)" -eq 0 ]
run_rianru --config "$CFG" --db "$DB3" sync --status
check "--status shows the refusal" \
    out_has "last error:   credentials refused by the LRS (HTTP 401)"
run_rianru --config "$CFG" --db "$DB3" sync
check "right credentials: exit 0" expect_rc 0
check "right credentials: the LRS holds them" lrs_has "$DB3"

# The secret comes from a private file too; an open one is refused.
DB4=$TMP/fourth.db
"$SESSION" learn "$DB4" "$COURSE" 1 || give_up "$name: session failed"
printf '%s\n' "$SECRET" >"$TMP/secret"
chmod 644 "$TMP/secret"
printf '  secret-file: %s\n' "$TMP/secret" >>"$CFG"
TEST_SECRET= run_rianru --config "$CFG" --db "$DB4" sync
check "a secret file open to others is refused (exit 5)" expect_rc 5
check "and the user is told to chmod 600" err_has "chmod 600"
chmod 600 "$TMP/secret"
TEST_SECRET= run_rianru --config "$CFG" --db "$DB4" sync
check "a private secret file works (exit 0)" expect_rc 0
check "with the secret from the file the LRS holds them" lrs_has "$DB4"

# No LRS at all: offline, quickly.
DB5=$TMP/fifth.db
"$SESSION" learn "$DB5" "$COURSE" 1 || give_up "$name: session failed"
lrs_stop
start=$(date +%s)
run_rianru --config "$CFG" --db "$DB5" sync
check "LRS down: exit 4 (offline)" expect_rc 4
check "LRS down: the user is told" err_has "offline"
check "LRS down: the run gives up at once" \
    [ $(($(date +%s) - start)) -le 3 ]
check "LRS down: nothing lost" [ "$(count_state "$DB5" pending)" -gt 0 ]
lrs_done
