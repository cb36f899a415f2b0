#!/usr/bin/env bash
# bench/reliability.sh — the fault trials of issue 9, full counts by default:
#
#   kill -9 of `ingest` at a random (seeded) point, then a re-run        POLICYREACH_RELIABILITY_TRIALS (20)
#   kill -9 of `build`  at a random (seeded) point, then a re-run        POLICYREACH_RELIABILITY_BUILD_TRIALS (20)
#   two concurrent ingests of different batches into the same tables   POLICYREACH_RELIABILITY_CONCURRENT (5)
#   a full lakehouse filesystem (tmpfs) during ingest and during build  POLICYREACH_RELIABILITY_DISK (3 each)
#   then the serving faults (bench/reliability-serving.sh)              POLICYREACH_RELIABILITY_SERVING=0 skips
#
# One driver JVM (org.policyreach.cli.reliability.FaultTrials, in the CLI module's test classes) builds a
# reference lakehouse step by step, runs every step that is not killed in-process, forks the CLI's JVM
# for the runs it kills (kill -9 = SIGKILL of that JVM), and checks every trial lakehouse against the
# reference with Spark SQL; planted faults prove the checks can fail. See docs/reliability.md.
#
# Environment: POLICYREACH_RELIABILITY_{TRIALS,BUILD_TRIALS,CONCURRENT,DISK} (counts),
#   POLICYREACH_RELIABILITY_SEED (20261126), POLICYREACH_RELIABILITY_FIRMS (300),
#   POLICYREACH_RELIABILITY_OUT (results, default target/reliability), POLICYREACH_RELIABILITY_KEEP=1
#   (keep the work folder with every trial lakehouse and log), POLICYREACH_JAVA_OPTS (extra options for
#   the driver JVM, as bin/policyreach takes them).
# Results: $OUT/results.tsv (per trial: plan, what happened, verdict, problems), trials.tsv, checks.csv,
#   publications.csv, disk-errors.txt, summary.txt. Exit 1 if a trial failed or a planted fault was missed.
# Needs the built jars and the CLI's test classes (mvn -o -q install -DskipTests, or bin/test).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRIALS="${POLICYREACH_RELIABILITY_TRIALS:-20}"
BUILD_TRIALS="${POLICYREACH_RELIABILITY_BUILD_TRIALS:-$TRIALS}"
OUT="${POLICYREACH_RELIABILITY_OUT:-$ROOT/target/reliability}"
t0=$(date +%s)
say() { echo "reliability: $* ($(( $(date +%s) - t0 )) s)" >&2; }

CLI_JAR="$ROOT/cli/target/policyreach-cli.jar"
if [ ! -f "$CLI_JAR" ] || [ ! -d "$ROOT/cli/target/lib" ] \
  || [ ! -f "$ROOT/cli/target/test-classes/org/policyreach/cli/reliability/FaultTrials.class" ]; then
  echo "reliability: the CLI jar or its test classes are missing; build first (mvn -o -q install -DskipTests, or bin/test)" >&2
  exit 1
fi
OPENS="$(sed -n 's:.*<spark.jvm.opens>\(.*\)</spark.jvm.opens>.*:\1:p' "$ROOT/pom.xml")"
# The CLI is run from its jars (what bin/policyreach runs), not through bin/policyreach: the launcher
# rebuilds when sources are newer than the jar, and its bash wrapper is not what kill -9 must hit.
CP="$ROOT/cli/target/test-classes:$CLI_JAR:$ROOT/cli/target/lib/*"

WORK="$(mktemp -d -t pr-reliability.XXXXXX)"
cleanup() {
  if mountpoint -q "$WORK/small" 2>/dev/null; then umount "$WORK/small" || true; fi
  if [ "${POLICYREACH_RELIABILITY_KEEP:-0}" = 1 ]; then say "work folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
rm -rf "$OUT"
mkdir -p "$OUT"

rc=0
# Spark's scratch space in the work folder: a /tmp cleaner must not pull it away mid-query.
# POLICYREACH_JAVA_OPTS as bin/policyreach takes it (bin/test sets C1-only and Spark's codegen off for
# its short CLI JVMs); the killed children inherit its -D options (FaultTrials passes them on).
# shellcheck disable=SC2086
SPARK_LOCAL_DIRS="$WORK/spark-local" java -Xmx3g $OPENS -XX:ReservedCodeCacheSize=256m ${POLICYREACH_JAVA_OPTS:-} \
  -Dpolicyreach.shuffle.partitions=2 -Dfile.encoding=UTF-8 -Duser.timezone=Asia/Tokyo \
  -cp "$CP" org.policyreach.cli.reliability.FaultTrials \
  --ingest-trials "$TRIALS" --build-trials "$BUILD_TRIALS" \
  --concurrent "${POLICYREACH_RELIABILITY_CONCURRENT:-5}" --disk "${POLICYREACH_RELIABILITY_DISK:-3}" \
  --seed "${POLICYREACH_RELIABILITY_SEED:-20261126}" --firms "${POLICYREACH_RELIABILITY_FIRMS:-300}" \
  --out "$OUT" --work "$WORK" --conf "$ROOT/conf" || rc=$?

# The serving half of the suite. POLICYREACH_RELIABILITY_SERVING=0 skips it.
if [ "${POLICYREACH_RELIABILITY_SERVING:-1}" != 0 ]; then
  say "running bench/reliability-serving.sh"
  bash "$ROOT/bench/reliability-serving.sh" || rc=1
fi
say "done (exit $rc); results in $OUT"
exit $rc
