#!/usr/bin/env bash
# Benchmark of `policyreach build` — profiles, segments, segment reports — on 1M firms (~5M
# application lines): generates the data, ingests every source, then times the build under
# /usr/bin/time -v and records per-stage seconds and peak RSS in docs/benchmarks.md under
# "## Build (profiles, segments, reports)" (only that section's table gets a new row).
#
#   bench/build.sh                        # 1,000,000 firms in a temp folder, deleted afterwards
#   FIRMS=100000 bench/build.sh           # smaller run
#   INPUT=/tmp/big KEEP=1 bench/build.sh  # reuse generated input (generated there if missing)
#
# The machine is shared (2 cores, other sessions build and test): the load average before and
# after the build is recorded next to the times.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FIRMS=${FIRMS:-1000000}
SEED=${SEED:-42}
AS_OF=${AS_OF:-2026-11-26}
export POLICYREACH_HEAP=${POLICYREACH_HEAP:-6g}
WORK=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/policyreach-bench-build.XXXXXX")}
INPUT=${INPUT:-$WORK/input}
LAKE="$WORK/lakehouse"
DOC="$ROOT/docs/benchmarks.md"
PR="$ROOT/bin/policyreach"
cd "$ROOT"

command -v /usr/bin/time >/dev/null || { echo "bench/build.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
command -v jq >/dev/null || { echo "bench/build.sh: jq is missing (apt-get install jq)" >&2; exit 2; }
cleanup() { if [ -z "${KEEP:-}" ]; then rm -rf "$WORK"; fi; }
trap cleanup EXIT

if [ ! -d "$INPUT/registry" ]; then
  echo "Generating $FIRMS firms into $INPUT…" >&2
  "$PR" generate --out "$INPUT" --firms "$FIRMS" --seed "$SEED" >&2
fi

APPS=0
for pair in registry:registry firm-attributes:firm_attributes applications:applications \
            legacy:legacy events:events; do
  src=${pair%%:*}; folder=${pair##*:}
  echo "Ingesting $src…" >&2
  line=$("$PR" --lakehouse "$LAKE" ingest --source "$src" --input "$INPUT/$folder" --json | tail -n 1)
  if [ "$src" = applications ] || [ "$src" = legacy ]; then
    APPS=$((APPS + $(echo "$line" | jq -r '.accepted')))
  fi
done

LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
RESULT=$(mktemp)
TIMES=$(mktemp)
echo "Building as of $AS_OF (load average $LOAD_BEFORE on $(nproc) cores)…" >&2
/usr/bin/time -v -o "$TIMES" "$PR" --lakehouse "$LAKE" build --as-of "$AS_OF" --json \
  --reports "$WORK/reports" > "$RESULT"
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)
JSON=$(tail -n 1 "$RESULT")

WALL=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$TIMES")
RSS_KB=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$TIMES")
stage() { echo "$JSON" | jq -r --arg n "$1" '.stages[] | select(.name == $n) | .seconds | floor'; }
FIRMS_OUT=$(echo "$JSON" | jq -r '.rows["gold.firm_profiles"]')
SEGMENTS=$(echo "$JSON" | jq -r '.rows["gold.segments"]')
CELLS=$(echo "$JSON" | jq -r '.rows["gold.segment_reports"]')
fmt() { python3 -c 'import sys; print(f"{int(sys.argv[1]):,}")' "$1"; }
ROW=$(printf '| %s | %s | %s | %s s | %s s | %s s | %s s | %s | %s MB | %s / %s |' \
  "$(date -u +%Y-%m-%d)" "$(fmt "$FIRMS_OUT")" "$(fmt "$APPS")" \
  "$(stage profiles)" "$(stage segments)" "$(stage reports)" \
  "$(echo "$JSON" | jq -r '.seconds | floor')" "$SEGMENTS segments, $(fmt "$CELLS") cells" \
  "$(awk -v k="$RSS_KB" 'BEGIN{printf "%.0f", k/1024}')" "$LOAD_BEFORE" "$LOAD_AFTER")
echo "$ROW"
echo "wall (JVM start to end): $WALL" >&2

python3 - "$DOC" "$ROW" <<'PY'
import sys
path, row = sys.argv[1], sys.argv[2]
head = "## Build (profiles, segments, reports)"
text = open(path, encoding="utf-8").read()
if head not in text:
    sys.exit(f"{path} has no section '{head}'")
start = text.index(head)
end = text.find("\n## ", start + len(head))
end = len(text) if end < 0 else end
section = text[start:end].rstrip("\n")
rest = text[end:]
tail = "\n" + rest.lstrip("\n") if rest.strip() else ""
open(path, "w", encoding="utf-8").write(text[:start] + section + "\n" + row + "\n" + tail)
PY
rm -f "$RESULT" "$TIMES"
