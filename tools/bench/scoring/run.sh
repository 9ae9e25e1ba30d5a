#!/usr/bin/env bash
# The scoring benchmark: the full bank-marketing file (../shared/data/bank-marketing, beside the repository) through
# the training pipeline with default settings (time-ordered and, for comparison, shuffled holdout), training time and
# peak heap on 100,000 rows, and the in-process latency of one prediction. Records tools/bench/results/scoring.md.
#
#   tools/bench/scoring/run.sh                  # -Xmx2g
#   BENCH_HEAP=-Xmx1g tools/bench/scoring/run.sh
#   BENCH_OPTS="-Dbench.shuffled=false -Dbench.all-latencies=false" tools/bench/scoring/run.sh   # a busy machine
#   BENCH_TESTS=ScoringBench,ScoreApiBench tools/bench/scoring/run.sh   # without the AUC experiments
#
# It also runs BankMarketingExperimentsBench (what honest changes do to the time-ordered holdout AUC) and
# ScoreApiBench (GET /api/v1/scores/{id} at 100 requests/s through the api-gateway's packaged jar, and straight to
# the service for the split of the time; BENCH_OPTS="-Dbench.rate=..").
#
# Builds scoring-service and the platform modules it needs from this reactor (-am; nothing is installed).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
HEAP=${BENCH_HEAP:--Xmx2g}
TABLE="$ROOT/scoring-service/target/scoring-bench.md"
EXPERIMENTS="$ROOT/scoring-service/target/scoring-experiments.md"
API="$ROOT/scoring-service/target/scoring-api-bench.md"
OPTS=${BENCH_OPTS:-}
TESTS=${BENCH_TESTS:-ScoringBench,BankMarketingExperimentsBench,ScoreApiBench}
RESULTS="$ROOT/tools/bench/results/scoring.md"
MVN_OFFLINE=${MVN_OFFLINE:--o}

cd "$ROOT"
rm -f "$TABLE" "$EXPERIMENTS" "$API"
# ScoreApiBench starts the service on the testkit's PostgreSQL, Kafka and CDC relay (the relay's jar is needed)
[ -f platform/cdc-relay/target/cdc-relay.jar ] || ./mvnw -B -q $MVN_OFFLINE -pl platform/cdc-relay -am package -DskipTests
# ... and boots the gateway's packaged jar in front of it (rebuild it after changing the gateway: BENCH_REPACKAGE=1)
if [ -n "${BENCH_REPACKAGE:-}" ] || [ ! -f api-gateway/target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -B -q $MVN_OFFLINE -pl api-gateway -am package -DskipTests -Djacoco.skip=true
fi
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
# the table is written section by section; a run that fails or is stopped still records what it measured
./mvnw -B -q $MVN_OFFLINE -pl scoring-service -am test -Dtest="$TESTS" \
    -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true -Dbench.out="$TABLE" -DargLine="$HEAP $OPTS \
    -Dbench.experiments.out=$EXPERIMENTS -Dbench.api.out=$API" || echo "benchmark stopped early; recording what it measured"
[ -f "$TABLE" ] || [ -f "$EXPERIMENTS" ] || [ -f "$API" ] || { echo "nothing was measured" >&2; exit 1; }
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
CPU=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo "?")
{
  echo "# Scoring benchmark"
  echo
  echo "Recorded by \`tools/bench/scoring/run.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ) at $(git rev-parse --short HEAD)."
  echo
  echo "- Machine: $(nproc) cores ($CPU), load average $LOAD_BEFORE before / $LOAD_AFTER after (other builds share the machine)"
  echo "- JVM: $(java -version 2>&1 | head -1), $HEAP $OPTS; Smile 3.1.1"
  echo
  if [ -f "$TABLE" ]; then cat "$TABLE"; fi
  if [ -f "$EXPERIMENTS" ]; then echo; cat "$EXPERIMENTS"; fi
  if [ -f "$API" ]; then cat "$API"; fi
} > "$RESULTS.new"
mv "$RESULTS.new" "$RESULTS"
echo "recorded $RESULTS"
