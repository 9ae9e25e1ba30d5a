#!/usr/bin/env bash
# The api-gateway benchmark: login latency and the latency the proxy adds, at a constant arrival rate, against a
# real HTTP upstream, on the testkit's embedded PostgreSQL, Kafka and CDC relay. Records the table in
# tools/bench/results/api-gateway.md.
#
#   tools/bench/api-gateway/run.sh                          # 200 requests/s for 20 s per path, 40 logins
#   BENCH_RATE=500 BENCH_SECONDS=30 tools/bench/api-gateway/run.sh
#   MAVEN_REPO=/path/to/repo tools/bench/api-gateway/run.sh # a Maven repository other than ~/.m2
#
# Needs the platform modules installed and the CDC relay jar (./mvnw -pl platform/cdc-relay package).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
RATE=${BENCH_RATE:-200}
SECONDS_PER_PATH=${BENCH_SECONDS:-20}
LOGINS=${BENCH_LOGINS:-40}
TABLE="$ROOT/api-gateway/target/api-gateway-bench.md"
RESULTS="$ROOT/tools/bench/results/api-gateway.md"
REPO_OPT=${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO}

cd "$ROOT"
rm -f "$TABLE"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
./mvnw -B -q $REPO_OPT -pl api-gateway test -Dtest=GatewayBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Djacoco.skip=true -Dbench.rate="$RATE" -Dbench.seconds="$SECONDS_PER_PATH" -Dbench.logins="$LOGINS" -Dbench.out="$TABLE"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

CPU=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo "?")
{
  echo "# api-gateway benchmark"
  echo
  echo "Recorded by \`tools/bench/api-gateway/run.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ) at $(git rev-parse --short HEAD)."
  echo
  echo "- Machine: $(nproc) cores ($CPU), $(free -g | awk '/Mem:/{print $2}') GB RAM, load average $LOAD_BEFORE before / $LOAD_AFTER after"
  echo "- JVM: $(java -version 2>&1 | head -1); the gateway, PostgreSQL (embedded), Kafka and the upstream (a Vert.x HTTP server) share the machine"
  echo "- Constant arrival rate: latency counts from each request's planned start (no coordinated omission)"
  echo
  cat "$TABLE"
  echo
  echo "The proxy's cost is the difference between the two GET rows: verifying the RS256 token and the revocation"
  echo "list, two token buckets, the breaker, and a second HTTP hop (a pooled keep-alive connection)."
} > "$RESULTS"
cat "$RESULTS"
