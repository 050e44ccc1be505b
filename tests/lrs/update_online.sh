#!/bin/sh
# The network coming back, seen by a content update (issue 19): the LRS is
# down behind the fault proxy, so the app's sender waits out an offline
# backoff that doubles with each failed probe (1-2 s, 2-4 s, ... 64-128 s
# after the seventh); the agency's web server (lighttpd on 127.0.0.1,
# content-check: 2) answers every content check, and each answer ends that
# wait: the sender probes the LRS again after each check instead of after
# the backoff. Counted at the proxy (GET about while the LRS is down)
# against the checks counted in lighttpd's access log: after seven probes,
# in the twelve seconds of six checks, a backoff alone allows none.
# When the LRS is back, the results follow, each once.
. "$(dirname "$0")/lib.sh"
command -v lighttpd >/dev/null 2>&1 ||
    give_up "$name: lighttpd is missing (scripts/deps.sh install test)"
lrs_setup
lrs_start
proxy_start
lrs_stop	# the proxy now closes every connection, as a dead LRS would

# a signed catalogue of one course on a real web server
mkdir -p "$TMP/src" "$TMP/site" "$TMP/data"
cp -R "$COURSE" "$TMP/src/"
"$RIANRU" keygen --out "$TMP/k" >/dev/null 2>&1 ||
    give_up "$name: keygen failed"
"$RIANRU" pack "$TMP/src" --key "$TMP/k.key" --out "$TMP/site" \
    --catalogue lrs >/dev/null 2>&1 || give_up "$name: pack failed"
port=$((20000 + $$ % 20000))
cat >"$TMP/lighttpd.conf" <<CONF
server.document-root = "$TMP/site"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$TMP/lighttpd.err"
server.modules += ("mod_accesslog")
accesslog.filename = "$TMP/access.log"
server.stat-cache-engine = "disable"
CONF
lighttpd -D -f "$TMP/lighttpd.conf" >>"$TMP/lighttpd.err" 2>&1 &
PIDS="$PIDS $!"

DB=$TMP/p.db
CFG=$TMP/config.yaml
write_config "$CFG" "$PROXY_URL" 50 3
cat >>"$CFG" <<EOF
content-source: http://127.0.0.1:$port/
content-key: $TMP/k.pub
content-check: 2
EOF
"$RIANRU" --db "$DB" user add --code 3101 --name "บุญมี ออนไลน์" \
    --group service >/dev/null || give_up "$name: user add failed"

# checks that reached the web server; probes of the LRS while it is down
checks() {
	grep -c 'GET /index ' "$TMP/access.log" 2>/dev/null || echo 0
}
probes() {
	grep -c ' GET [^ ]*about .*upstream-down' "$TMP/proxy/log" || true
}

T="tmux -L rianru-lrs-online-$$ -f /dev/null"
trap '$T kill-server 2>/dev/null; lrs_cleanup' EXIT
$T new-session -d -x 100 -y 30 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    TERM=screen-256color RIANRU_LRS_SECRET=$SECRET RIANRU_TEST_DRAW_CHECK=1 \
    XDG_DATA_HOME=$TMP/data $RIANRU --config $CFG --db $DB 2>$TMP/app.err; \
    echo \"[exit \$?]\"; sleep 60"

check "home shows the officer" see "สวัสดี บุญมี ออนไลน์"
check "the catalogue arrives from the web server" see "หลักสูตรตัวอย่างขนาดเล็ก"
$T send-keys Enter Enter
check "a lesson page is open" see "1/"
$T send-keys q q
check "home says it is offline" see "ออฟไลน์ จะลองส่งอีกครั้งเวลา"

# seven failed probes: a backoff alone would now wait 64-128 s
n=2400
while [ "$(probes)" -lt 7 ] && [ $n -gt 0 ]; do
	sleep 0.1
	n=$((n - 1))
done
check "the LRS was probed seven times" [ "$(probes)" -ge 7 ]
c0=$(checks)
p0=$(probes)
n=600
while [ "$(checks)" -lt $((c0 + 6)) ] && [ $n -gt 0 ]; do
	sleep 0.1
	n=$((n - 1))
done
c1=$(checks)
p1=$(probes)
check "six more content checks reached the web server" [ "$c1" -ge $((c0 + 6)) ]
check "each ended the offline wait: the LRS was probed again" \
    sh -c "[ $((p1 - p0)) -ge 3 ] || { echo 'probes: $p0 -> $p1 over checks $c0 -> $c1' >&2; exit 1; }"
echo "probes: $p0 -> $p1 over checks $c0 -> $c1"

lrs_start
check "the LRS back: the results follow" see "ส่งล่าสุด" 400
check "nothing left pending" [ "$(count_state "$DB" pending)" -eq 0 ]
check "every statement at the LRS exactly once" lrs_same "$DB"
$T send-keys q
check "the app quits cleanly" see "[exit 0]"
check "no sanitizer report" sh -c "! grep -q 'Sanitizer\|runtime error' '$TMP/app.err'"
lrs_done
