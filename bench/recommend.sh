#!/usr/bin/env bash
# Benchmark of the recommendation stage's own work on N synthetic firms (default 1,000,000):
# peer statistics, the ranker's training matrix (3 origins over a 20,000-firm sample) and its
# Smile fit, and scoring every firm against the catalog's candidate programs (core eligibility,
# pair features, model, diversified top 10 with Japanese reasons) written to Delta. Runs
# org.policyreach.pipelines.recommend.RecommendBenchMain (pipelines test classes) under
# /usr/bin/time -v and adds a row to docs/benchmarks.md under "## Recommendations" (only that
# section's table). The profiles stage that feeds the real stage, and the scratch profile builds
# of the training origins, are part of the build benchmark (bench/build.sh).
#
#   bench/recommend.sh                 # 1,000,000 firms
#   FIRMS=100000 bench/recommend.sh    # smaller run
#
# The machine is shared (2 cores, other sessions build and test): the load average before and
# after is recorded next to the times.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FIRMS=${FIRMS:-1000000}
HEAP=${HEAP:-6g}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/policyreach-bench-recommend.XXXXXX")}
DOC="$ROOT/docs/benchmarks.md"
cd "$ROOT"

command -v /usr/bin/time >/dev/null || { echo "bench/recommend.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
cleanup() { if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; fi; }
trap cleanup EXIT

echo "Compiling the pipelines module (and its benchmark main)…" >&2
flock /tmp/pr-build-pipelines.lock mvn -o -q test-compile -pl pipelines
CP_FILE=$(mktemp)
mvn -o -q dependency:build-classpath -pl pipelines -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
LIB="$WORK/lib"
rm -rf "$LIB" && mkdir -p "$LIB/jars"
cp -r "$ROOT/pipelines/target/classes" "$LIB/classes"
cp -r "$ROOT/pipelines/target/test-classes" "$LIB/test-classes"
tr ':' '\n' < "$CP_FILE" | while read -r jar; do [ -n "$jar" ] && cp "$jar" "$LIB/jars/"; done
CP="$LIB/test-classes:$LIB/classes:$LIB/jars/*"
rm -f "$CP_FILE"
OPENS=$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' pom.xml)

LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
TIMES=$(mktemp)
echo "Scoring $FIRMS synthetic firms (load average $LOAD_BEFORE on $(nproc) cores)…" >&2
/usr/bin/time -v -o "$TIMES" java $OPENS -Xmx"$HEAP" -Duser.timezone=Asia/Tokyo \
  -Dpolicyreach.conf="$ROOT/conf" -cp "$CP" \
  org.policyreach.pipelines.recommend.RecommendBenchMain "$FIRMS" "$WORK" >&2
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)
RSS_KB=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TIMES")

ROW=$(python3 - "$WORK/result.json" "$RSS_KB" "$LOAD_BEFORE" "$LOAD_AFTER" "$HEAP" <<'PY'
import datetime, json, sys
r = json.load(open(sys.argv[1]))
rss, lb, la, heap = int(sys.argv[2]) // 1024, sys.argv[3], sys.argv[4], sys.argv[5]
print(f"| {datetime.date.today()} | {r['firms']:,} | {r['candidates']} of {r['catalog']} "
      f"| {r['score_write_s']:.1f} s ({r['firms_per_s']:,} firms/s) | {r['recommendations']:,} "
      f"| {r['collect_s']:.1f} s ({int(r['train_rows']):,} rows) | {r['fit_s']:.2f} s "
      f"| {r['peers_s']:.1f} s | {rss:,} MB (heap {heap}) | {lb} / {la} |")
PY
)
echo "$ROW"

python3 - "$DOC" "$ROW" <<'PY'
import sys
path, row = sys.argv[1], sys.argv[2]
head = "## Recommendations"
text = open(path, encoding="utf-8").read()
if head not in text:
    sys.exit(f"{path} has no section '{head}'")
start = text.index(head)
end = text.find("\n## ", start + len(head))
end = len(text) if end < 0 else end
section = text[start:end].rstrip("\n")
rest = text[end:].lstrip("\n")
text = text[:start] + section + "\n" + row + "\n" + ("\n" + rest if rest else "")
open(path, "w", encoding="utf-8").write(text)
PY
