#!/usr/bin/env bash
# Benchmark of ingestion: ~1M application lines (generated for FIRMS firms, default 190,000),
# ingested into an empty lakehouse, beside a bare Spark scan (spark.read.text(file).count())
# and a parse-only pass of the same file in the same JVM. Records rates, the ratio ingest/scan
# (aim: under 4x) and peak memory in docs/benchmarks.md under "## Ingestion" (only that
# section is rewritten; earlier runs stay as rows).
#
#   bench/ingest.sh                       # generate into a temp folder, deleted afterwards
#   FIRMS=20000 bench/ingest.sh           # smaller run
#   KEEP=1 WORK=/tmp/ingest-bench bench/ingest.sh   # keep (and reuse) the generated input
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FIRMS=${FIRMS:-190000}
HEAP=${HEAP:-6g}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/policyreach-bench-ingest.XXXXXX")}
DOC="$ROOT/docs/benchmarks.md"
cd "$ROOT"

command -v /usr/bin/time >/dev/null || { echo "bench/ingest.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

echo "Building the ingestion module (and its benchmark main)…" >&2
flock /tmp/pr-build-ingestion.lock mvn -o -q install -pl ingestion -DskipTests
flock /tmp/pr-build-ingestion.lock mvn -o -q test-compile -pl ingestion
CP_FILE=$(mktemp)
mvn -o -q dependency:build-classpath -pl ingestion -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
# Snapshot the classpath: other sessions re-install modules into ~/.m2 while this runs.
LIB="$WORK/lib"
rm -rf "$LIB" && mkdir -p "$LIB/jars"
cp -r "$ROOT/ingestion/target/classes" "$LIB/classes"
cp -r "$ROOT/ingestion/target/test-classes" "$LIB/test-classes"
tr ':' '\n' < "$CP_FILE" | while read -r jar; do [ -n "$jar" ] && cp "$jar" "$LIB/jars/"; done
CP="$LIB/test-classes:$LIB/classes:$LIB/jars/*"
rm -f "$CP_FILE"
OPENS=$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' pom.xml)

INPUT="$WORK/input/applications/applications.jsonl"
if [ ! -f "$INPUT" ]; then
  echo "Generating $FIRMS firms into $WORK/input…" >&2
  java -Xmx2g -cp "$CP" org.policyreach.generator.GeneratorMain \
    --out "$WORK/input" --firms "$FIRMS" --seed 42 --conf "$ROOT/conf" > /dev/null
fi
rm -rf "$WORK/lake"

LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
RESULT=$(mktemp)
TIMES=$(mktemp)
echo "Ingesting $(wc -l < "$INPUT") lines (load average $LOAD_BEFORE on $(nproc) cores)…" >&2
# shellcheck disable=SC2086
/usr/bin/time -v -o "$TIMES" java $OPENS -Xmx"$HEAP" -Duser.timezone=Asia/Tokyo -cp "$CP" \
  org.policyreach.ingestion.IngestBenchmark --input "$INPUT" --lakehouse "$WORK/lake" \
  --conf "$ROOT/conf" > "$RESULT"
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)
cat "$RESULT" >&2

RSS_KB=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TIMES")
ROW=$(python3 - "$RESULT" "$RSS_KB" "$LOAD_BEFORE" "$LOAD_AFTER" "$HEAP" <<'PY'
import datetime, json, sys
r = json.load(open(sys.argv[1]))
rss_mb, lb, la, heap = int(sys.argv[2]) // 1024, sys.argv[3], sys.argv[4], sys.argv[5]
parse = r["hash_seconds"] + r["parse_seconds"]
stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
print(f"| {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d} | {r['lines']:,} | {r['bytes'] // 1048576:,} MB"
      f" | {r['scan_seconds']:.1f} s ({r['scan_records_per_second']:,}/s)"
      f" | {parse:.1f} s ({r['parse_records_per_second']:,}/s)"
      f" | {r['ingest_seconds']:.1f} s ({r['ingest_records_per_second']:,}/s)"
      f" | {r['ratio_to_scan']:.1f}× / {r['ratio_to_parse']:.1f}× | {stages}"
      f" | {r['peak_heap_mb']:,} MB of {heap} / {rss_mb:,} MB | {lb} / {la} |")
PY
)
echo "$ROW"

python3 - "$DOC" "$ROW" <<'PY'
import sys
path, row = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
head = "## Ingestion"
if head not in text:
    raise SystemExit(f"{path} has no '{head}' section; add it first")
start = text.index(head)
nxt = text.find("\n## ", start + len(head))
section = text[start:] if nxt < 0 else text[start:nxt + 1]
lines = section.rstrip("\n").split("\n")
# the new row goes after the table's last row (prose may follow the table)
last = max(i for i, l in enumerate(lines) if l.startswith("|"))
lines.insert(last + 1, row)
new = "\n".join(lines) + ("\n" if nxt < 0 else "\n\n")
text = text[:start] + new + ("" if nxt < 0 else text[nxt + 1:])
open(path, "w", encoding="utf-8").write(text)
PY
rm -f "$RESULT" "$TIMES"
if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; fi
