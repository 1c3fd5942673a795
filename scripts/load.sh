#!/usr/bin/env bash
# Load test of `sukien serve` on a synthetic corpus, from a second process on
# loopback, then a graceful-shutdown check and the latency of the events and
# search commands. See docs/LOAD.md for results.
#
#   scripts/load.sh                    # 20,000 documents, 50 clients for 30 s
#   N=2000 D=5s scripts/load.sh        # quick try
#
# Environment: N (documents, default 20000), SEED (default 1), C (clients,
# default 50), D (duration, default 30s), RUNS (command latency samples,
# default 30), OUT (default bench/out/load). The corpus and the database are
# kept in $OUT and reused by later runs with the same N and SEED; the
# results go to $OUT/results-$N-$SEED.txt.
set -euo pipefail

cd "$(dirname "$0")/.."
N=${N:-20000}
SEED=${SEED:-1}
C=${C:-50}
D=${D:-30s}
RUNS=${RUNS:-30}
OUT=${OUT:-bench/out/load}
mkdir -p "$OUT"
RESULTS=$OUT/results-$N-$SEED.txt
: >"$RESULTS"

say() { printf '%s\n' "$*" | tee -a "$RESULTS" >&2; }
fail() {
	say "FAIL: $*"
	exit 1
}

SERVER_PID=
cleanup() { if [[ -n $SERVER_PID ]]; then kill "$SERVER_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

say "# sukien load test: N=$N SEED=$SEED, $C clients for $D, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(go version | cut -d' ' -f3), $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"

go build -o "$OUT/sukien" ./cmd/sukien
go build -o "$OUT/loadtest" ./scripts/loadtest
BIN=$OUT/sukien

CORPUS=$OUT/corpus-$N-$SEED
if [[ ! -f $CORPUS/.done ]]; then
	rm -rf "$CORPUS"
	go run ./scripts/gencorpus -n "$N" -seed "$SEED" -out "$CORPUS"
	touch "$CORPUS/.done"
fi

DB=$OUT/load-$N-$SEED.db
if [[ ! -f $DB.done ]]; then
	rm -f "$DB" "$DB"-wal "$DB"-shm
	t0=$(date +%s)
	"$BIN" ingest --db "$DB" "$CORPUS" 2>"$OUT/ingest.log" || fail "ingest: $(tail -n 3 "$OUT/ingest.log")"
	touch "$DB.done"
	say "ingest: $N documents in $(($(date +%s) - t0)) s: $(tail -n 1 "$OUT/ingest.log")"
fi
say "database: $DB, $(du -m "$DB" | cut -f1) MB"

# start_server starts `sukien serve` on a free loopback port (the kernel
# picks it: --addr 127.0.0.1:0), with the write API on under a random token,
# and sets SERVER_PID and URL once it answers.
TOKEN=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
start_server() {
	SUKIEN_TOKEN=$TOKEN "$BIN" serve --db "$DB" --addr 127.0.0.1:0 2>"$OUT/serve.log" &
	SERVER_PID=$!
	local i addr=
	# Opening the store applies pending migrations first, which can take
	# minutes on a large database.
	for ((i = 0; i < 6000; i++)); do
		addr=$(sed -n 's|.*serving on http://\([0-9.:]*\)/.*|\1|p' "$OUT/serve.log")
		if [[ -n $addr ]] && curl -fsS -o /dev/null "http://$addr/api/v1/stats" 2>/dev/null; then
			URL=http://$addr
			return
		fi
		kill -0 "$SERVER_PID" 2>/dev/null || fail "server exited: $(tail -n 3 "$OUT/serve.log")"
		sleep 0.1
	done
	fail "server did not answer within 10 minutes"
}

start_server
count() { curl -fsS "$URL$1" | sed -n "s/.*\"$2\": *\([0-9]*\).*/\1/p"; }
say "server: $URL: $(count /api/v1/documents?limit=1 total) documents, $(count /api/v1/stats events) merged events, $(count /api/v1/stats mentions) mentions"

LOAD_RC=0
"$OUT/loadtest" -url "$URL" -c "$C" -d "$D" | tee "$OUT/loadtest.txt" || LOAD_RC=$?
cat "$OUT/loadtest.txt" >>"$RESULTS"
if ((LOAD_RC != 0)); then
	say "FAIL: the load test saw errors (exit $LOAD_RC)"
fi

# Graceful shutdown: a POST whose body arrives in two parts, two seconds
# apart, is in flight when SIGTERM comes. The server must stop accepting
# connections, finish that request (201 or 200) and exit 0. Bash's
# /dev/tcp gives the control over timing that curl does not.
say "graceful shutdown: SIGTERM with a request in flight"
BODY='{"id": "load-shutdown-check", "published": "2019-06-30", "outlet": "Kiểm thử",
"title": "Gặp gỡ tại Bàn Môn Điếm",
"text": "Gặp gỡ tại Bàn Môn Điếm\nNgày 30/6/2019, Tổng thống Mỹ Donald Trump đã gặp nhà lãnh đạo Triều Tiên Kim Jong-un tại làng đình chiến Bàn Môn Điếm."}'
HALF=$((${#BODY} / 2))
PORT=${URL##*:}
exec 3<>"/dev/tcp/127.0.0.1/$PORT"
printf 'POST /api/v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
	"$TOKEN" "$(printf '%s' "$BODY" | wc -c)" "${BODY:0:HALF}" >&3
sleep 0.5 # the server has read the headers: the request is in flight
kill -TERM "$SERVER_PID"
sleep 1
if curl -fsS -m 2 -o /dev/null "$URL/api/v1/stats" 2>/dev/null; then
	fail "a new connection was served after SIGTERM"
fi
kill -0 "$SERVER_PID" 2>/dev/null || fail "the server exited with a request in flight"
sleep 1
printf '%s' "${BODY:HALF}" >&3
STATUS=$(timeout 30 cat <&3 | head -n 1 | tr -d '\r')
exec 3<&-
SERVER_RC=0
wait "$SERVER_PID" || SERVER_RC=$?
SERVER_PID=
[[ $STATUS =~ ^HTTP/1\.1\ 20[01] ]] || fail "in-flight request answered \"$STATUS\""
((SERVER_RC == 0)) || fail "server exit status $SERVER_RC: $(tail -n 3 "$OUT/serve.log")"
grep -q 'server stopped' "$OUT/serve.log" || fail "no 'server stopped' in the log"
say "graceful shutdown: ok (in-flight request: $STATUS; new connections refused; exit status 0)"

# latency NAME CMD... runs CMD $RUNS times, process start included, and
# sets P50 and P95 (ms, nearest rank).
latency() {
	local name=$1
	shift
	local i t0 t1
	: >"$OUT/$name.ms"
	for ((i = 0; i < RUNS; i++)); do
		t0=$(date +%s%N)
		"$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || fail "$name: $(tail -n 3 "$OUT/$name.err")"
		t1=$(date +%s%N)
		echo $(((t1 - t0) / 1000000)) >>"$OUT/$name.ms"
	done
	P50=$(sort -n "$OUT/$name.ms" | awk -v n="$RUNS" 'NR == int((n * 50 + 99) / 100) {print}')
	P95=$(sort -n "$OUT/$name.ms" | awk -v n="$RUNS" 'NR == int((n * 95 + 99) / 100) {print}')
}
latency events "$BIN" events --db "$DB" --actor KOR --limit 50 --format jsonl
say "sukien events --actor KOR --limit 50 --format jsonl: p50 $P50 ms, p95 $P95 ms over $RUNS runs (process start included), $(wc -l <"$OUT/events.out") events"
latency search "$BIN" search --db "$DB" "Bình Nhưỡng"
say "sukien search \"Bình Nhưỡng\": p50 $P50 ms, p95 $P95 ms over $RUNS runs (process start included)"
latency version "$BIN" --help
say "process start alone (sukien --help): p50 $P50 ms, p95 $P95 ms"

say "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if ((LOAD_RC != 0)); then
	exit 1
fi
echo "results in $RESULTS" >&2
