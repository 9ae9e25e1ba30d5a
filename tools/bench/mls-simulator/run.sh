#!/usr/bin/env bash
# The MLS simulator benchmark: starts tools/mls-simulator in-process with 10,000 listings x 10 photos, pulls
# every listing over the RESO Web API and over RETS, fetches photos, and records times and heap figures in
# tools/bench/results/mls-simulator.md.
#
#   tools/bench/mls-simulator/run.sh
#   BENCH_LISTINGS=2000 BENCH_PHOTOS=5 BENCH_HEAP=-Xmx256m tools/bench/mls-simulator/run.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
LISTINGS=${BENCH_LISTINGS:-10000}
PHOTOS=${BENCH_PHOTOS:-10}
HEAP=${BENCH_HEAP:--Xmx512m}
TABLE="$ROOT/tools/mls-simulator/target/mls-simulator-bench.md"
RESULTS="$ROOT/tools/bench/results/mls-simulator.md"
MVN_REPO=${MVN_REPO:+-Dmaven.repo.local=$MVN_REPO}

cd "$ROOT"
mkdir -p "$(dirname "$TABLE")"
rm -f "$TABLE"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
# the class is named *Bench, so the normal test run never picks it up; -Dtest runs it explicitly
./mvnw -B -q $MVN_REPO -pl tools/mls-simulator test -Dtest=MlsSimulatorBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Djacoco.skip=true -Dbench.listings="$LISTINGS" -Dbench.photos="$PHOTOS" -Dbench.out="$TABLE" -DargLine="$HEAP"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

CPU=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo "?")
{
  echo "# MLS simulator benchmark"
  echo
  echo "Recorded by \`tools/bench/mls-simulator/run.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ) at $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
  echo
  echo "- Machine: $(nproc) cores ($CPU), $(free -g 2>/dev/null | awk '/Mem:/ {print $2 " GB RAM"}'), load average $LOAD_BEFORE before / $LOAD_AFTER after"
  echo "- JVM: $(java -version 2>&1 | head -1), test JVM heap option \`$HEAP\`; client and simulator in the same JVM (JDK HttpClient for RESO and media, Apache HttpClient 5 with Digest for RETS), one request at a time"
  echo
  cat "$TABLE"
  echo
  echo "*items*: listings (Property, Search), listings (Media queries) or photos (GetObject, media). Sequential requests, so"
  echo "the figures are latency-bound: they say how long a sync client waits on the simulator, not its peak throughput."
} > "$RESULTS"
echo "recorded $RESULTS"
