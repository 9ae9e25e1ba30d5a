#!/usr/bin/env bash
# The scoring benchmark: the full bank-marketing file (../shared/data/bank-marketing, beside the repository) through
# the training pipeline with default settings (time-ordered and, for comparison, shuffled holdout), training time and
# peak heap on 100,000 rows, and the in-process latency of one prediction. Records tools/bench/results/scoring.md.
#
#   tools/bench/scoring/run.sh                  # -Xmx2g
#   BENCH_HEAP=-Xmx1g tools/bench/scoring/run.sh
#
# Needs the platform modules resolvable from this reactor (it builds scoring-service's test classes).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
HEAP=${BENCH_HEAP:--Xmx2g}
TABLE="$ROOT/scoring-service/target/scoring-bench.md"
RESULTS="$ROOT/tools/bench/results/scoring.md"
MVN_OFFLINE=${MVN_OFFLINE:--o}

cd "$ROOT"
rm -f "$TABLE"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
# the table is written section by section; a run that fails or is stopped still records what it measured
./mvnw -B -q $MVN_OFFLINE -pl scoring-service test -Dtest=ScoringBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Djacoco.skip=true -Dbench.out="$TABLE" -DargLine="$HEAP" || echo "benchmark stopped early; recording what it measured"
[ -f "$TABLE" ] || { echo "nothing was measured" >&2; exit 1; }
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
CPU=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo "?")
{
  echo "# Scoring benchmark"
  echo
  echo "Recorded by \`tools/bench/scoring/run.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ) at $(git rev-parse --short HEAD)."
  echo
  echo "- Machine: $(nproc) cores ($CPU), load average $LOAD_BEFORE before / $LOAD_AFTER after (other builds share the machine)"
  echo "- JVM: $(java -version 2>&1 | head -1), $HEAP; Smile 3.1.1"
  echo
  cat "$TABLE"
} > "$RESULTS.new"
mv "$RESULTS.new" "$RESULTS"
echo "recorded $RESULTS"
