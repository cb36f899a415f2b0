#!/usr/bin/env bash
# bench/push.sh — plan + send of one push campaign to every firm of a generated population (default
# 100,000 firms) on all three channels: portal inbox, e-mail to a local SMTP server (GreenMail, in the
# benchmark's JVM) and the post mail-merge files. Set-up (generate, ingest registry/applications/
# events, a published target list with every firm) is timed apart. Prints and keeps one JSON object
# (target/bench/push-<firms>.json): plan and send seconds, peak heap of each, contacts per second,
# the process's peak RSS (set-up included), load average before and after. Record the figures in
# docs/benchmarks.md ("Push campaigns") by hand, with the machine's state.
#
#   bench/push.sh                 # 100,000 firms
#   FIRMS=5000 bench/push.sh      # a quick run
#   HEAP=6g bench/push.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FIRMS=${FIRMS:-100000}
HEAP=${HEAP:-6g}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/policyreach-bench-push.XXXXXX")
OUT="$ROOT/target/bench/push-$FIRMS.json"
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"

echo "Building the pipelines module and its test classes (the benchmark's main)…" >&2
mvn -o -q install -pl core,generator,ingestion,models,pipelines -DskipTests
CP_FILE="$WORK/cp.txt"
mvn -o -q dependency:build-classpath -pl pipelines -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="$ROOT/pipelines/target/test-classes:$ROOT/pipelines/target/classes:$(cat "$CP_FILE")"
OPENS=$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' pom.xml)

LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
echo "Planning and sending a campaign to $FIRMS firms (load average $LOAD_BEFORE on $(nproc) cores)…" >&2
# shellcheck disable=SC2086
java $OPENS -Xmx"$HEAP" -Dfile.encoding=UTF-8 -Duser.timezone=Asia/Tokyo -cp "$CP" \
  org.policyreach.pipelines.push.PushBenchmark --firms "$FIRMS" --work "$WORK" \
  --conf "$ROOT/conf" --out "$OUT" > /dev/null
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)
python3 - "$OUT" "$LOAD_BEFORE" "$LOAD_AFTER" "$HEAP" <<'PY'
import json, sys
path, lb, la, heap = sys.argv[1:]
r = json.load(open(path))
r["load_average_before"], r["load_average_after"], r["heap"] = float(lb), float(la), heap
json.dump(r, open(path, "w"), indent=2, ensure_ascii=False)
print(json.dumps(r, indent=2, ensure_ascii=False))
PY
echo "push benchmark: results in $OUT" >&2
