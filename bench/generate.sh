#!/usr/bin/env bash
# Benchmark of the data generator: 1M firms (~5M application lines) by default.
# Builds the generator module, runs it on its own classpath (no Spark), measures wall time,
# CPU and peak RSS with /usr/bin/time -v, and records the result in docs/benchmarks.md under
# "## Data generator" (only that section is rewritten; earlier runs are kept as rows).
#
#   bench/generate.sh                 # 1,000,000 firms into a temp folder, deleted afterwards
#   FIRMS=200000 bench/generate.sh    # smaller run
#   KEEP=1 OUT=/tmp/big bench/generate.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FIRMS=${FIRMS:-1000000}
SEED=${SEED:-42}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/policyreach-bench-generate.XXXXXX")}
DOC="$ROOT/docs/benchmarks.md"
cd "$ROOT"

command -v /usr/bin/time >/dev/null || { echo "bench/generate.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

echo "Building the generator module…" >&2
flock /tmp/pr-build-generator.lock mvn -o -q install -pl generator -DskipTests
CP_FILE=$(mktemp)
mvn -o -q dependency:build-classpath -pl generator -Dmdep.includeScope=runtime -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="$ROOT/generator/target/classes:$(cat "$CP_FILE")"
rm -f "$CP_FILE"

LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
RESULT=$(mktemp)
TIMES=$(mktemp)
echo "Generating $FIRMS firms into $OUT (load average $LOAD_BEFORE on $(nproc) cores)…" >&2
/usr/bin/time -v -o "$TIMES" java -Xmx2g -cp "$CP" org.policyreach.generator.GeneratorMain \
  --out "$OUT" --firms "$FIRMS" --seed "$SEED" --conf "$ROOT/conf" > "$RESULT"
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)

WALL=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$TIMES")
USER_S=$(sed -n 's/.*User time (seconds): //p' "$TIMES")
SYS_S=$(sed -n 's/.*System time (seconds): //p' "$TIMES")
RSS_KB=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TIMES")
APP_LINES=$(jq -r '.files["applications/applications.jsonl"].lines' "$RESULT")
TOTAL_LINES=$(jq -r '.total_lines' "$RESULT")
FAULTS=$(jq -r '.total_faults' "$RESULT")
SIZE=$(du -sh "$OUT" | cut -f1)
DATE=$(date -u +%Y-%m-%d)
CPU=$(awk -v u="$USER_S" -v s="$SYS_S" 'BEGIN{printf "%.0f s", u+s}')
RSS=$(awk -v k="$RSS_KB" 'BEGIN{printf "%.0f MB", k/1024}')
fmt() { python3 -c 'import sys; print(f"{int(sys.argv[1]):,}")' "$1"; }
ROW=$(printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s |' \
  "$DATE" "$(fmt "$FIRMS")" "$(fmt "$APP_LINES")" "$(fmt "$TOTAL_LINES")" \
  "$(fmt "$FAULTS")" "$SIZE" "$WALL" "$CPU" "$RSS" "$LOAD_BEFORE" "$LOAD_AFTER")
echo "$ROW"

# Rewrite only the "## Data generator" section (create the file or the section if missing).
[ -f "$DOC" ] || printf '# Benchmarks\n\nMeasured on the shared development machine; see each section for the command.\n' > "$DOC"
python3 - "$DOC" "$ROW" <<'PY'
import sys
path, row = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
lines = text.split("\n")
head = "## Data generator"
intro = """## Data generator

`bench/generate.sh` (default 1,000,000 firms, seed 42, error rate 0.02, 2 worker threads) runs
`org.policyreach.generator.GeneratorMain` on the generator module's own classpath under
`/usr/bin/time -v` and adds a row here. Wall time is end to end (catalog loading, generation,
assembly of the part files, truth files). **The machine is shared** (2 cores, other sessions
build and test at the same time): the load average before/after each run is recorded, and
wall time under load is well above the CPU time. Target: under 5 minutes for 1M firms.

| date | firms | application lines | all lines | faults | output | wall | CPU (user+sys) | peak RSS | load before / after |
|---|---|---|---|---|---|---|---|---|---|"""
start = next((i for i, l in enumerate(lines) if l.strip() == head), None)
old_rows = []
if start is None:
    before, after = lines, []
else:
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    old_rows = [l for l in lines[start:end] if l.startswith("| 2")]
    before, after = lines[:start], lines[end:]
while before and before[-1] == "":
    before.pop()
section = intro.split("\n") + [row] + old_rows + [""]
out = before + [""] + section + after
open(path, "w", encoding="utf-8").write("\n".join(out).rstrip("\n") + "\n")
PY
echo "Recorded in $DOC" >&2

rm -f "$RESULT" "$TIMES"
if [ -z "${KEEP:-}" ]; then
  rm -rf "$OUT"
else
  echo "Output kept in $OUT" >&2
fi
