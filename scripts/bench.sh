#!/usr/bin/env bash
# Measures sukien at scale on a synthetic corpus recombined from the demo
# corpus's sentences, and compares extraction with grep as a physical limit.
#
#   scripts/bench.sh                 # 200,000 documents (~760 MB), ~10 minutes on 2 cores
#   N=5000 scripts/bench.sh          # quick try
#   SUKIEN_BENCH_POSTGRES=postgres://... scripts/bench.sh   # also PostgreSQL
#
# Environment: N (documents, default 200000), SEED (default 1), SHARDS
# (default 10), OUT (default bench/out), RUNS (latency samples, default 50),
# STORE=0 to skip ingest and queries (they take ~15 ms a document).
# Everything is written under $OUT: the binary, the corpus, the events, the
# grep patterns, the databases, one log per measurement and results.txt.
#
# It measures wall time and peak RSS of `sukien extract` with one core
# (GOMAXPROCS=1, --workers 1) and with all cores, of
# `LC_ALL=C grep -o -F -f PATTERNS CORPUS | wc -l` with every dictionary
# alias and trigger as a pattern, and, when the commands exist, of
# `sukien ingest` into SQLite (and PostgreSQL) with the p50/p95 latency of
# `sukien events` and `sukien search` on the result.
set -euo pipefail

cd "$(dirname "$0")/.."
N=${N:-200000}
SEED=${SEED:-1}
SHARDS=${SHARDS:-10}
OUT=${OUT:-bench/out}
RUNS=${RUNS:-50}
STORE=${STORE:-1}
CORES=$(nproc)
mkdir -p "$OUT"
RESULTS=$OUT/results.txt
: >"$RESULTS"

say() { printf '%s\n' "$*" | tee -a "$RESULTS" >&2; }

# measure NAME CMD runs CMD (a shell string, so it may hold a pipe) with
# its output in $OUT/NAME.out and sets WALL and CPU (user+system seconds,
# children included) and RSS (MiB: the peak of the largest process).
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%e' true 2>/dev/null; then
	measure() {
		local name=$1 cmd=$2 user sys rss_kb
		/usr/bin/time -f '%e %U %S %M' -o "$OUT/$name.time" bash -c "$cmd" >"$OUT/$name.out" 2>"$OUT/$name.err" ||
			{ say "$name failed: $(tail -n 3 "$OUT/$name.err")"; return 1; }
		read -r WALL user sys rss_kb < <(tail -n 1 "$OUT/$name.time")
		CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
		RSS=$((rss_kb / 1024))
	}
else
	# Fallback: bash's time keyword and /proc polling of VmHWM.
	descendants() {
		local p
		for p in $(pgrep -P "$1" 2>/dev/null || true); do
			echo "$p"
			descendants "$p"
		done
	}
	measure() {
		local name=$1 cmd=$2 pid peak=0 hwm p user sys
		(
			TIMEFORMAT='%R %U %S'
			time bash -c "$cmd" >"$OUT/$name.out" 2>"$OUT/$name.err"
		) 2>"$OUT/$name.time" &
		pid=$!
		while kill -0 "$pid" 2>/dev/null; do
			for p in $(descendants "$pid"); do
				hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
				if ((${hwm:-0} > peak)); then peak=$hwm; fi
			done
			sleep 0.05
		done
		wait "$pid" || { say "$name failed: $(tail -n 3 "$OUT/$name.err")"; return 1; }
		read -r WALL user sys < <(tail -n 1 "$OUT/$name.time")
		CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
		RSS=$((peak / 1024))
	}
fi

# latency NAME CMD... runs CMD $RUNS times and sets P50 and P95 (ms).
latency() {
	local name=$1
	shift
	local i t0 t1
	: >"$OUT/$name.ms"
	for ((i = 0; i < RUNS; i++)); do
		t0=$(date +%s%N)
		"$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || { say "$name failed: $(tail -n 3 "$OUT/$name.err")"; return 1; }
		t1=$(date +%s%N)
		echo $(((t1 - t0) / 1000000)) >>"$OUT/$name.ms"
	done
	P50=$(sort -n "$OUT/$name.ms" | awk -v n="$RUNS" 'NR == int(n * 0.50 + 0.5) {print}')
	P95=$(sort -n "$OUT/$name.ms" | awk -v n="$RUNS" 'NR == int(n * 0.95 + 0.5) {print}')
}

div() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.1f", a / b; else print "-"}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}'; }

say "# sukien bench: N=$N SEED=$SEED, $CORES cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(go version | cut -d' ' -f3), $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"

go build -o "$OUT/sukien" ./cmd/sukien
BIN=$OUT/sukien

CORPUS=$OUT/corpus-$N-$SEED
if [[ ! -f "$CORPUS/.done" ]]; then
	rm -rf "$CORPUS"
	go run ./scripts/gencorpus -n "$N" -seed "$SEED" -shards "$SHARDS" -out "$CORPUS"
	touch "$CORPUS/.done"
fi
BYTES=$(cat "$CORPUS"/*.jsonl | wc -c)
MB=$(awk -v b="$BYTES" 'BEGIN {printf "%.1f", b / 1e6}')
say "corpus: $N documents, $MB MB of JSON Lines in $CORPUS"

# Every alias, short form and trigger phrase of the built-in dictionaries,
# one fixed-string pattern a line, case as written.
PATTERNS=$OUT/patterns.txt
awk '/^(alias|short|contextual):/ {
	sub(/^[a-z]+:[ \t]*/, ""); n = split($0, v, / \| /)
	for (i = 1; i <= n; i++) { gsub(/^[ \t]+|[ \t]+$/, "", v[i]); if (v[i] != "") print v[i] }
}' internal/dict/data/*.dict | sort -u >"$PATTERNS"
say "grep patterns: $(wc -l <"$PATTERNS") phrases in $PATTERNS"

# row LABEL appends the last measurement to the table: rates per wall
# second, documents per CPU second (the per-core rate, robust to other load
# on the machine), and the wall time as a multiple of grep's.
FMT='%-32s %7s %7s %9s %7s %10s %7s %7s\n'
printf -v TABLE "$FMT" "measurement" "wall s" "cpu s" "docs/s" "MB/s" "docs/cpu-s" "RSS MiB" "x grep"
row() {
	local r
	printf -v r "$FMT" "$1" "$WALL" "$CPU" "$(div "$N" "$WALL")" "$(div "$MB" "$WALL")" "$(div "$N" "$CPU")" "$RSS" "$(ratio "$WALL" "${GREP_WALL:-$WALL}")"
	TABLE+=$r
}

measure grep "LC_ALL=C grep -o -F -f '$PATTERNS' '$CORPUS'/*.jsonl | wc -l"
GREP_WALL=$WALL
row "grep -o -F -f PATTERNS | wc -l"
say "grep: $(tr -d ' ' <"$OUT/grep.out") matches in ${WALL}s"

for w in 1 "$CORES"; do
	if [[ $w == 1 ]]; then procs=1; else procs=$CORES; fi
	measure "extract-$w" "GOMAXPROCS=$procs '$BIN' extract --workers $w '$CORPUS'"
	events=$(wc -l <"$OUT/extract-$w.out")
	row "sukien extract --workers $w"
	say "extract --workers $w: $events events in ${WALL}s wall, ${CPU}s CPU, peak RSS ${RSS} MiB, $(div "$N" "$CPU") docs per CPU second"
done
mv "$OUT/extract-1.out" "$OUT/events.jsonl"
rm -f "$OUT"/extract-*.out

# Storage and queries, when this build has the commands.
HELP=$("$BIN" --help 2>&1 || true)
has() { grep -qE "^[[:space:]]+$1[[:space:]]" <<<"$HELP"; }

store_bench() { # store_bench LABEL DSN
	local label=$1 dsn=$2
	measure "ingest-$label" "'$BIN' ingest --db '$dsn' '$CORPUS'"
	row "sukien ingest ($label)"
	say "ingest into $label: ${WALL}s, peak RSS ${RSS} MiB"
	if has events; then
		latency "events-$label" "$BIN" events --db "$dsn" --actor KOR --format jsonl
		say "events --actor KOR ($label): p50 ${P50} ms, p95 ${P95} ms over $RUNS runs, $(wc -l <"$OUT/events-$label.out") events"
	else
		say "skipped: no \`sukien events\` command in this build"
	fi
	if has search; then
		latency "search-$label" "$BIN" search --db "$dsn" "Bình Nhưỡng"
		say "search \"Bình Nhưỡng\" ($label): p50 ${P50} ms, p95 ${P95} ms over $RUNS runs"
	else
		say "skipped: no \`sukien search\` command in this build"
	fi
}

if [[ $STORE == 0 ]]; then
	say "skipped ingest, events and search: STORE=0"
elif has ingest; then
	DB=$OUT/bench-$N.db
	rm -f "$DB" "$DB"-wal "$DB"-shm
	store_bench sqlite "$DB"
	if [[ -n ${SUKIEN_BENCH_POSTGRES:-} ]]; then
		store_bench postgres "$SUKIEN_BENCH_POSTGRES"
	else
		say "skipped PostgreSQL: set SUKIEN_BENCH_POSTGRES to a DSN (e.g. from scripts/pg-test.sh)"
	fi
else
	say "skipped ingest, events and search: no \`sukien ingest\` command in this build"
fi

say "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
say ""
printf '%s' "$TABLE" | tee -a "$RESULTS"
echo "results in $RESULTS" >&2
