#!/bin/sh
# Benchmarks (bench/README.md): every figure is a ratio measured side by
# side in this run, the median of several interleaved repetitions.
#   bench/run.sh BUILD_DIR RIANRU      (make bench [BENCH_SIZE=smoke])
# BENCH_SIZE=smoke: tiny inputs, a few seconds (CI keeps the harness
# working; the numbers mean nothing). Default: full sizes.
# BENCH_REPS=N overrides the repetitions. Targets are reported, never
# asserted: a missed target does not fail the run.
# BENCH_ONLY=4 (or 1,3 ...) runs only those figures.
# Writes bench/out/results-SIZE.md; a full run also updates the results
# section of bench/README.md (with BENCH_ONLY, only those figures' rows).
set -u
B=${1:?build dir}
BIN=${2:?rianru binary}
SIZE=${BENCH_SIZE:-full}
case "$BIN" in /*) ;; *) BIN="$PWD/$BIN" ;; esac
export LC_ALL=C.UTF-8 LANG=C.UTF-8
GEN=$B/bench/gen-catalog
OUT=bench/out
mkdir -p "$OUT"
RES=$OUT/results-$SIZE.md
ROWS=$OUT/rows-$SIZE.$$
: > "$ROWS"
trap 'rm -f "$ROWS" "$OUT"/t.$$ 2>/dev/null' EXIT

if [ "$SIZE" = smoke ]; then
	REPS=${BENCH_REPS:-3}; PYREPS=1; COMMITS=40; LREPS=3
	LOAD=smoke; G1="smoke1:-c 1 -m 2 -q 7 -p 2"; G2="smoke3:-c 3 -m 2 -q 7 -p 2"
	G3="smoke10:-c 10 -m 2 -q 7 -p 2"; GREPS=1
else
	REPS=${BENCH_REPS:-5}; PYREPS=3; COMMITS=500; LREPS=21
	LOAD=national; G1="small:small"; G2="national:national"
	G3="stress:stress"; GREPS=${BENCH_REPS:-3}
fi

ONLY=$(printf '%s' "${BENCH_ONLY:-}" | tr ',' ' ')
# want N: figure N is to be run.
want() { [ -z "$ONLY" ] && return 0; case " $ONLY " in *" $1 "*) return 0;; esac; return 1; }
note() { printf '%s\n' "$*" >&2; }
now_ns() { date +%s%N; }
# Median of the numbers on stdin.
median() { sort -g | awk '{v[NR]=$1} END {if (NR) print v[int((NR+1)/2)]; else print "nan"}'; }
# Milliseconds one command takes (its output discarded).
time_ms() {
	t0=$(now_ns); "$@" >/dev/null 2>&1; rc=$?; t1=$(now_ns)
	[ $rc -eq 0 ] || note "bench: '$*' exited $rc"
	echo $(( (t1 - t0) / 1000 )) | awk '{printf "%.1f\n", $1 / 1000}'
}
# The value of key=VALUE in a line.
val() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
# ratio A B: A / B with 2 decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "nan"; else printf "%.2f\n", a / b }'; }
# met VALUE OP LIMIT: "yes" or "NO".
met() { awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN {
	if (v == "nan" || v == "") { print "n/a"; exit }
	ok = (op == "<=") ? v <= l : (op == "<") ? v < l : (op == ">=") ? v >= l : 0
	print ok ? "yes" : "NO" }'; }
# row FIGURE RIANRU REFERENCE RATIO TARGET MET
row() { printf '%s|%s|%s|%s|%s|%s\n' "$@" >> "$ROWS"; }

# A generated catalogue, made once per generator build, its files dated an
# hour back (content is installed long before it is loaded; the cache's
# racy-file rule would otherwise re-hash files written seconds ago).
catalogue() {
	dir=$OUT/cat-$1; shift
	if [ ! -f "$dir/.done" ] || [ "$GEN" -nt "$dir/.done" ]; then
		rm -rf "$dir"
		note "bench: generating $dir"
		"$GEN" "$@" "$dir" >&2 || exit 1
		find "$dir" -type f -exec touch -d "@$(( $(date +%s) - 3600 ))" {} +
		touch "$dir/.done"
	fi
	echo "$dir"
}
genspec() { catalogue "${1%%:*}" ${1#*:}; }

# first_screen COMMAND: run COMMAND (the app) in a detached tmux and poll
# capture-pane until its first screen shows. Prints "MS HWM_KB": exec to
# first screen in ms and the kernel's peak RSS of the rianru process then
# (VmHWM; empty when not found); nothing when no screen came.
first_screen() {
	T="tmux -L bench$$ -f /dev/null"
	t0=$(now_ns)
	$T new-session -d -x 120 -y 40 "$1; sleep 30" 2>/dev/null
	n=0
	while [ $n -lt 3000 ]; do
		$T capture-pane -p 2>/dev/null | grep -q '[^[:space:]]' && break
		n=$((n + 1))
	done
	t1=$(now_ns)
	sh_pid=$($T display -p '#{pane_pid}' 2>/dev/null)
	app_pid=$(pgrep -P "$sh_pid" rianru 2>/dev/null | head -1)
	hwm=$(awk '/^VmHWM/{print $2}' "/proc/$app_pid/status" 2>/dev/null)
	$T kill-server 2>/dev/null
	[ $n -lt 3000 ] && echo "$(( (t1 - t0) / 1000000 )) $hwm"
}

if want 1 || want 2; then
CAT=$(catalogue "$LOAD" "$LOAD")
if ! "$BIN" check "$CAT" > "$OUT/t.$$" 2>&1 || ! grep -q ' 0 errors' "$OUT/t.$$"; then
	note "bench: the generated catalogue does not pass rianru check:"; tail -5 "$OUT/t.$$" >&2
fi
MB=$(du -sm "$CAT" | cut -f1)
fi

# ---- 1. content load ----
if want 1; then
PY=/usr/bin/python3
if ! $PY -c 'import yaml; assert yaml.__with_libyaml__' 2>/dev/null; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		note "bench: installing python3-yaml"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml >/dev/null 2>&1 ||
		    { apt-get update -qq >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml >/dev/null 2>&1; }
	fi
fi
havepy=0
$PY -c 'import yaml; assert yaml.__with_libyaml__' 2>/dev/null && havepy=1
note "bench: 1. content load ($LOAD, $MB MB, $REPS reps)"
fl=""; ck=""; py=""
i=0
while [ $i -lt $REPS ]; do
	fl="$fl $(time_ms "$B/bench/yaml_floor" "$CAT")"
	ck="$ck $(time_ms "$BIN" check "$CAT")"
	if [ $havepy = 1 ] && [ $i -lt $PYREPS ]; then
		py="$py $(time_ms $PY bench/pyyaml_load.py "$CAT")"
	fi
	i=$((i + 1))
done
fl=$(echo $fl | tr ' ' '\n' | median); ck=$(echo $ck | tr ' ' '\n' | median)
r=$(ratio "$ck" "$fl")
row "1. load $LOAD ($MB MB) vs libyaml events" "$ck ms" "$fl ms" "${r}x" "<= 2x" "$(met "$r" '<=' 2)"
if [ $havepy = 1 ]; then
	py=$(echo $py | tr ' ' '\n' | median); r=$(ratio "$py" "$ck")
	row "1. load $LOAD vs python3-yaml CSafeLoader" "$ck ms" "$py ms" "${r}x faster" ">= 5x faster" "$(met "$r" '>=' 5)"
else
	row "1. load $LOAD vs python3-yaml CSafeLoader" "$ck ms" "not measured (no python3-yaml)" "" ">= 5x faster" "n/a"
fi

fi

# ---- 2. start-up ----
SU=$OUT/startup-$SIZE
rm -rf "$SU"; mkdir -p "$SU"
if want 2; then
note "bench: 2. start-up"
cold=""; warm=""; crss=""; wrss=""
i=0
while [ $i -lt $REPS ]; do
	rm -rf "$SU/cache"
	l=$("$B/bench/bench_startup" --cache "$SU/cache" --lazy --db "$SU/p.db" "$CAT")
	cold="$cold $(val ms "$l")"; crss="$crss $(val rss_kb "$l")"
	l=$("$B/bench/bench_startup" --cache "$SU/cache" --lazy --db "$SU/p.db" "$CAT")
	[ "$(val hits "$l")" = "$(val courses "$l")" ] || note "bench: warm start missed the cache: $l"
	warm="$warm $(val ms "$l")"; wrss="$wrss $(val rss_kb "$l")"
	i=$((i + 1))
done
cold=$(echo $cold | tr ' ' '\n' | median); warm=$(echo $warm | tr ' ' '\n' | median)
crss=$(echo $crss | tr ' ' '\n' | median); wrss=$(echo $wrss | tr ' ' '\n' | median)
r=$(ratio "$warm" "$cold"); pct=$(awk -v r="$r" 'BEGIN{printf "%.1f%%", r * 100}')
row "2. warm start vs cold start ($LOAD, proxy)" "$warm ms" "$cold ms" "$pct" "<= 10%" "$(met "$r" '<=' 0.10)"
wmb=$(awk -v k="$wrss" 'BEGIN{printf "%.1f", k / 1024}'); cmb=$(awk -v k="$crss" 'BEGIN{printf "%.1f", k / 1024}')
row "2. peak RSS, warm start ($LOAD)" "$wmb MB" "cold: $cmb MB" "" "< 32 MB" "$(met "$wmb" '<' 32)"

# The real program: exec to first painted screen in tmux, cold (its cache
# folder, XDG_CACHE_HOME under the folder of its progress file, removed first) and warm (the next
# run), with the peak RSS the kernel recorded for it (VmHWM) once the
# first screen is up.
if command -v tmux >/dev/null 2>&1; then
	realc=""; realw=""; rssw=""
	i=0
	while [ $i -lt $PYREPS ]; do
		rm -rf "$SU/app"; mkdir -p "$SU/app/cache"
		for phase in cold warm; do
			rm -f "$SU"/app/app.db*
			l=$(first_screen "env RIANRU_CONFIG=/dev/null XDG_CACHE_HOME=$SU/app/cache TERM=screen-256color $BIN --db $SU/app/app.db --content $CAT")
			[ -n "$l" ] || continue
			ms=${l%% *}; hwm=${l#* }
			if [ $phase = cold ]; then
				realc="$realc $ms"
			else
				realw="$realw $ms"
				[ -n "$hwm" ] && rssw="$rssw $hwm"
			fi
		done
		i=$((i + 1))
	done
	realc=$(echo $realc | tr ' ' '\n' | median)
	realw=$(echo $realw | tr ' ' '\n' | median)
	rssw=$(echo $rssw | tr ' ' '\n' | median)
	row "2. real app: exec to first screen (tmux, cold)" "$realc ms" "proxy cold: $cold ms" "" "(cross-check)" ""
	row "2. real app: exec to first screen (tmux, warm)" "$realw ms" "proxy warm: $warm ms" "" "(cross-check)" ""
	[ -n "$rssw" ] && row "2. real app: peak RSS at first screen (warm)" "$(awk -v k="$rssw" 'BEGIN{printf "%.1f", k / 1024}') MB" "" "" "< 32 MB" "$(met "$(awk -v k="$rssw" 'BEGIN{printf "%.1f", k / 1024}')" '<' 32)"
fi

fi

# ---- 3. answer commit ----
if want 3; then
note "bench: 3. answer commit ($COMMITS commits x $REPS)"
a50=""; a99=""; f50=""; f99=""
i=0
while [ $i -lt $REPS ]; do
	l=$("$B/bench/sqlite_floor" "$OUT/floor.db" $COMMITS); f50="$f50 $(val p50_us "$l")"; f99="$f99 $(val p99_us "$l")"
	l=$("$B/bench/bench_answer" "$OUT/answer.db" $COMMITS); a50="$a50 $(val p50_us "$l")"; a99="$a99 $(val p99_us "$l")"
	i=$((i + 1))
done
rm -f "$OUT"/floor.db* "$OUT"/answer.db*
for p in 50 99; do
	eval "a=\$a$p; f=\$f$p"
	a=$(echo $a | tr ' ' '\n' | median); f=$(echo $f | tr ' ' '\n' | median)
	r=$(ratio "$a" "$f")
	row "3. answer commit p$p (WAL, FULL)" "$a us" "$f us" "${r}x" "<= 1.5x" "$(met "$r" '<=' 1.5)"
done

fi

# ---- 4. sync ----
# Three clients deliver the same N statements to a fresh, empty test LRS
# (tests/lrs/lrs.js, in memory, its own free port) in batches of
# SYNC_BATCH, one batch at a time: rianru's lib/sync from a fresh copy of
# a progress file (bench_sync), the @xapi/xapi npm client (bench/
# xapi-client) and a bare libcurl loop over prebuilt bodies (sync_floor).
# After each run the LRS is asked how many statements it holds.
if want 4; then
SYNC_BATCH=${BENCH_SYNC_BATCH:-100}
# smoke: one repetition (nine LRS starts take the seconds CI has)
if [ "$SIZE" = smoke ]; then SYNC_N=300; SREPS=${BENCH_REPS:-1}; else SYNC_N=20000; SREPS=$REPS; fi
SYNC_TARGET=">= 1.2x @xapi/xapi, >= 90% floor"
LRSD=tests/lrs
XC=bench/xapi-client
SY=$OUT/sync-$SIZE
SYA=$PWD/$SY
LRS_PID=""
# npm ci DIR: install from the committed lock file when it changed.
npm_ci() {
	[ -f "$1/node_modules/.package-lock.json" ] &&
	    [ ! "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ] && return 0
	note "bench: npm ci in $1"
	(cd "$1" && npm ci --omit=dev --no-audit --no-fund) > "$OUT/t.$$" 2>&1 ||
	    { tail -5 "$OUT/t.$$" >&2; return 1; }
}
# Start a fresh LRS in $SY/lrs (any free port on 127.0.0.1); sets LRS_URL.
lrs_up() {
	rm -rf "$SY/lrs"; mkdir -p "$SY/lrs"
	(cd "$LRSD" && exec node lrs.js --dir "$SYA/lrs" --key bench \
	    --secret "$RIANRU_LRS_SECRET" --port 0) > "$SY/lrs.log" 2>&1 &
	LRS_PID=$!
	n=0
	while [ ! -s "$SY/lrs/port" ] && [ $n -lt 200 ]; do sleep 0.1; n=$((n + 1)); done
	[ -s "$SY/lrs/port" ] || { cat "$SY/lrs.log" >&2; return 1; }
	LRS_URL=http://127.0.0.1:$(cat "$SY/lrs/port")/xAPI/
}
lrs_down() { [ -n "$LRS_PID" ] && kill "$LRS_PID" 2>/dev/null && wait "$LRS_PID" 2>/dev/null; LRS_PID=""; }
# How many statements the LRS holds.
lrs_count() { node "$LRSD/lrsctl.js" get-all "$LRS_URL" bench "$RIANRU_LRS_SECRET" | wc -l | tr -d ' '; }
# sync_one NAME COMMAND...: one run against a fresh LRS (an argument @URL@
# becomes its endpoint). Sets L to the client's line, or to "" when it
# failed or the LRS does not hold all SYNC_N statements.
sync_one() {
	name=$1; shift
	L=""
	lrs_up || { note "bench: 4. the LRS did not start"; return 0; }
	for a; do shift; [ "$a" = @URL@ ] && a=$LRS_URL; set -- "$@" "$a"; done
	if "$@" > "$SY/out" 2> "$SY/err"; then
		got=$(lrs_count)
		if [ "$got" = "$SYNC_N" ]; then L=$(cat "$SY/out")
		else note "bench: 4. $name: the LRS holds $got of $SYNC_N statements"; fi
	else
		note "bench: 4. $name failed: $(tail -3 "$SY/err")"
	fi
	lrs_down
}
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	row "4. sync throughput" "not measured (no node/npm)" "" "" "$SYNC_TARGET" "n/a"
elif ! npm_ci "$LRSD" || ! npm_ci "$XC"; then
	row "4. sync throughput" "not measured (npm ci failed)" "" "" "$SYNC_TARGET" "n/a"
else
	unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
	export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1
	export RIANRU_LRS_SECRET=bench-$$
	mkdir -p "$SY"
	trap 'lrs_down; rm -f "$ROWS" "$OUT"/t.$$ 2>/dev/null' EXIT
	trap 'exit 1' INT TERM HUP
	# The statements, queued once per driver build (bench_sync queue).
	Q=$SY/queued-$SYNC_N-$SYNC_BATCH
	if [ ! -f "$Q.done" ] || [ "$B/bench/bench_sync" -nt "$Q.done" ]; then
		note "bench: 4. queueing $SYNC_N statements"
		"$B/bench/bench_sync" queue "$Q.db" $SYNC_N $SYNC_BATCH "$Q.jsonl" "$Q.bodies" >/dev/null &&
		    touch "$Q.done"
	fi
	note "bench: 4. sync $SYNC_N statements, batch $SYNC_BATCH ($SREPS reps)"
	ra=""; xa=""; fa=""; r10=""; rend=""; rpk=""; xpk=""; sms=""; ams=""
	rf=""; rl=""; ff=""; fl=""; rc=""; xc=""; fc=""; xms=""; fms=""
	i=0
	while [ $i -lt $SREPS ]; do
		rm -f "$SY"/run.db*; cp "$Q.db" "$SY/run.db"
		sync_one rianru "$B/bench/bench_sync" send "$SY/run.db" @URL@ $SYNC_BATCH; l=$L
		if [ -n "$l" ]; then
			ra="$ra $(val per_s "$l")"; ams="$ams $(val ms "$l")"; sms="$sms $(val store_ms "$l")"
			rf="$rf $(val first10_per_s "$l")"; rl="$rl $(val last10_per_s "$l")"; rc="$rc $(val cpu_ms "$l")"
			r10="$r10 $(val rss_10_kb "$l")"; rend="$rend $(val rss_end_kb "$l")"; rpk="$rpk $(val rss_kb "$l")"
		fi
		sync_one @xapi/xapi node "$XC/send.js" "$Q.jsonl" @URL@ $SYNC_BATCH; l=$L
		[ -n "$l" ] && { xa="$xa $(val per_s "$l")"; xpk="$xpk $(val rss_kb "$l")"
			xc="$xc $(val cpu_ms "$l")"; xms="$xms $(val ms "$l")"; }
		sync_one floor "$B/bench/sync_floor" "$Q.bodies" @URL@; l=$L
		[ -n "$l" ] && { fa="$fa $(val per_s "$l")"; fms="$fms $(val ms "$l")"
			ff="$ff $(val first10_per_s "$l")"; fl="$fl $(val last10_per_s "$l")"; fc="$fc $(val cpu_ms "$l")"; }
		i=$((i + 1))
	done
	rm -f "$SY"/run.db*
	for v in ra xa fa r10 rend rpk xpk sms ams rf rl ff fl rc xc fc xms fms; do
		eval "$v=\$(echo \$$v | tr ' ' '\n' | median)"
	done
	r=$(ratio "$ra" "$xa")
	row "4. sync $SYNC_N statements (batch $SYNC_BATCH) vs @xapi/xapi" "$ra stmt/s" "$xa stmt/s" "${r}x" ">= 1.2x" "$(met "$r" '>=' 1.2)"
	r=$(ratio "$ra" "$fa"); pct=$(awk -v r="$r" 'BEGIN{printf "%.0f%%", r * 100}')
	row "4. sync $SYNC_N statements vs bare HTTP loop (floor)" "$ra stmt/s" "$fa stmt/s" "$pct" ">= 90%" "$(met "$r" '>=' 0.90)"
	# How far ahead of the peer any client could be against this LRS: the
	# floor does nothing but send, so its lead is the LRS's headroom.
	r=$(ratio "$fa" "$xa")
	row "4. floor vs @xapi/xapi (the most a client can lead by here)" "floor: $fa stmt/s" "$xa stmt/s" "${r}x" "(info)" ""
	grow=$(awk -v a="$r10" -v b="$rend" 'BEGIN{printf "%+.1f", (b - a) / 1024}')
	mb() { awk -v k="$1" 'BEGIN{printf "%.1f", k / 1024}'; }
	row "4. RSS while sending: after 10% -> end (peak)" "$(mb "$r10") -> $(mb "$rend") MB ($(mb "$rpk") MB)" "@xapi/xapi peak: $(mb "$xpk") MB" "$grow MB" "flat (< +1 MB)" "$(met "$grow" '<' 1)"
	# Is the LRS the bottleneck? Its pace as it fills, and how little of
	# the wall time the clients spend on the CPU.
	row "4. LRS pace: first -> last tenth of the batches" "$rf -> $rl stmt/s" "floor: $ff -> $fl stmt/s" "" "(info)" ""
	row "4. client CPU time while sending" "$rc ms CPU of $ams ms ($sms ms in SQLite calls)" "@xapi/xapi: $xc of $xms ms; floor: $fc of $fms ms" "" "(info)" ""
fi
fi

# ---- 5. Thai layout ----
if want 5; then
note "bench: 5. Thai layout"
l=$("$B/bench/bench_layout" $LREPS)
ref=$(val libthai "$l")
for wd in 80 200; do
	v=$(val wrap$wd "$l"); r=$(ratio "$v" "$ref")
	row "5. wrap 50 KB Thai to $wd cols vs libthai breaks" "$v ms" "$ref ms" "${r}x" "<= 1.5x" "$(met "$r" '<=' 1.5)"
done
v=$(val redraw200x60 "$l")
row "5. redraw lesson page 200x60 (paint+update)" "$v ms" "" "" "< 2 ms" "$(met "$v" '<' 2)"
row "5. re-layout 50 KB page at 200 cols (resize)" "$(val layout200 "$l") ms" "" "" "(info)" ""

fi

# ---- 6. growth ----
if want 6; then
note "bench: 6. growth"
first=""; prss=""; pn=""; slope1=""
for g in "$G1" "$G2" "$G3"; do
	dir=$(genspec "$g")
	t=""; rss=""
	i=0
	while [ $i -lt $GREPS ]; do
		l=$("$B/bench/bench_startup" --db "$SU/g.db" "$dir")
		t="$t $(val load_ms "$l")"; rss="$rss $(val rss_kb "$l")"; n=$(val courses "$l")
		i=$((i + 1))
	done
	t=$(echo $t | tr ' ' '\n' | median); rss=$(echo $rss | tr ' ' '\n' | median)
	per=$(awk -v t="$t" -v n="$n" 'BEGIN{printf "%.2f", t / n}')
	tot=$(awk -v k="$rss" 'BEGIN{printf "%.0f", k / 1024}')
	# memory: MB per course added since the previous size (the slope)
	if [ -n "$prss" ]; then
		slope=$(awk -v a="$rss" -v b="$prss" -v n="$n" -v m="$pn" 'BEGIN{printf "%.3f", (a - b) / 1024 / (n - m)}')
		[ -z "$slope1" ] && slope1=$slope
		mem="+$slope MB/course"; rm_=$(ratio "$slope" "$slope1")
	else mem="-"; rm_="-"; fi
	prss=$rss; pn=$n
	if [ -z "$first" ]; then first=$per; r=1.00; else r=$(ratio "$per" "$first"); fi
	row "6. load $n courses: time/course; memory slope" "$per ms/course; $mem" "$t ms, $tot MB peak" "time ${r}x, slope ${rm_}x" "linear (<= 1.5x)" "$(met "$r" '<=' 1.5)"
done

fi

# ---- 7. content packs ----
# Publish the catalogue as packs and install it the way an officer's
# machine does (rianru update --from), then, side by side in this run:
# start-up from the installed packs against the warm start of the binary
# content cache the packs replaced (the last commit that had it, built
# once into $OUT/ref-ccache); pack bytes against the YAML; the first
# search of the whole catalogue through the packs' FTS5 indexes against
# building search.h's word index in memory; and the bytes lighttpd sends
# for `rianru update` after one course changed, against that course's pack.
REF_CCACHE=891262b36ca44c9f544e51edc340c42a60c2beaf
# ref_ccache: the folder of the reference build, built once (a full run
# only: it takes a minute or two); fails without git history.
ref_ccache() {
	R=$OUT/ref-ccache
	if [ ! -f "$R/.done" ]; then
		[ "$SIZE" = smoke ] && return 1
		git cat-file -e "$REF_CCACHE^{commit}" 2>/dev/null || return 1
		note "bench: 7. building the binary cache's last version (${REF_CCACHE%"${REF_CCACHE#???????}"}) for reference"
		rm -rf "$R"; mkdir -p "$R"
		git archive "$REF_CCACHE" | tar -x -C "$R" || return 1
		(cd "$R" && nice make -j2 rianru build/default/bench/bench_startup) \
		    > "$OUT/ref-ccache.log" 2>&1 || { tail -5 "$OUT/ref-ccache.log" >&2; return 1; }
		touch "$R/.done"
	fi
	echo "$R"
}
if want 7; then
PCAT=$(catalogue "$LOAD" "$LOAD")
PK=$OUT/packs-$SIZE
PKA=$PWD/$PK
rm -rf "$PK"; mkdir -p "$PK/m"
note "bench: 7. content packs ($LOAD)"
"$BIN" keygen --out "$PK/k" >/dev/null
t0=$(now_ns)
"$BIN" pack "$PCAT" --key "$PK/k.key" --out "$PK/site" >/dev/null || note "bench: rianru pack failed"
t1=$(now_ns)
packms=$(( (t1 - t0) / 1000000 ))
yb=$(find "$PCAT" -name '*.yaml' -exec cat {} + | wc -c)
pb=$(cat "$PK"/site/*.pack | wc -c)
r=$(ratio "$pb" "$yb")
row "7. pack size $LOAD vs its YAML (packing took $packms ms)" "$((pb / 1024)) KiB" "$((yb / 1024)) KiB" "${r}x" "report" "n/a"
# installed as an officer's machine has it: the catalogue folder beside
# the progress file, and its catalogue database keyed with the install's
# cache key (the app and bench_startup --key read the same file)
t0=$(now_ns)
XDG_DATA_HOME=$PKA/data "$BIN" --db "$PK/m/p.db" update --from "$PK/site" --key "$PK/k.pub" >/dev/null 2>&1 || note "bench: rianru update failed"
t1=$(now_ns)
INST=$PK/m/catalogue
CKEY=$PK/data/rianru/cache.key
note "bench: 7. installing took $(( (t1 - t0) / 1000000 )) ms ($(du -k "$INST/catalogue.db" 2>/dev/null | cut -f1) KiB catalogue database)"

# start-up: packs against the binary cache, warm (one run beforehand
# filled that cache), proxy and real app, interleaved
if REF=$(ref_ccache); then
	rm -rf "$PK/old"; mkdir -p "$PK/old"
	"$REF/build/default/bench/bench_startup" --cache "$PK/old/cache" --lazy --db "$PK/old/p.db" "$PCAT" >/dev/null
	st=""; ost=""; pst=""; parsed=0
	i=0
	while [ $i -lt $REPS ]; do
		l=$("$REF/build/default/bench/bench_startup" --cache "$PK/old/cache" --lazy --db "$PK/old/p.db" "$PCAT")
		[ "$(val hits "$l")" = "$(val courses "$l")" ] || note "bench: 7. the binary cache missed: $l"
		ost="$ost $(val ms "$l")"
		l=$("$B/bench/bench_startup" --cache "$PK/none" --key "$CKEY" --db "$PK/p.db" "$INST")
		st="$st $(val ms "$l")"; parsed=$((parsed + $(val parsed "$l")))
		[ "$(val catdbs "$l")" = 1 ] || note "bench: 7. the catalogue database was not used: $l"
		# the same without it (another key: refused, every pack read)
		l=$("$B/bench/bench_startup" --cache "$PK/none" --db "$PK/p.db" "$INST")
		pst="$pst $(val ms "$l")"
		i=$((i + 1))
	done
	st=$(echo $st | tr ' ' '\n' | median); ost=$(echo $ost | tr ' ' '\n' | median)
	pst=$(echo $pst | tr ' ' '\n' | median)
	r=$(ratio "$st" "$ost")
	row "7. start from installed packs vs binary cache, warm ($LOAD, proxy; $parsed parsed)" "$st ms" "$ost ms" "${r}x" "<= 1.5x" "$(met "$r" '<=' 1.5)"
	r=$(ratio "$pst" "$ost")
	row "7. the same without the catalogue database (each pack opened)" "$pst ms" "$ost ms" "${r}x" "(info)" ""
	if command -v tmux >/dev/null 2>&1; then
		rm -rf "$PK/oldapp"; mkdir -p "$PK/oldapp/cache" "$PK/m/cache"
		OLDAPP="env RIANRU_CONFIG=/dev/null XDG_CACHE_HOME=$PKA/oldapp/cache TERM=screen-256color $PWD/$REF/rianru --db $PKA/oldapp/app.db --content $PCAT"
		NEWAPP="env RIANRU_CONFIG=/dev/null XDG_CACHE_HOME=$PKA/m/cache XDG_DATA_HOME=$PKA/data TERM=screen-256color $BIN --db $PKA/m/app.db --content $INST"
		first_screen "$OLDAPP" >/dev/null	# fills its cache
		realo=""; realn=""
		i=0
		while [ $i -lt $PYREPS ]; do
			rm -f "$PK"/oldapp/app.db* "$PK"/m/app.db*
			l=$(first_screen "$OLDAPP"); [ -n "$l" ] && realo="$realo ${l%% *}"
			l=$(first_screen "$NEWAPP"); [ -n "$l" ] && realn="$realn ${l%% *}"
			i=$((i + 1))
		done
		realo=$(echo $realo | tr ' ' '\n' | median); realn=$(echo $realn | tr ' ' '\n' | median)
		r=$(ratio "$realn" "$realo")
		row "7. real app: exec to first screen, installed packs vs binary cache (tmux, $LOAD)" "$realn ms" "$realo ms" "${r}x" "<= 1.5x" "$(met "$r" '<=' 1.5)"
	fi
else
	st=""
	i=0
	while [ $i -lt $REPS ]; do
		l=$("$B/bench/bench_startup" --cache "$PK/none" --key "$CKEY" --db "$PK/p.db" "$INST")
		st="$st $(val ms "$l")"
		i=$((i + 1))
	done
	st=$(echo $st | tr ' ' '\n' | median)
	row "7. start from installed packs ($LOAD, proxy)" "$st ms" "binary cache: not built (full run only, needs git history)" "" "<= 1.5x" "n/a"
fi

# the app's first search once started: catalog_search() on every course,
# through the catalogue database, and (the same process) through each
# pack's own FTS5 index as before it
fts=""; words=""; pfts=""
i=0
while [ $i -lt $REPS ]; do
	l=$("$B/bench/bench_pack" "$INST" "$PCAT" "ข้อมูล" "$CKEY")
	[ "$(val catdbs "$l")" = 1 ] || note "bench: 7. search without the catalogue database: $l"
	[ "$(val fts_found "$l")" = "$(val packs_found "$l")" ] || note "bench: 7. the two searches differ: $l"
	fts="$fts $(val fts_ms "$l")"; words="$words $(val words_ms "$l")"
	pfts="$pfts $(val packs_ms "$l")"
	i=$((i + 1))
done
fts=$(echo $fts | tr ' ' '\n' | median); words=$(echo $words | tr ' ' '\n' | median)
pfts=$(echo $pfts | tr ' ' '\n' | median)
r=$(ratio "$words" "$fts")
row "7. first search $LOAD: catalogue database's FTS5 vs building the word index" "$fts ms" "$words ms" "${r}x faster" "< 50 ms" "$(met "$fts" '<' 50)"
r=$(ratio "$pfts" "$fts")
row "7. the same through each pack's FTS5 (before the catalogue database)" "$pfts ms" "catalogue database: $fts ms" "${r}x slower" "(info)" ""

# One course changes; the catalogue is published again and the machine
# updates over HTTP from lighttpd (as tests/e2e/update_faults.sh), whose
# access log counts every byte it sent, headers included; without
# lighttpd, from the folder (the bytes rianru update reports).
cp -r "$PCAT" "$PK/cat"
one=$(ls "$PK/cat" | grep -v '^\.' | head -1)
sed -i 's/^version: .*/version: 9.9.9/' "$PK/cat/$one/course.yaml"
"$BIN" pack "$PK/cat" --key "$PK/k.key" --out "$PK/site" >/dev/null || note "bench: rianru pack (update) failed"
new=$(ls "$PK/site" | grep "^$one\." | head -1)
cb=$(wc -c < "$PK/site/$new")
ub=""
if command -v lighttpd >/dev/null 2>&1; then
	port=$((20000 + $$ % 20000))
	cat > "$PK/lighttpd.conf" <<CONF
server.modules = ("mod_accesslog")
server.document-root = "$PKA/site"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$PKA/lighttpd.err"
accesslog.filename = "$PKA/access.log"
accesslog.format = "%O %s %U"
CONF
	lighttpd -D -f "$PK/lighttpd.conf" &
	LPID=$!
	n=0
	until [ $n -ge 50 ] || python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; do
		sleep 0.1; n=$((n + 1))
	done
	printf 'content-source: http://127.0.0.1:%s/\ncontent-key: %s\n' "$port" "$PKA/k.pub" > "$PK/update.yaml"
	: > "$PK/access.log"
	env -u http_proxy -u HTTP_PROXY -u all_proxy -u ALL_PROXY RIANRU_CONFIG="$PK/update.yaml" \
	    XDG_DATA_HOME="$PKA/data" "$BIN" --db "$PK/m/p.db" update > "$PK/update.out" 2>&1 || note "bench: rianru update over HTTP failed: $(tail -1 "$PK/update.out")"
	kill $LPID 2>/dev/null; wait $LPID 2>/dev/null
	ub=$(awk '{ s += $1 } END { print s + 0 }' "$PK/access.log")
	how="lighttpd sent (headers included)"
else
	ub=$(XDG_DATA_HOME=$PKA/data "$BIN" --db "$PK/m/p.db" update --from "$PK/site" --key "$PK/k.pub" 2>/dev/null | sed -n 's/.* \([0-9]*\) bytes received$/\1/p')
	how="rianru update received (folder; no lighttpd)"
fi
[ -n "$ub" ] && [ "$ub" != 0 ] || { note "bench: rianru update (one course) failed"; ub=0; }
r=$(ratio "$ub" "$cb")
row "7. bytes $how to update one changed course of $LOAD" "$ub B" "its pack: $cb B" "${r}x" "<= 1.2x" "$(met "$r" '<=' 1.2)"
fi

# ---- the table ----
{
	echo "Size: $SIZE; $(date -u +%Y-%m-%d); $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) CPUs, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo); reps $REPS (medians)"
	echo
	echo "| figure | rianru | reference | ratio | target | met? |"
	echo "|---|---|---|---|---|---|"
	awk -F'|' '{ printf "|"; for (i = 1; i <= NF; i++) printf " %s |", $i; print "" }' "$ROWS"
} > "$RES"
cat "$RES"
if [ "$SIZE" = full ] && [ -n "$ONLY" ] && grep -q '<!-- results start -->' bench/README.md; then
	# Only some figures were run: replace their rows in the table there,
	# keep the others, and say under the first line when these were run.
	awk -v f="$RES" -v only=" $ONLY " -v when="$(date -u +%Y-%m-%d), reps $REPS" '
	function fig(l) { return substr(l, 3, index(l, ".") - 3) + 0 }
	function want(l) { return index(only, " " fig(l) " ") > 0 }
	/<!-- results start -->/ { print; inres = 1; next }
	/<!-- results end -->/ {
		while ((getline l < f) > 0)
			if (l ~ /^\| [0-9]+\./ && want(l)) rows[++n] = l
		for (i = 1; i <= m; i++) {
			while (k < n && fig(rows[k + 1]) <= fig(old[i])) print rows[++k]
			print old[i]
		}
		while (k < n) print rows[++k]
		print ""
		for (i = 1; i <= nn; i++) print notes[i]
		print "_Figure(s)" only "re-run alone (BENCH_ONLY) on " when "._"
		inres = 0; print; next
	}
	inres && /^\| [0-9]+\./ { if (!want($0)) old[++m] = $0; next }
	# the note of an earlier BENCH_ONLY run: kept unless its figure ran again
	inres && m > 0 && /^_Figure/ {
		l = $0; sub(/^_Figure(\(s\))? */, "", l)
		if (!want("| " l)) notes[++nn] = $0
		next
	}
	inres && m > 0 { next }
	{ print }' bench/README.md > "$OUT/readme.$$" && mv "$OUT/readme.$$" bench/README.md
	note "bench: figure(s) $ONLY written to bench/README.md"
elif [ "$SIZE" = full ] && grep -q '<!-- results start -->' bench/README.md; then
	awk -v f="$RES" '
	/<!-- results start -->/ { print; while ((getline l < f) > 0) print l; skip = 1; next }
	/<!-- results end -->/ { skip = 0 }
	!skip' bench/README.md > "$OUT/readme.$$" && mv "$OUT/readme.$$" bench/README.md
	note "bench: results written to bench/README.md"
fi
exit 0
