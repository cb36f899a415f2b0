#!/usr/bin/env bash
# bench/reliability-serving.sh — serving faults (issue 9), on a real published lakehouse:
#   1. swap:    new publications swapped in while wrk loads the recommendation route: zero non-2xx,
#               zero socket errors, every swap served.
#   2. kill:    kill -9 of the server while clients post events; a client records each event id
#               the server acknowledged (202); after a restart every acknowledged id is in the
#               landing log exactly once (and no id twice), and re-posting them yields duplicates.
#   3. corrupt: start on a lakehouse without a publication, or whose latest publication is broken
#               (missing table version; garbage commit; unreadable meta.publications) → not ready
#               with a clear log line; the same faults while serving → the last good snapshot stays
#               (zero non-2xx under wrk), and a later good publication is served again.
#
#   bench/reliability-serving.sh                          # full counts
#   RELIABILITY_SERVING_REDUCED=1 bench/reliability-serving.sh   # CI counts (bin/test.d/45-http-fuzz.run)
#   KILL_TRIALS=50 SWAP_RUNS=3 SEED=7 bench/reliability-serving.sh
#
# Lakehouse: RELIABILITY_LAKEHOUSE (a published lakehouse; it is copied, never modified), else the
# 2,000-firm demo lakehouse of bin/test.d/demo-lakehouse.bash. Results: $RESULTS_DIR/results.md.
# Needs: the serving jar and its test classes (flock /tmp/pr-build-serving.lock mvn -o -q install -pl
# serving -DskipTests), wrk, curl, python3. Called by bench/reliability.sh.
set -euo pipefail

ROOT="${POLICYREACH_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
REDUCED="${RELIABILITY_SERVING_REDUCED:-0}"
if [ "$REDUCED" = 1 ]; then
  SWAP_RUNS="${SWAP_RUNS:-1}"; SWAPS_PER_RUN="${SWAPS_PER_RUN:-3}"; KILL_TRIALS="${KILL_TRIALS:-3}"
else
  SWAP_RUNS="${SWAP_RUNS:-5}"; SWAPS_PER_RUN="${SWAPS_PER_RUN:-10}"; KILL_TRIALS="${KILL_TRIALS:-20}"
fi
SWAP_GAP_MS="${SWAP_GAP_MS:-4000}"
SCENARIOS=" ${SCENARIOS:-swap kill corrupt} "   # a subset: SCENARIOS="kill" bench/reliability-serving.sh
want() { [[ "$SCENARIOS" == *" $1 "* ]]; }
SEED="${SEED:-20261126}"
RESULTS_DIR="${RESULTS_DIR:-/tmp/policyreach-reliability-serving}"
PY="${POLICYREACH_PYTHON:-python3}"
JAR="$ROOT/serving/target/policyreach-serving-0.1.0-SNAPSHOT.jar"
CP="$JAR:$ROOT/serving/target/lib/*"
TOOL_CP="$ROOT/serving/target/test-classes:$CP"
t0=$(date +%s)
say() { echo "reliability-serving: $* ($(( $(date +%s) - t0 )) s)"; }
fail() { echo "reliability-serving: FAILED: $*" >&2; FAILURES=$((FAILURES + 1)); FAILED+=("$*"); }
FAILURES=0
FAILED=()

command -v wrk >/dev/null || { echo "reliability-serving: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
command -v curl >/dev/null || { echo "reliability-serving: curl is missing" >&2; exit 2; }
if [ ! -f "$JAR" ] || [ ! -f "$ROOT/serving/target/test-classes/org/policyreach/serving/security/PublicationTool.class" ]; then
  say "building serving (jar and test classes)"
  (cd "$ROOT" && flock /tmp/pr-build-serving.lock mvn -o -q -B install -pl serving -DskipTests)
fi

if [ -n "${RELIABILITY_LAKEHOUSE:-}" ]; then
  SRC_LAKE="$RELIABILITY_LAKEHOUSE"
else
  # shellcheck source=bin/test.d/demo-lakehouse.bash
  source "$ROOT/bin/test.d/demo-lakehouse.bash"
  SRC_LAKE="$(pr_demo_lakehouse)"
fi
[ -d "$SRC_LAKE/meta/publications/_delta_log" ] || { echo "reliability-serving: $SRC_LAKE has no publication" >&2; exit 2; }

W="$(mktemp -d -t pr-reliability-serving.XXXXXX)"
mkdir -p "$RESULTS_DIR"
SERVER_PID=""
WRK_PID=""
cleanup() {
  [ -n "$WRK_PID" ] && kill "$WRK_PID" 2>/dev/null || true
  if [ -n "$SERVER_PID" ]; then kill -9 "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$W"
}
trap cleanup EXIT

# --- conf with keys that have no practical rate limit -------------------------------------
CONF="$W/conf"
mkdir -p "$CONF/programs"
cp "$ROOT"/conf/*.yaml "$CONF/"
cp "$ROOT"/conf/programs/*.yaml "$CONF/programs/"
PORTAL_KEY="rel-portal-$RANDOM$RANDOM"
OFFICER_KEY="rel-officer-$RANDOM$RANDOM"
h() { printf %s "$1" | sha256sum | cut -d' ' -f1; }
cat > "$CONF/api-keys.yaml" <<KEYS
keys:
  - id: reliability-portal
    role: portal
    sha256: $(h "$PORTAL_KEY")
    requests_per_second: 1000000000
    burst: 1000000000
  - id: reliability-officer
    role: officer
    sha256: $(h "$OFFICER_KEY")
    requests_per_second: 1000000000
    burst: 1000000000
KEYS

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
PORT="$(free_port)"
URL="http://127.0.0.1:$PORT"

# start_server LAKE LANDING LOG [POLL_SECONDS] — background server on $PORT; waits until it listens.
start_server() {
  local lake="$1" landing="$2" log="$3" poll="${4:-3600}" i
  java -Xmx1g -Dfile.encoding=UTF-8 -cp "$CP" org.policyreach.serving.ServeMain serve \
    --port "$PORT" --host 127.0.0.1 --lakehouse "$lake" --conf "$CONF" --poll-seconds "$poll" \
    --landing-dir "$landing" --audit-dir "$W/audit" >>"$log" 2>&1 &
  SERVER_PID=$!
  for i in $(seq 1 600); do
    if curl -s -o /dev/null "$URL/healthz"; then return 0; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server died; log $log:" >&2; tail -20 "$log" >&2; return 1; }
    sleep 0.1
  done
  echo "server did not listen; log $log" >&2
  return 1
}
wait_ready() { # → 0 when /readyz is 200 within $1 s
  local i
  for i in $(seq 1 $(( $1 * 5 ))); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/readyz")" = 200 ] && return 0
    sleep 0.2
  done
  return 1
}
wait_log() { # FILE FIXED-STRING SECONDS → 0 once the server logged it
  local i
  for i in $(seq 1 $(( $3 * 5 ))); do
    grep -qF -- "$2" "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}
stop_server() { # graceful (SIGTERM), as a service manager would
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; fi
}
ready_publication() { curl -s "$URL/readyz" | "$PY" -c 'import json,sys; print(json.load(sys.stdin).get("publication") or "")' 2>/dev/null || true; }
tool() { java -cp "$TOOL_CP" org.policyreach.serving.security.PublicationTool "$@" 2>>"$W/tool.log"; }
copy_lake() { rm -rf "$1"; cp -r "$SRC_LAKE" "$1"; rm -rf "$1/_landing" "$1/_audit"; }

# wrk summary → "requests non2xx socket_errors"
wrk_summary() {
  awk '/requests in/ {req=$1}
       /Non-2xx or 3xx responses:/ {non=$5}
       /Socket errors:/ {gsub(",", ""); err=$4+$6+$8+$10}
       END {printf "%d %d %d\n", req, non+0, err+0}' "$1"
}

declare -A ROW
record() { ROW["$1"]="$2"; }

# --- sample firms and programs from the publication ------------------------------------------
LAKE="$W/lake"
copy_lake "$LAKE"
start_server "$LAKE" "$W/landing-sample" "$W/server-sample.log"
wait_ready 300 || { tail -20 "$W/server-sample.log" >&2; exit 1; }
curl -s -H "Authorization: Bearer $OFFICER_KEY" "$URL/v1/programs" >"$W/programs.json"
"$PY" - "$W/programs.json" "$W/programs.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ids = [p["program_id"] for p in d["programs"]]
open(sys.argv[2], "w").write("\n".join(ids) + "\n")
PY
for p in $(head -n 40 "$W/programs.txt"); do
  curl -s -H "Authorization: Bearer $OFFICER_KEY" "$URL/v1/programs/$p/targets?limit=500"
  echo
done >"$W/targets.jsonl"
"$PY" - "$W/targets.jsonl" "$W/cns.txt" <<'PY'
import json, sys
cns = set()
for line in open(sys.argv[1]):
    line = line.strip()
    if not line:
        continue
    try:
        d = json.loads(line)
    except ValueError:
        continue
    for t in d.get("targets", []):
        cns.add(t["corporate_number"])
if not cns:
    sys.exit("no target firms in the publication")
open(sys.argv[2], "w").write("\n".join(sorted(cns)) + "\n")
PY
stop_server
say "$(wc -l <"$W/cns.txt") sample firms, $(wc -l <"$W/programs.txt") programs"
export CN_SAMPLE="$W/cns.txt" BENCH_KEY="$PORTAL_KEY"

# ============================================================================================
# 1. Snapshot swaps under wrk load
# ============================================================================================
record swap "skipped | -"; record kill "skipped | -"
for k in missing start-broken broken-while-serving publications-unreadable; do record "$k" skipped; done
if want swap; then
say "1. swaps under load: $SWAP_RUNS run(s) x $SWAPS_PER_RUN publications, ${SWAP_GAP_MS} ms apart"
copy_lake "$LAKE"
start_server "$LAKE" "$W/landing-swap" "$W/server-swap.log" 1
wait_ready 300 || fail "swap: server not ready"
SWAP_REQ=0; SWAP_NON=0; SWAP_ERR=0; SWAP_SEEN=0
for run in $(seq 1 "$SWAP_RUNS"); do
  # The publisher JVM starts first; wrk runs from its first publication until after its last.
  dur=$(( SWAPS_PER_RUN * SWAP_GAP_MS / 1000 + 6 ))
  : >"$W/swap-series-$run.log"
  tool republish-series "$LAKE" "pub-swap-$run" "$SWAPS_PER_RUN" "$SWAP_GAP_MS" >"$W/swap-series-$run.log" &
  publisher=$!
  until grep -q "series started" "$W/swap-series-$run.log"; do
    kill -0 "$publisher" 2>/dev/null || break
    sleep 0.1
  done
  wrk -t2 -c16 -d"${dur}s" -s "$ROOT/bench/recommendations.lua" "$URL" >"$W/wrk-swap-$run.txt" 2>&1 || true
  wait "$publisher" || fail "swap run $run: publishing failed (see tool.log)"
  want="pub-swap-$run-$SWAPS_PER_RUN"
  for i in $(seq 1 50); do [ "$(ready_publication)" = "$want" ] && break; sleep 0.2; done
  [ "$(ready_publication)" = "$want" ] || fail "swap run $run: serving $(ready_publication), not $want"
  read -r req non err <<<"$(wrk_summary "$W/wrk-swap-$run.txt")"
  seen=$(grep -c "Serving publication pub-swap-$run-" "$W/server-swap.log" || true)
  say "   run $run: $req requests, $non non-2xx, $err socket errors, $seen of $SWAPS_PER_RUN publications swapped in"
  SWAP_REQ=$((SWAP_REQ + req)); SWAP_NON=$((SWAP_NON + non)); SWAP_ERR=$((SWAP_ERR + err)); SWAP_SEEN=$((SWAP_SEEN + seen))
  [ "$req" -gt 0 ] || fail "swap run $run: wrk sent no request"
  [ "$non" -eq 0 ] || fail "swap run $run: $non non-2xx responses"
  [ "$err" -eq 0 ] || fail "swap run $run: $err socket errors"
done
stop_server
record swap "$SWAP_RUNS runs, $((SWAP_RUNS * SWAPS_PER_RUN)) publications | $SWAP_REQ requests, $SWAP_SEEN swaps served; $SWAP_NON non-2xx, $SWAP_ERR socket errors"

fi

# ============================================================================================
# 2. kill -9 with events in flight
# ============================================================================================
if want kill; then
say "2. kill -9 with events in flight: $KILL_TRIALS trial(s), seed $SEED"
cat >"$W/events_client.py" <<'PY'
# Posts events from several threads until the server goes away; appends each acknowledged
# (202) event id to ACKED (one per line, flushed) — the client's own record of what it was told.
import http.client, json, random, sys, threading, time
port, key, acked_path, prefix, threads, cns, programs, seed = sys.argv[1:9]
cns = open(cns).read().split()
programs = open(programs).read().split()
lock = threading.Lock()
acked = open(acked_path, "a")
stop = threading.Event()
sent = [0]

def worker(t):
    rnd = random.Random(f"{seed}-{t}")
    n = 0
    conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=10)
    while not stop.is_set():
        batch = []
        for _ in range(rnd.randint(1, 20)):
            n += 1
            batch.append({"event_id": f"{prefix}-{t}-{n}", "corporate_number": rnd.choice(cns),
                          "program_id": rnd.choice(programs), "type": rnd.choice(["impression", "click", "dismiss"]),
                          "at": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()), "channel": "reliability"})
        body = json.dumps(batch if len(batch) > 1 else batch[0])
        try:
            conn.request("POST", "/v1/events", body, {"Authorization": "Bearer " + key, "Content-Type": "application/json"})
            res = conn.getresponse()
            data = res.read()
        except Exception:
            return  # the server is gone: what was not acknowledged may or may not be stored
        with lock:
            sent[0] += len(batch)
        if res.status == 202:
            ans = json.loads(data)
            if ans["accepted"] + ans["duplicates"] != len(batch):
                print(f"bad ack {ans} for {len(batch)} events", file=sys.stderr)
                sys.exit(3)
            with lock:
                for e in batch:
                    acked.write(e["event_id"] + "\n")
                acked.flush()
        elif res.status != 503:
            print(f"unexpected {res.status}: {data[:200]!r}", file=sys.stderr)

ts = [threading.Thread(target=worker, args=(t,)) for t in range(int(threads))]
for t in ts:
    t.start()
for t in ts:
    t.join()
PY
cat >"$W/verify_events.py" <<'PY'
# Every acknowledged id exactly once in the landing log; no id twice.
import collections, json, os, sys
landing, acked_path = sys.argv[1:3]
counts = collections.Counter()
torn = 0
for name in sorted(os.listdir(landing)):
    if not (name.endswith(".jsonl") or name.endswith(".jsonl.open")):
        continue
    with open(os.path.join(landing, name), encoding="utf-8") as f:
        for line in f:
            try:
                counts[json.loads(line)["event_id"]] += 1
            except ValueError:
                torn += 1
acked = [l.strip() for l in open(acked_path) if l.strip()]
missing = [a for a in acked if counts[a] == 0]
twice = [e for e, c in counts.items() if c > 1]
print(f"{len(acked)} {len(counts)} {len(missing)} {len(twice)} {torn}")
if missing:
    print("missing: " + ", ".join(missing[:10]), file=sys.stderr)
if twice:
    print("twice: " + ", ".join(twice[:10]), file=sys.stderr)
PY
LANDING="$W/landing-kill"
RANDOM=$SEED
KILL_ACKED=0; KILL_LOST=0; KILL_TWICE=0; KILL_TORN=0; KILL_REDUP=0
: >"$W/acked.txt"
start_server "$LAKE" "$LANDING" "$W/server-kill.log"
for trial in $(seq 1 "$KILL_TRIALS"); do
  delay_ms=$(( 50 + RANDOM % 2000 ))
  threads=$(( 2 + RANDOM % 6 ))
  "$PY" "$W/events_client.py" "$PORT" "$PORTAL_KEY" "$W/acked.txt" "k$SEED-t$trial" "$threads" \
    "$W/cns.txt" "$W/programs.txt" "$SEED" 2>>"$W/client.err" &
  client=$!
  # Kill only once events are flowing: after this trial's first acknowledgement, then a random delay.
  for i in $(seq 1 300); do
    grep -q "^k$SEED-t$trial-" "$W/acked.txt" && break
    kill -0 "$client" 2>/dev/null || break
    sleep 0.05
  done
  sleep "$(awk -v m="$delay_ms" 'BEGIN {printf "%.3f", m / 1000}')"
  kill -9 "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  wait "$client" || fail "kill trial $trial: the client failed (see $RESULTS_DIR/client.err)"
  start_server "$LAKE" "$LANDING" "$W/server-kill.log"
  read -r acked ids missing twice torn <<<"$("$PY" "$W/verify_events.py" "$LANDING" "$W/acked.txt" 2>>"$W/verify.err")"
  # Re-send what was acknowledged in this trial: all must be duplicates (idempotency survives).
  redup=$({ grep "^k$SEED-t$trial-" "$W/acked.txt" || true; } | head -n 500 | "$PY" -c '
import json, sys, time, urllib.request
ids = [l.strip() for l in sys.stdin if l.strip()]
if not ids:
    print(0); sys.exit()
body = json.dumps([{"event_id": i, "corporate_number": "'"$(head -1 "$W/cns.txt")"'", "program_id": "'"$(head -1 "$W/programs.txt")"'",
                    "type": "impression", "at": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())} for i in ids]).encode()
req = urllib.request.Request("'"$URL"'/v1/events", body, {"Authorization": "Bearer '"$PORTAL_KEY"'", "Content-Type": "application/json"})
ans = json.load(urllib.request.urlopen(req))
print(len(ids) - ans["duplicates"])')
  say "   trial $trial: killed after ${delay_ms} ms with $threads clients; acked so far $acked, ids in log $ids, lost $missing, twice $twice, torn lines $torn, re-sent not duplicate $redup"
  KILL_LOST=$((KILL_LOST + missing)); KILL_TWICE=$((KILL_TWICE + twice)); KILL_REDUP=$((KILL_REDUP + redup))
  KILL_ACKED=$acked; KILL_TORN=$torn
  [ "$missing" -eq 0 ] || fail "kill trial $trial: $missing acknowledged events lost"
  [ "$twice" -eq 0 ] || fail "kill trial $trial: $twice event ids stored twice"
  [ "$redup" -eq 0 ] || fail "kill trial $trial: $redup re-sent acknowledged events were not duplicates"
done
open_left=$(find "$LANDING" -name '*.jsonl.open' | wc -l)
stop_server
sealed_open=$(find "$LANDING" -name '*.jsonl.open' | wc -l)
[ "$sealed_open" -eq 0 ] || fail "kill: $sealed_open .open segments left after a graceful stop"
record kill "$KILL_TRIALS kills (seed $SEED) | $KILL_ACKED events acknowledged; $KILL_LOST lost, $KILL_TWICE stored twice, $KILL_REDUP re-sent not recognised; $KILL_TORN torn lines ignored"

fi

# ============================================================================================
# 3. Missing or corrupt publications
# ============================================================================================
if want corrupt; then
say "3. missing or corrupt publications"
# 3a. No publication at all.
mkdir -p "$W/empty-lake"
start_server "$W/empty-lake" "$W/landing-3a" "$W/server-3a.log" 1
wait_log "$W/server-3a.log" "Not ready: no publication" 120 || true
code=$(curl -s -o "$W/ready-3a.json" -w '%{http_code}' "$URL/readyz")
stop_server
if [ "$code" = 503 ] && grep -q "Not ready: no publication" "$W/server-3a.log"; then
  record missing "not ready (503), log: $(grep -m1 -o 'Not ready: no publication.*' "$W/server-3a.log" | cut -c1-120)"
else
  fail "3a: no publication → /readyz $code; log: $(tail -3 "$W/server-3a.log")"
  record missing "FAILED: /readyz $code"
fi

# 3b. Start with a broken latest publication (a table version that does not exist).
copy_lake "$W/lake-3b"
tool missing-version "$W/lake-3b" pub-broken-3b >/dev/null
start_server "$W/lake-3b" "$W/landing-3b" "$W/server-3b.log" 1
wait_log "$W/server-3b.log" "Publication pub-broken-3b cannot be served" 180 || true
code=$(curl -s -o "$W/ready-3b.json" -w '%{http_code}' "$URL/readyz")
stop_server
if [ "$code" = 503 ] && grep -q "Publication pub-broken-3b cannot be served; keeping none (not ready)" "$W/server-3b.log"; then
  record start-broken "not ready (503, message: $("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["message"][:90])' "$W/ready-3b.json")…)"
else
  fail "3b: broken latest publication at start → /readyz $code; log: $(grep -m2 -i 'pub-broken' "$W/server-3b.log")"
  record start-broken "FAILED: /readyz $code"
fi

# 3c. While serving under load: a missing table version, then a garbage commit, then a good one.
copy_lake "$W/lake-3c"
GOOD=$(tool latest "$W/lake-3c")
start_server "$W/lake-3c" "$W/landing-3c" "$W/server-3c.log" 1
wait_ready 300 || fail "3c: not ready"
# Until interrupted (wrk prints its summary on SIGINT) once the good publication is served.
wrk -t2 -c8 -d900s -s "$ROOT/bench/recommendations.lua" "$URL" >"$W/wrk-3c.txt" 2>&1 &
WRK_PID=$!
sleep 2
tool missing-version "$W/lake-3c" pub-broken-3c1 >/dev/null
wait_log "$W/server-3c.log" "Publication pub-broken-3c1 cannot be served" 120 || true
p1=$(ready_publication)
tool corrupt-commit "$W/lake-3c" pub-broken-3c2 >/dev/null
wait_log "$W/server-3c.log" "Publication pub-broken-3c2 cannot be served" 120 || true
p2=$(ready_publication)
tool republish "$W/lake-3c" pub-good-3c "$GOOD" >/dev/null
for i in $(seq 1 50); do [ "$(ready_publication)" = pub-good-3c ] && break; sleep 0.2; done
p3=$(ready_publication)
sleep 2
kill -INT "$WRK_PID" 2>/dev/null || true
wait "$WRK_PID" || true
WRK_PID=""
read -r req non err <<<"$(wrk_summary "$W/wrk-3c.txt")"
stop_server
say "   3c: served $p1 / $p2 / $p3; $req requests, $non non-2xx, $err socket errors"
if [ "$p1" = "$GOOD" ] && [ "$p2" = "$GOOD" ] && [ "$p3" = pub-good-3c ] && [ "$non" -eq 0 ] && [ "$err" -eq 0 ] \
   && grep -q "Publication pub-broken-3c1 cannot be served; keeping $GOOD" "$W/server-3c.log" \
   && grep -q "Publication pub-broken-3c2 cannot be served; keeping $GOOD" "$W/server-3c.log"; then
  record broken-while-serving "kept $GOOD through both broken publications, then served pub-good-3c; $req requests, 0 non-2xx"
else
  fail "3c: served $p1 / $p2 / $p3 (want $GOOD, $GOOD, pub-good-3c), $non non-2xx, $err socket errors"
  record broken-while-serving "FAILED: $p1 / $p2 / $p3, $non non-2xx"
fi

# 3d. meta.publications itself unreadable (a garbage commit): keep serving; after a restart, not ready.
copy_lake "$W/lake-3d"
GOOD=$(tool latest "$W/lake-3d")
start_server "$W/lake-3d" "$W/landing-3d" "$W/server-3d.log" 1
wait_ready 300 || fail "3d: not ready"
last=$(ls "$W/lake-3d/meta/publications/_delta_log" | grep -E '^[0-9]{20}\.json$' | sort | tail -1)
next=$(printf '%020d.json' $(( 10#${last%.json} + 1 )))
printf '{"add": {"path": "missing.parquet"\n garbage\n' >"$W/lake-3d/meta/publications/_delta_log/$next"
wait_log "$W/server-3d.log" "Cannot read meta.publications" 120 || true
p1=$(ready_publication)
c1=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $PORTAL_KEY" "$URL/v1/companies/$(head -1 "$W/cns.txt")/recommendations")
stop_server
start_server "$W/lake-3d" "$W/landing-3d" "$W/server-3d-restart.log" 1
wait_log "$W/server-3d-restart.log" "Cannot read meta.publications" 120 || true
code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/readyz")
stop_server
if [ "$p1" = "$GOOD" ] && [ "$c1" = 200 ] && [ "$code" = 503 ] \
   && grep -q "Cannot read meta.publications; keeping publication $GOOD" "$W/server-3d.log" \
   && grep -q "Cannot read meta.publications; keeping publication none" "$W/server-3d-restart.log"; then
  record publications-unreadable "kept $GOOD while serving; after a restart not ready (503) with 'Cannot read meta.publications'"
else
  fail "3d: serving $p1 (want $GOOD), route $c1, after restart /readyz $code; logs: $(grep -h -m1 'meta.publications' "$W/server-3d.log" "$W/server-3d-restart.log")"
  record publications-unreadable "FAILED"
fi

fi

# --- results ---------------------------------------------------------------------------------
cp "$W"/server-*.log "$W"/wrk-*.txt "$RESULTS_DIR/" 2>/dev/null || true
cp "$W/client.err" "$W/verify.err" "$RESULTS_DIR/" 2>/dev/null || true
{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs (shared), lakehouse $SRC_LAKE, reduced=$REDUCED, seed $SEED"
  echo
  echo "| scenario | trials | outcome |"
  echo "|---|---|---|"
  echo "| snapshot swaps under wrk load | ${ROW[swap]%% | *} | ${ROW[swap]#* | } |"
  echo "| kill -9 with events in flight | ${ROW[kill]%% | *} | ${ROW[kill]#* | } |"
  echo "| start without a publication | 1 | ${ROW[missing]} |"
  echo "| start with a broken latest publication | 1 | ${ROW[start-broken]} |"
  echo "| broken publications while serving (missing version, garbage commit) | 1 run, 2 broken + 1 good | ${ROW[broken-while-serving]} |"
  echo "| meta.publications unreadable | 1 | ${ROW[publications-unreadable]} |"
  echo
  echo "Failures: $FAILURES"
  for f in "${FAILED[@]}"; do echo "- $f"; done
} >"$RESULTS_DIR/results.md"
cat "$RESULTS_DIR/results.md"
say "done: $FAILURES failure(s); logs in $RESULTS_DIR"
[ "$FAILURES" -eq 0 ]
