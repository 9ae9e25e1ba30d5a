#!/usr/bin/env bash
# The gateway breaker load test (issue #17): one user's bad requests (answers caused by the request: 500 from a
# stand-in upstream, 400 from the real lead-service) at a constant rate while another user works against the same
# service through the gateway; alice's statuses and latency alone and under attack. Records
# tools/bench/results/gateway-breaker.md.
#
#   tools/bench/gateway-breaker/run.sh                      # 50 requests/s per user, 20 s per scenario
#   BENCH_RATE=100 BENCH_SECONDS=30 tools/bench/gateway-breaker/run.sh
#
# Builds what it needs from this checkout (the gateway's upstream modules and the services' packaged jars; nothing is
# installed into ~/.m2) and needs the CDC relay jar (./mvnw -pl platform/cdc-relay package).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
RATE=${BENCH_RATE:-50}
SECONDS_PER_RUN=${BENCH_SECONDS:-20}
TABLE="$ROOT/api-gateway/target/gateway-breaker-bench.md"
RESULTS="$ROOT/tools/bench/results/gateway-breaker.md"

cd "$ROOT"
rm -f "$TABLE"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
./mvnw -B -q ${MAVEN_ARGS:-} -pl api-gateway -am verify -Dtest=BreakerBench -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Djacoco.haltOnFailure=false \
    -Djacoco.skip=true -Dbench.rate="$RATE" -Dbench.seconds="$SECONDS_PER_RUN" -Dbench.out="$TABLE"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

CPU=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo "?")
{
  echo "# gateway breaker under one misbehaving user"
  echo
  echo "Recorded by \`tools/bench/gateway-breaker/run.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ) at $(git rev-parse --short HEAD)."
  echo
  echo "- Machine: $(nproc) cores ($CPU), $(free -g | awk '/Mem:/{print $2}') GB RAM, load average $LOAD_BEFORE before / $LOAD_AFTER after"
  echo "- $RATE requests/s per user, $SECONDS_PER_RUN s per scenario, constant arrival rate (latency from each request's planned start)"
  echo "- Breaker as in production: 5 failures open it for 10 s; only connection failures, timeouts and 502/503/504 count"
  echo
  cat "$TABLE"
  echo
  echo "Before issue #17's fix every upstream 500 counted: five of mallory's requests opened the breaker and alice got"
  echo "503 for 10 s at a time. Alice's latency under attack includes the machine's extra load from mallory's requests."
} > "$RESULTS"
cat "$RESULTS"
