#!/usr/bin/env bash
# bench/reliability.sh — fault trials of issue 9 (ingestion and build), at full counts by default.
#
#   kill -9 of `ingest` at a random (seeded) point, then a re-run        POLICYREACH_RELIABILITY_TRIALS (20)
#   kill -9 of `build`  at a random (seeded) point, then a re-run        POLICYREACH_RELIABILITY_TRIALS (20)
#   two concurrent ingests of different batches into the same tables   POLICYREACH_RELIABILITY_CONCURRENT (5)
#   a full lakehouse filesystem (tmpfs) during ingest and during build  POLICYREACH_RELIABILITY_DISK (3 each)
#
# Each trial's lakehouse is then checked against a reference lakehouse built without faults, in one
# Spark SQL run over all of them (see docs/reliability.md for what is checked):
#   every batch in meta.batches is committed and read = accepted + quarantined + duplicates; quarantine
#   rows per batch = the ledger's count, each line once, each with a reason; bronze lines once; silver
#   keys once, no status history entry twice, and silver equal (row counts + content hash) to the
#   reference at the same step; every publication's table versions exist, are readable, and hold rows
#   of its build; the published build has the reference's gold row counts.
#
# Environment: POLICYREACH_RELIABILITY_TRIALS (20; POLICYREACH_RELIABILITY_BUILD_TRIALS for the build,
#   default the same), POLICYREACH_RELIABILITY_REUSE (a kept work folder whose reference chain is
#   reused), POLICYREACH_RELIABILITY_SERVING=0 (skip bench/reliability-serving.sh),
#   POLICYREACH_RELIABILITY_SEED (20261126),
#   POLICYREACH_RELIABILITY_FIRMS (300), POLICYREACH_RELIABILITY_OUT (results folder, default
#   target/reliability), POLICYREACH_RELIABILITY_KEEP=1 keeps the work folder.
# Results: $OUT/results.tsv (one line per trial: scenario, trial, seed, step, kill delay, what
# happened, verdict), $OUT/checks.csv (the raw check rows), $OUT/summary.txt. Exit 1 if any trial failed.
#
# The CLI is run as `java … org.policyreach.cli.PolicyReach` on the built jars (what bin/policyreach
# runs), not through bin/policyreach: the launcher rebuilds when sources are newer than the jar, and
# its bash wrapper would be what `kill -9` hits instead of the JVM. Build first (bin/test does).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRIALS="${POLICYREACH_RELIABILITY_TRIALS:-20}"
BUILD_TRIALS="${POLICYREACH_RELIABILITY_BUILD_TRIALS:-$TRIALS}"
CONCURRENT="${POLICYREACH_RELIABILITY_CONCURRENT:-5}"
DISK="${POLICYREACH_RELIABILITY_DISK:-3}"
SEED="${POLICYREACH_RELIABILITY_SEED:-20261126}"
FIRMS="${POLICYREACH_RELIABILITY_FIRMS:-300}"
OUT="${POLICYREACH_RELIABILITY_OUT:-$ROOT/target/reliability}"
AS_OF=2026-11-26
t0=$(date +%s)
say() { echo "reliability: $* ($(( $(date +%s) - t0 )) s)" >&2; }

CLI_JAR="$ROOT/cli/target/policyreach-cli.jar"
if [ ! -f "$CLI_JAR" ] || [ ! -d "$ROOT/cli/target/lib" ]; then
  echo "reliability: $CLI_JAR is missing; build first (mvn -o -q install -DskipTests, or bin/test)" >&2
  exit 1
fi
OPENS="$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' "$ROOT/pom.xml")"
CP="$CLI_JAR:$ROOT/cli/target/lib/*"
# ingestion or core built (mvn -pl <module> install) after the CLI was packaged go first on the class
# path, so a fix there is tried without repackaging the CLI.
for lib in "$ROOT"/cli/target/lib/policyreach-{ingestion,core}-*.jar; do
  fresh="$ROOT/$(basename "$lib" | sed 's/^policyreach-\([a-z]*\)-.*/\1/')/target/$(basename "$lib")"
  if [ -f "$fresh" ] && [ "$fresh" -nt "$lib" ]; then CP="$fresh:$CP"; fi
done

# POLICYREACH_RELIABILITY_REUSE=<a work folder kept by an earlier run> reuses its data and
# reference chain (same jars and seed assumed) and only runs the trials again.
REUSE="${POLICYREACH_RELIABILITY_REUSE:-}"
if [ -n "$REUSE" ]; then
  [ -f "$REUSE/step_ms.txt" ] && [ -d "$REUSE/ref.6" ] \
    || { echo "reliability: $REUSE has no reference chain (step_ms.txt, ref.6) to reuse" >&2; exit 1; }
  WORK="$REUSE"
  # an earlier run's trial lakes are kept aside, not deleted
  if [ -d "$WORK/trials" ] && [ -n "$(ls -A "$WORK/trials")" ]; then mv "$WORK/trials" "$WORK/trials.$(date +%Y%m%d%H%M%S)"; fi
  rm -f "$WORK/lakes.txt"
else
  WORK="$(mktemp -d -t pr-reliability.XXXXXX)"
fi
mkdir -p "$WORK/trials"
MNT="$WORK/small"
cleanup() {
  if mountpoint -q "$MNT" 2>/dev/null; then umount "$MNT" || true; fi
  if [ "${POLICYREACH_RELIABILITY_KEEP:-0}" = 1 ] || [ -n "$REUSE" ]; then
    say "work folder kept: $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
mkdir -p "$OUT"
: >"$OUT/results.tsv"
printf 'scenario\ttrial\tstep\tdelay_ms\tevent\tlake\n' >"$OUT/trials.tsv"

# A reduced-cost configuration: one training origin instead of three (the build's write path, which is
# what the trials exercise, is the same; the ranker just trains on less).
CONF="$WORK/conf"
[ -n "$REUSE" ] || cp -r "$ROOT/conf" "$CONF"
sed -i 's/^\(  train_origins:\) *[0-9]*/\1 1/' "$CONF/policyreach.yaml"

# pr LAKE ARGS… — one CLI run in the foreground; pr_bg LAKE LOG ARGS… — in the background ($! = the JVM)
# (C1 only starts faster, but its default code cache is 48 MB, which a build fills: the JVM then
# dies with "Out of space in CodeCache" — a harness fault, not the product's; bin/policyreach keeps
# the default tiered JIT, so the cache is larger)
JAVA_OPTS=(-Xmx1g $OPENS -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=256m
  -Dpolicyreach.shuffle.partitions=2
  -Dfile.encoding=UTF-8 -Duser.timezone=Asia/Tokyo)
pr() {
  local lake="$1"; shift
  java "${JAVA_OPTS[@]}" -cp "$CP" org.policyreach.cli.PolicyReach --conf "$CONF" --lakehouse "$lake" \
    --master 'local[2]' "$@"
}
pr_bg() {
  local lake="$1" log="$2"; shift 2
  java "${JAVA_OPTS[@]}" -cp "$CP" org.policyreach.cli.PolicyReach --conf "$CONF" --lakehouse "$lake" \
    --master 'local[2]' "$@" >"$log" 2>&1 &
}

# The steps of a day: five ingests, then the build.
STEPS=(registry firm-attributes applications legacy events build)
step_args() {
  case "$1" in
    registry) echo "ingest --source registry --input $WORK/in/registry" ;;
    firm-attributes) echo "ingest --source firm-attributes --input $WORK/in/firm_attributes" ;;
    applications) echo "ingest --source applications --input $WORK/in/applications" ;;
    legacy) echo "ingest --source legacy --input $WORK/in/legacy" ;;
    events) echo "ingest --source events --input $WORK/in/events" ;;
    build) echo "build --as-of $AS_OF --no-reports" ;;
  esac
}

# Seeded randomness (bash's RANDOM is reproducible after seeding).
RANDOM=$SEED
# rand N sets R to 0 .. N-1 (a global, not $(…): a subshell would not advance the parent's RANDOM)
rand() { R=$(( (RANDOM * 32768 + RANDOM) % $1 )); }

# ------------------------------------------------------------------ data and the reference chain
declare -A STEP_MS
REF="$WORK/ref"
if [ -n "$REUSE" ]; then
  while read -r s ms; do STEP_MS[$s]=$ms; done <"$WORK/step_ms.txt"
  say "reusing the data and reference chain of $WORK"
else
say "generating $FIRMS firms (seed 42) into $WORK/in"
pr "$WORK/unused" generate --out "$WORK/in" --firms "$FIRMS" --seed 42 --as-of "$AS_OF" >/dev/null 2>"$WORK/generate.log" \
  || { cat "$WORK/generate.log" >&2; exit 1; }
for i in "${!STEPS[@]}"; do
  s="${STEPS[$i]}"
  s0=$(date +%s%N)
  # shellcheck disable=SC2046
  if ! pr "$REF" $(step_args "$s") >"$WORK/ref-$s.log" 2>&1; then
    echo "reliability: the reference $s failed; log:" >&2; tail -20 "$WORK/ref-$s.log" >&2; exit 1
  fi
  STEP_MS[$s]=$(( ($(date +%s%N) - s0) / 1000000 ))
  cp -a "$REF" "$WORK/ref.$((i + 1))"
  say "reference $s done in ${STEP_MS[$s]} ms"
  echo "$s ${STEP_MS[$s]}" >>"$WORK/step_ms.txt"
done
fi

LAKES=()            # "name|path|k" of every lake to check: k = the reference step it must equal
declare -A USED_REFS
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$OUT/trials.tsv"; }

# run_and_kill LAKE STEP DELAY_MS LOG — starts the step, kill -9s the JVM after DELAY_MS; echoes
# "killed" or "finished-first" (exit code of the finished run appended)
run_and_kill() {
  local lake="$1" s="$2" delay="$3" log="$4" pid
  # shellcheck disable=SC2046
  pr_bg "$lake" "$log" $(step_args "$s")
  pid=$!
  sleep "$(awk -v ms="$delay" 'BEGIN{printf "%.3f", ms/1000}')"
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    echo killed
  else
    local rc=0
    wait "$pid" || rc=$?
    echo "finished-first(rc=$rc)"
  fi
}

rerun() {
  local lake="$1" s="$2" log="$3"
  # shellcheck disable=SC2046
  pr "$lake" $(step_args "$s") >"$log" 2>&1
}

# ------------------------------------------------------------------ kill -9 during ingest
say "kill -9 during ingest: $TRIALS trials"
for t in $(seq 1 "$TRIALS"); do
  rand 5; k=$(( R + 1 ))            # step 1..5
  s="${STEPS[$((k - 1))]}"
  rand "$(( STEP_MS[$s] * 11 / 10 + 1 ))"; delay=$R
  lake="$WORK/trials/ingest-$t"
  cp -a "$WORK/ref.$((k - 1))" "$lake" 2>/dev/null || mkdir -p "$lake"
  ev=$(run_and_kill "$lake" "$s" "$delay" "$WORK/trials/ingest-$t.killed.log")
  if rerun "$lake" "$s" "$WORK/trials/ingest-$t.rerun.log"; then ev="$ev;rerun-ok"; else ev="$ev;rerun-FAILED"; fi
  record ingest "$t" "$s" "$delay" "$ev" "$lake"
  LAKES+=("ingest-$t|$lake|$k"); USED_REFS[$k]=1
  say "ingest trial $t: $s, kill after $delay ms: $ev"
done

# ------------------------------------------------------------------ kill -9 during build
say "kill -9 during build: $BUILD_TRIALS trials"
for t in $(seq 1 "$BUILD_TRIALS"); do
  base=$(( t % 2 == 1 ? 5 : 6 ))     # odd: first build of the day; even: a re-build over a published one
  rand "$(( STEP_MS[build] * 11 / 10 + 1 ))"; delay=$R
  lake="$WORK/trials/build-$t"
  cp -a "$WORK/ref.$base" "$lake"
  ev=$(run_and_kill "$lake" build "$delay" "$WORK/trials/build-$t.killed.log")
  if rerun "$lake" build "$WORK/trials/build-$t.rerun.log"; then ev="$ev;rerun-ok"; else ev="$ev;rerun-FAILED"; fi
  record build "$t" "build(after ref.$base)" "$delay" "$ev" "$lake"
  LAKES+=("build-$t|$lake|6"); USED_REFS[6]=1
  say "build trial $t: base ref.$base, kill after $delay ms: $ev"
done

# ------------------------------------------------------------------ concurrent ingests
say "two concurrent ingests (applications ‖ legacy): $CONCURRENT trials"
for t in $(seq 1 "$CONCURRENT"); do
  lake="$WORK/trials/concurrent-$t"
  cp -a "$WORK/ref.2" "$lake"
  pr_bg "$lake" "$WORK/trials/concurrent-$t.a.log" $(step_args applications); pa=$!
  rand 3000
  sleep "$(awk -v ms="$R" 'BEGIN{printf "%.3f", ms/1000}')"
  pr_bg "$lake" "$WORK/trials/concurrent-$t.l.log" $(step_args legacy); pl=$!
  ra=0; rl=0; wait "$pa" || ra=$?; wait "$pl" || rl=$?
  ev="applications-rc=$ra;legacy-rc=$rl"
  # a commit Delta rejected is retried in-process ("ingest retry 1/5 after a concurrent commit")
  for x in a l; do
    n=$(grep -c "retry [0-9]*/[0-9]* after a concurrent commit" "$WORK/trials/concurrent-$t.$x.log" || true)
    ev="$ev;$([ "$x" = a ] && echo applications || echo legacy)-retries=$n"
  done
  for pair in "applications:$ra" "legacy:$rl"; do
    s="${pair%%:*}"; rc="${pair##*:}"
    if [ "$rc" != 0 ]; then
      # a clean failure names what happened; its re-run must land
      grep -h "policyreach ingest" "$WORK/trials/concurrent-$t.${s:0:1}.log" | tail -1 | cut -c1-300 >>"$WORK/trials/concurrent-$t.errors" || true
      if rerun "$lake" "$s" "$WORK/trials/concurrent-$t.$s.rerun.log"; then ev="$ev;$s-rerun-ok"; else ev="$ev;$s-rerun-FAILED"; fi
    fi
  done
  record concurrent "$t" "applications||legacy" "-" "$ev" "$lake"
  LAKES+=("concurrent-$t|$lake|4"); USED_REFS[4]=1
  say "concurrent trial $t: $ev"
done

# ------------------------------------------------------------------ a full disk
mkdir -p "$MNT"
DISK_MODE=""
if mount -t tmpfs -o size=256m tmpfs "$MNT" 2>"$WORK/mount.err"; then
  DISK_MODE="tmpfs"
  umount "$MNT"
else
  say "cannot mount a tmpfs ($(cat "$WORK/mount.err")); the full-disk trials are skipped"
  record disk - - - "SKIPPED: cannot mount a tmpfs: $(tr '\n' ' ' <"$WORK/mount.err")" -
fi
# disk_trial NAME BASE STEP — the lake on a small filesystem with only a little space left, the step
# fails with a clear error, the lake stays readable; after space is freed the re-run completes it.
disk_trial() {
  local name="$1" base="$2" s="$3" t="$4" free_kb filler lake ev="" rc=0
  mount -t tmpfs -o size=256m tmpfs "$MNT"
  lake="$MNT/lake"
  cp -a "$WORK/ref.$base" "$lake"
  # left for the step: ingest 64 KB .. 1 MB; the build's gold tables of 300 firms fit in about 1 MB,
  # so it gets 8 .. 136 KB
  if [ "$s" = build ]; then rand 128; free_kb=$(( 8 + R )); else rand 1024; free_kb=$(( 64 + R )); fi
  filler="$MNT/filler"
  avail_kb=$(df -k --output=avail "$MNT" | tail -1 | tr -d ' ')
  fallocate -l "$(( (avail_kb - free_kb) * 1024 ))" "$filler"
  # shellcheck disable=SC2046
  pr "$lake" $(step_args "$s") >"$WORK/trials/$name.full.log" 2>&1 || rc=$?
  ev="full-rc=$rc"
  msg=$(grep -h "policyreach" "$WORK/trials/$name.full.log" | grep -v WARNING | tail -1 | cut -c1-400 || true)
  if [ "$rc" != 0 ] && grep -qi "no space left\|disk is full\|disk full" "$WORK/trials/$name.full.log"; then
    ev="$ev;clear-error"
  elif [ "$rc" != 0 ]; then
    ev="$ev;UNCLEAR-error"
  fi
  echo "$name: $msg" >>"$OUT/disk-errors.txt"
  rm -f "$filler"
  if rerun "$lake" "$s" "$WORK/trials/$name.rerun.log"; then ev="$ev;rerun-ok"; else ev="$ev;rerun-FAILED"; fi
  # keep the lake for the checks, off the small filesystem
  local dest="$WORK/trials/$name"
  cp -a "$lake" "$dest"
  umount "$MNT"
  record disk "$t" "$s" "free=${free_kb}KB" "$ev" "$dest"
  LAKES+=("$name|$dest|$(( base + 1 ))"); USED_REFS[$(( base + 1 ))]=1
  say "disk trial $name: $s with ${free_kb} KB free: $ev"
}
if [ "$DISK_MODE" = tmpfs ]; then
  say "full disk during ingest and build: $DISK trials each"
  for t in $(seq 1 "$DISK"); do
    disk_trial "disk-ingest-$t" 2 applications "$t"
  done
  for t in $(seq 1 "$DISK"); do
    disk_trial "disk-build-$t" 5 build "$t"
  done
fi

# ------------------------------------------------------------------ checks, in a few Spark SQL runs
say "checking ${#LAKES[@]} lakehouses"
cat >"$WORK/pr.sh" <<EOS
#!/usr/bin/env bash
lake="\$1"; shift
# Spark's scratch space in the work folder: a /tmp cleaner must not pull it away mid-query
export SPARK_LOCAL_DIRS="$WORK/spark-local"
mkdir -p "\$SPARK_LOCAL_DIRS"
exec java ${JAVA_OPTS[*]/-XX:TieredStopAtLevel=1/-XX:ReservedCodeCacheSize=512m} -cp "$CP" org.policyreach.cli.PolicyReach --conf "$CONF" --lakehouse "\$lake" --master 'local[2]' "\$@"
EOS
chmod +x "$WORK/pr.sh"
for k in "${!USED_REFS[@]}"; do LAKES+=("ref-$k|$WORK/ref.$k|$k"); done
printf '%s\n' "${LAKES[@]}" >"$WORK/lakes.txt"
rc=0
python3 - "$OUT" "$WORK" <<'PYEOF' || rc=$?
# The checks of bench/reliability.sh: Spark SQL over every trial lakehouse (a few lakes per JVM run),
# then verdicts against the reference lakehouse. Arguments: OUT WORK.
import collections, csv, io, json, os, subprocess, sys

out, work = sys.argv[1], sys.argv[2]
lakes = []
for line in open(os.path.join(work, "lakes.txt")):
    name, path, step = line.rstrip("\n").split("|")
    lakes.append((name, path, int(step)))
paths = {n: p for n, p, _ in lakes}
steps = {n: s for n, _, s in lakes}


def sql(query, label):
    r = subprocess.run([os.path.join(work, "pr.sh"), os.path.join(work, "ref.6"), "sql", "--format", "csv", query],
                       capture_output=True, text=True)
    if r.returncode != 0:
        err = "\n".join(l for l in r.stderr.splitlines() if "WARNING" not in l)[-3000:]
        sys.exit(f"reliability: the {label} query failed:\n{err}")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    # the header (its first column is always "lake"); anything printed before it is skipped
    while rows and (not rows[0] or rows[0][0] != "lake"):
        with open(os.path.join(out, "sql-odd-lines.txt"), "a") as f:
            f.write(f"{label}: before the header: {rows[0]}\n")
        rows.pop(0)
    if not rows:
        return []
    width = len(rows[0])
    odd = [row for row in rows[1:] if len(row) != width]
    if odd:
        with open(os.path.join(out, "sql-odd-lines.txt"), "a") as f:
            f.write(f"{label}: {odd[:20]}\n")
    return [row for row in rows[1:] if len(row) == width]


def q(s):
    return s.replace("'", "''")


def lake_checks(name, path, step):
    L = f"'{q(name)}'"
    d = lambda t: f"delta.`{path}/{t}`"
    has = lambda *ts: all(os.path.isdir(os.path.join(path, t, "_delta_log")) for t in ts)
    parts = [] if not has("meta/batches", "quarantine/records") else [
        f"SELECT {L} AS lake, 'ledger' AS check, batch_id AS key, concat_ws('/', status, read, accepted, quarantined, duplicates) AS value FROM {d('meta/batches')}",
        f"SELECT {L}, 'ledger-unreconciled', batch_id, status FROM {d('meta/batches')} WHERE status <> 'committed' OR read <> accepted + quarantined + duplicates",
        f"SELECT {L}, 'quarantine-vs-ledger', b.batch_id, concat(b.quarantined, ' in the ledger, ', coalesce(q.n, 0), ' rows') FROM {d('meta/batches')} b LEFT JOIN (SELECT batch_id, count(*) n FROM {d('quarantine/records')} GROUP BY batch_id) q ON b.batch_id = q.batch_id WHERE b.quarantined <> coalesce(q.n, 0)",
        f"SELECT {L}, 'quarantine-twice', concat(batch_id, ':', source_file, ':', line), string(count(*)) FROM {d('quarantine/records')} GROUP BY batch_id, source_file, line HAVING count(*) > 1",
        f"SELECT {L}, 'quarantine-no-reason', concat(batch_id, ':', source_file, ':', line), 'x' FROM {d('quarantine/records')} WHERE reasons IS NULL OR size(reasons) = 0",
        f"SELECT {L}, 'quarantine', 'rows', string(count(*)) FROM {d('quarantine/records')}",
    ]
    for b in ("registry", "firm_attributes", "applications", "legacy", "events"):
        if not has("bronze/" + b):
            continue
        parts.append(f"SELECT {L}, 'bronze-twice', '{b}', string(count(*) - count(DISTINCT batch_id, source_file, line)) FROM {d('bronze/' + b)}")
        parts.append(f"SELECT {L}, 'bronze', '{b}', string(count(*)) FROM {d('bronze/' + b)}")
    silver = [
        f"SELECT {L}, 'silver', 'firms', concat(count(*), '/', count(DISTINCT corporate_number), '/', sum(hash(corporate_number, name, status, prefecture_code, capital_yen, employees, jsic_division, established, size_class))) FROM {d('silver/firms')}",
        f"SELECT {L}, 'silver', 'applications', concat(count(*), '/', count(DISTINCT application_id), '/', sum(size(status_history)), '/', sum(hash(application_id, status, corporate_number, requested_amount_yen, size(status_history), size(findings)))) FROM {d('silver/applications')}",
        f"SELECT {L}, 'history-twice', application_id, 'x' FROM {d('silver/applications')} WHERE size(status_history) <> size(array_distinct(status_history))",
        f"SELECT {L}, 'silver', 'events', concat(count(*), '/', count(DISTINCT event_id), '/', sum(hash(event_id, corporate_number, type, at))) FROM {d('silver/events')}",
        f"SELECT {L}, 'silver', 'registry_history', concat(count(*), '/', count(DISTINCT source_file, source_line), '/', sum(hash(corporate_number, sequence_number, name, update_date))) FROM {d('silver/registry_history')}",
    ]
    parts += [p for p in silver if has(p.split("delta.`" + path + "/")[1].split("`")[0])]
    if step == 6 and has("meta/publications"):
        parts.append(f"SELECT {L}, 'publication', publication_id, concat(build_id, ' ', to_json(tables)) FROM {d('meta/publications')}")
    return parts


rows = collections.defaultdict(list)
CHUNK = 4  # lakes per Spark run (a command-line argument holds at most 128 kB)
for i in range(0, len(lakes), CHUNK):
    parts = [p for n, p_, s in lakes[i:i + CHUNK] for p in lake_checks(n, p_, s)]
    query = "SELECT * FROM (" + " UNION ALL ".join(parts) + ") AS t(lake, check, key, value)"
    for lake, check, key, value in sql(query, "check"):
        rows[lake].append((check, key, value))
with open(os.path.join(out, "checks.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["lake", "check", "key", "value"])
    for lake, rs in rows.items():
        for r in rs:
            w.writerow([lake, *r])

# every publication: each table version readable, with rows of its build
parts = []
for lake, rs in rows.items():
    for check, key, value in rs:
        if check != "publication":
            continue
        build, tables = value.split(" ", 1)
        for table, version in json.loads(tables).items():
            parts.append(
                f"SELECT '{q(lake)}' AS lake, '{q(key)}' AS pub, '{table}' AS tbl, {int(version)} AS version, "
                f"count(*) AS total, count_if(build_id = '{q(build)}') AS of_build "
                f"FROM delta.`{paths[lake]}/{table.replace('.', '/')}` VERSION AS OF {int(version)}")
pubs = collections.defaultdict(lambda: collections.defaultdict(dict))
for i in range(0, len(parts), 60):
    for lake, pub, tbl, version, total, of_build in sql(" UNION ALL ".join(parts[i:i + 60]), "publication"):
        pubs[lake][pub][tbl] = (int(version), int(total), int(of_build))
with open(os.path.join(out, "publications.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["lake", "publication", "table", "version", "rows", "rows_of_build"])
    for lake in pubs:
        for pub in sorted(pubs[lake]):
            for tbl, (v, t, b) in sorted(pubs[lake][pub].items()):
                w.writerow([lake, pub, tbl, v, t, b])

view = lambda rs, kind: sorted((c, k, v) for c, k, v in rs if c == kind)
gold = lambda lake: ({t: b for t, (v, tot, b) in pubs[lake][max(pubs[lake])].items()} if pubs.get(lake) else None)
ref_gold = gold("ref-6")
trials = list(csv.DictReader(open(os.path.join(out, "trials.tsv")), delimiter="\t"))
lines, failures = [], 0
for t in trials:
    name = f"{t['scenario']}-{t['trial']}" if t["scenario"] != "disk" else os.path.basename(t["lake"])
    if t["event"].startswith("SKIPPED"):
        lines.append((t, "SKIPPED", t["event"]))
        continue
    rs = rows.get(name, [])
    problems = []
    if "FAILED" in t["event"] or "UNCLEAR" in t["event"]:
        problems.append("run: " + t["event"])
    if t["scenario"] == "disk" and "full-rc=0" in t["event"]:
        problems.append("the step did not run out of space, so the trial tested nothing (leave less free space)")
    if not rs:
        problems.append("no check rows")
    for c, k, v in rs:
        if c in ("ledger-unreconciled", "quarantine-vs-ledger", "quarantine-twice", "quarantine-no-reason", "history-twice"):
            problems.append(f"{c} {k} {v}")
        if c == "bronze-twice" and v != "0":
            problems.append(f"bronze lines twice in {k}: {v}")
    ref = rows.get(f"ref-{steps.get(name)}", [])
    for kind in ("ledger", "silver", "quarantine", "bronze"):
        a, b = view(rs, kind), view(ref, kind)
        if a != b:
            problems.append(f"{kind} differs from the reference: {sorted(set(a) ^ set(b))}"[:400])
    if steps.get(name) == 6:
        for pub, tables in pubs.get(name, {}).items():
            for tbl, (v, tot, b) in tables.items():
                if b == 0:
                    problems.append(f"{pub} uses {tbl}@{v}, which has no rows of its build")
        g = gold(name)
        if g is None:
            problems.append("no publication")
        elif g != ref_gold:
            problems.append(f"published gold rows {g} differ from the reference {ref_gold}")
    verdict = "FAIL" if problems else "PASS"
    failures += verdict == "FAIL"
    lines.append((t, verdict, "; ".join(problems)))

with open(os.path.join(out, "results.tsv"), "w") as f:
    f.write("scenario\ttrial\tstep\tdelay_ms\tevent\tverdict\tproblems\n")
    for t, verdict, problems in lines:
        f.write("\t".join([t["scenario"], t["trial"], t["step"], t["delay_ms"], t["event"], verdict, problems]) + "\n")
count = collections.Counter((t["scenario"], v) for t, v, _ in lines)
killed = collections.Counter(t["scenario"] for t, v, _ in lines if t["event"].startswith("killed"))
with open(os.path.join(out, "summary.txt"), "w") as f:
    for s in ("ingest", "build", "concurrent", "disk"):
        n = sum(c for (sc, v), c in count.items() if sc == s)
        if n:
            extra = f", {killed[s]} killed mid-run (the others finished before the kill)" if s in ("ingest", "build") else ""
            f.write(f"{s}: {n} trials, {count[(s, 'PASS')]} pass, {count[(s, 'FAIL')]} fail, {count[(s, 'SKIPPED')]} skipped{extra}\n")
sys.stdout.write(open(os.path.join(out, "summary.txt")).read())
for t, verdict, problems in lines:
    if verdict == "FAIL":
        print(f"FAIL {t['scenario']} {t['trial']} {t['step']} delay={t['delay_ms']} {t['event']}: {problems}")
sys.exit(1 if failures else 0)
PYEOF

# The serving half of the suite (another contributor's), when it is there.
# POLICYREACH_RELIABILITY_SERVING=0 skips it.
if [ -f "$ROOT/bench/reliability-serving.sh" ] && [ "${POLICYREACH_RELIABILITY_SERVING:-1}" != 0 ]; then
  say "running bench/reliability-serving.sh"
  bash "$ROOT/bench/reliability-serving.sh" || rc=1
fi
say "done; results in $OUT"
exit $rc
