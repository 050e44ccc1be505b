#!/bin/sh
# Trainer preview with --stats: a question shows its figures from a
# progress file (the hand-worked data set of tests/unit/test_stats.c),
# in Thai and in English, and the progress file is left untouched; then
# the same figures, and a flag, from a stats file (`rianru stats --format
# json`, as a trainer gets from `stats --from-lrs`) instead.
. tests/e2e/lib.sh

T=$E2E_TMP
. tests/cli/lib-stats.sh
sum_before=$(cksum < "$DB")

E2E_ENV="RIANRU_CONFIG=/dev/null" e2e_start preview --stats "$DB" "$T/cat/st"
e2e_check "preview opens" wait_for "[ดูตัวอย่าง]"
keys g
keys -l "q1"
keys Enter
e2e_check "q1 shown" wait_for "ข้อใดถูก"
e2e_check "q1 figures (n, facility, discrimination)" \
    wait_for "n 5 · ความง่าย 80% · อำนาจจำแนก 0.53"
e2e_check "figures fit the screen" screen_fits
keys g
keys -l "q3"
keys Enter
e2e_check "q3 figures" wait_for "n 5 · ความง่าย 40% · อำนาจจำแนก 0.33"
keys L
e2e_check "in English" wait_for "n 5 · facility 40% · discrimination 0.33"
keys Escape
e2e_check "no figures outside a quiz" wait_gone "n 5 ·"
keys q q
e2e_check "quits cleanly" exited_ok
e2e_check "progress file untouched" sh -c "[ \"\$(cksum < '$DB')\" = '$sum_before' ]"

# a stats file: figures written at --min-n 1, so its flags show too
RIANRU_CONFIG=/dev/null "$RIANRU" --db "$DB" --content "$E2E_TMP/cat" stats \
    --format json --min-n 1 --out "$E2E_TMP/stats.json"
e2e_check "stats file written" test -s "$E2E_TMP/stats.json"
E2E_ENV="RIANRU_CONFIG=/dev/null" e2e_start preview --stats "$E2E_TMP/stats.json" \
    "$E2E_TMP/cat/st"
e2e_check "preview with a stats file opens" wait_for "[ดูตัวอย่าง]"
keys g
keys -l "q1"
keys Enter
e2e_check "q1: the same figures from the stats file" \
    wait_for "n 5 · ความง่าย 80% · อำนาจจำแนก 0.53"
keys g
keys -l "q3"
keys Enter
e2e_check "q3: its flag from the stats file (not above the guess score)" \
    wait_for "n 5 · ความง่าย 40% · อำนาจจำแนก 0.33 · ยากเกินไป"
keys Escape
wait_gone "n 5 ·"
keys q q
e2e_check "quits cleanly (stats file)" exited_ok
e2e_done
