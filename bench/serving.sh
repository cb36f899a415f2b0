#!/usr/bin/env bash
# Serving benchmark (issue 6): wrk on loopback against a synthetic published snapshot of FIRMS
# firms x 10 recommendations, written with Delta Kernel by the test-scope SyntheticSnapshotMain.
# Measures, on one server in one run: /healthz and the recommendation route at full load
# (requests/s, p50/p99), the recommendation route at half its full-load rate (p50/p99), time to
# load the snapshot, and heap after a full GC (with the snapshot vs an empty server).
#
#   bench/serving.sh                      # 1M firms, results in $BENCH_DIR/results.md
#   FIRMS=100000 DURATION=10s bench/serving.sh
#
# Needs: JDK 17, Maven (offline), wrk (apt-get install -y wrk), curl, jcmd.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FIRMS=${FIRMS:-1000000}
BENCH_DIR=${BENCH_DIR:-/tmp/policyreach-bench}
PORT=${PORT:-18181}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
HEAP=${HEAP:-3g}
LAKE="$BENCH_DIR/lake-$FIRMS"
CONF="$BENCH_DIR/conf"
SAMPLE="$BENCH_DIR/cns-$FIRMS.txt"
RESULTS="$BENCH_DIR/results.md"
KEY="bench-key-$(date +%s)"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
command -v jcmd >/dev/null || { echo "jcmd (JDK) is missing" >&2; exit 2; }
mkdir -p "$BENCH_DIR"

echo "== build serving (jar, lib/, test classes)"
(cd "$ROOT" && flock /tmp/pr-build-serving.lock mvn -o -q install -pl serving -DskipTests)
JAR="$ROOT/serving/target/policyreach-serving-0.1.0-SNAPSHOT.jar"
LIB="$ROOT/serving/target/lib/*"
TESTS="$ROOT/serving/target/test-classes"

if [ ! -d "$LAKE/meta/publications" ]; then
  echo "== write a synthetic $FIRMS-firm snapshot to $LAKE (Delta Kernel, once)"
  java -Xmx3g -cp "$TESTS:$JAR:$LIB" org.policyreach.serving.bench.SyntheticSnapshotMain \
    "$LAKE" "$ROOT/conf" "$FIRMS" 10 "$SAMPLE"
fi

echo "== bench conf with a key without a practical rate limit"
mkdir -p "$CONF/programs"
cp "$ROOT/conf/needs.yaml" "$CONF/"
cp "$ROOT"/conf/programs/*.yaml "$CONF/programs/"
[ -f "$ROOT/conf/policyreach.yaml" ] && cp "$ROOT/conf/policyreach.yaml" "$CONF/"
cat > "$CONF/api-keys.yaml" <<KEYS
keys:
  - id: bench
    role: portal
    sha256: $(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
    requests_per_second: 1000000000
    burst: 1000000000
KEYS

SERVER_PID=
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}
trap stop_server EXIT

start_server() { # $1 = lakehouse, $2 = GC log name
  java -Xms"$HEAP" -Xmx"$HEAP" -Xlog:gc:file="$BENCH_DIR/$2" -cp "$JAR:$LIB" org.policyreach.serving.ServeMain serve \
    --port "$PORT" --lakehouse "$1" --conf "$CONF" --poll-seconds 3600 --max-connections-per-address 1000 \
    > "$BENCH_DIR/server.out" 2> "$BENCH_DIR/server.err" &
  SERVER_PID=$!
  until curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz"; do sleep 0.2; done
}

heap_after_gc() {
  jcmd "$SERVER_PID" GC.run > /dev/null
  sleep 1
  curl -s "http://127.0.0.1:$PORT/metrics" \
    | awk 'index($0, "jvm_memory_used_bytes{area=\"heap\"") == 1 {s += $NF} END {printf "%.0f", s / 1048576}'
}

# Cumulative latency buckets of the recommendation route as the server measured them
# (handler time, without the client and the network): "le count" lines.
route_buckets() {
  curl -s "http://127.0.0.1:$PORT/metrics" | awk '
    index($0, "http_server_requests_seconds_bucket{") == 1 \
      && index($0, "uri=\"/v1/companies/{cn}/recommendations\"") && index($0, "status=\"200\"") {
      match($0, /le="[^"]*"/); le = substr($0, RSTART + 4, RLENGTH - 5); print le, $NF }'
}

# p50 and p99 (ms) of the requests between two route_buckets snapshots.
bucket_percentiles() { # $1 = before file, $2 = after file
  awk 'NR == FNR {before[$1] = $2; next}
       {le[n] = $1; c[n] = $2 - before[$1]; n++}
       END {total = c[n - 1]
            for (i = 0; i < n; i++) {
              if (p50 == "" && c[i] >= 0.5 * total) p50 = le[i]
              if (p99 == "" && c[i] >= 0.99 * total) p99 = le[i]
            }
            printf "<= %.2f ms / <= %.2f ms (%d requests)", p50 * 1000, p99 * 1000, total}' "$1" "$2"
}

metric() { # $1 = metric name (no labels)
  curl -s "http://127.0.0.1:$PORT/metrics" | awk -v m="$1" '$1 == m {print $2}'
}

echo "== baseline: heap of a server without a snapshot"
mkdir -p "$BENCH_DIR/empty-lake"
start_server "$BENCH_DIR/empty-lake" gc-empty.log
BASE_HEAP=$(heap_after_gc)
stop_server

echo "== start the server on the $FIRMS-firm snapshot"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
T0=$(date +%s.%N)
start_server "$LAKE" gc.log
T_LISTEN=$(date +%s.%N)
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/readyz")" = 200 ]; do sleep 0.5; done
T_READY=$(date +%s.%N)
LOAD_S=$(metric policyreach_snapshot_load_duration_seconds)
LOAD_CPU_S=$(grep -o 'loader thread CPU [0-9]*' "$BENCH_DIR/server.err" | tail -1 | awk '{printf "%.1f", $4 / 1000}')
INDEX_MB=$(awk -v b="$(metric policyreach_snapshot_index_bytes)" 'BEGIN {printf "%.0f", b / 1048576}')
SNAP_HEAP=$(heap_after_gc)
GC_MARK=$(wc -l < "$BENCH_DIR/gc.log")

run_wrk() { # $1 = label, rest = wrk args; prints "rps p50 p99 errors"
  local label=$1 out
  shift
  out=$(wrk --latency "$@")
  echo "$out" > "$BENCH_DIR/wrk-$label.txt"
  local rps p50 p99 non2xx
  rps=$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ {print $5}')
  echo "$rps $p50 $p99 ${non2xx:-0}"
}

export CN_SAMPLE="$SAMPLE" BENCH_KEY="$KEY"
URL="http://127.0.0.1:$PORT"
echo "== warm-up (10 s)"
run_wrk warmup -t"$THREADS" -c"$CONNECTIONS" -d10s -s "$ROOT/bench/recommendations.lua" "$URL" > /dev/null
wrk -t1 -c4 -d3s "$URL/healthz" > /dev/null

echo "== /healthz, full load ($DURATION, $THREADS threads, $CONNECTIONS connections)"
read -r H_RPS H_P50 H_P99 H_ERR <<< "$(run_wrk healthz -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$ROOT/bench/healthz.lua" "$URL")"
echo "== recommendations, full load"
read -r R_RPS R_P50 R_P99 R_ERR <<< "$(run_wrk recs-full -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$ROOT/bench/recommendations.lua" "$URL")"
HALF=$(awk -v r="$R_RPS" 'BEGIN {printf "%.0f", r / 2}')
# wrk paces in whole milliseconds per connection: many connections keep the rounding small.
PACED_CONNECTIONS=${PACED_CONNECTIONS:-128}
export RATE_PER_CONN=$(awk -v h="$HALF" -v c="$PACED_CONNECTIONS" 'BEGIN {printf "%.3f", h / c}')
echo "== recommendations at half that rate (target ~$HALF req/s, $PACED_CONNECTIONS paced connections)"
route_buckets > "$BENCH_DIR/buckets-before.txt"
read -r Q_RPS Q_P50 Q_P99 Q_ERR <<< "$(run_wrk recs-half -t"$THREADS" -c"$PACED_CONNECTIONS" -d"$DURATION" -s "$ROOT/bench/recommendations.lua" "$URL")"
route_buckets > "$BENCH_DIR/buckets-after.txt"
SERVER_HALF=$(bucket_percentiles "$BENCH_DIR/buckets-before.txt" "$BENCH_DIR/buckets-after.txt")
unset RATE_PER_CONN

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
# GC pauses while wrk ran (after the heap measurement): count and longest, in ms.
GC_PAUSES=$(tail -n +"$((GC_MARK + 1))" "$BENCH_DIR/gc.log" \
  | awk '/Pause/ {n++; v=$NF; sub("ms","",v); if (v+0 > m) m = v+0} END {printf "%d pauses, longest %.1f ms", n, m}')
RATIO=$(awk -v r="$R_RPS" -v h="$H_RPS" 'BEGIN {printf "%.0f", 100 * r / h}')
LISTEN_S=$(awk -v a="$T0" -v b="$T_LISTEN" 'BEGIN {printf "%.1f", b - a}')
READY_S=$(awk -v a="$T0" -v b="$T_READY" 'BEGIN {printf "%.1f", b - a}')
CPUS=$(nproc)
cat > "$RESULTS" <<MD
Run $(date -u +%Y-%m-%dT%H:%MZ), $CPUS CPUs (shared, wrk and server on the same host), JDK $(java -version 2>&1 | head -1 | cut -d'"' -f2), G1, -Xms=-Xmx=$HEAP,
snapshot: $FIRMS firms x 10 recommendations + 1M target rows, wrk $THREADS threads / $CONNECTIONS connections, $DURATION per run.

| route | load | requests/s | p50 | p99 | non-2xx |
|---|---|---:|---:|---:|---:|
| GET /healthz | full | $H_RPS | $H_P50 | $H_P99 | $H_ERR |
| GET /v1/companies/{cn}/recommendations | full | $R_RPS | $R_P50 | $R_P99 | $R_ERR |
| GET /v1/companies/{cn}/recommendations | half (paced, target $HALF/s) | $Q_RPS | $Q_P50 | $Q_P99 | $Q_ERR |

- recommendation route at full load: $RATIO % of /healthz throughput (aim >= 60 %)
- at half load, handler time as the server's own histogram measured it (p50 / p99, bucket bounds): $SERVER_HALF
- listening after ${LISTEN_S} s; snapshot loaded and /readyz 200 after ${READY_S} s (load itself ${LOAD_S} s wall, ${LOAD_CPU_S} s CPU of the loader thread)
- heap after full GC: ${SNAP_HEAP} MB with the snapshot, ${BASE_HEAP} MB without (index arrays ~${INDEX_MB} MB)
- GC pauses during the wrk runs: ${GC_PAUSES}
- load average (1/5/15 min) before the server started: ${LOAD_BEFORE}; after the runs: ${LOAD_AFTER}
MD
cat "$RESULTS"
