#!/usr/bin/env bash
# The property sync benchmark: the MLS simulator with 10,000 listings x 10 photos and no rate limit, a full sync of
# property-sync-service over the RESO Web API and over RETS (real clients, worker, PostgreSQL, outbox, relay), then
# photos copied into s3proxy; records time, records/s, photos/s and peak heap go to tools/bench/results/property-sync.md.
#
#   tools/bench/property-sync/run.sh
#   BENCH_LISTINGS=2000 BENCH_PHOTOS=5 BENCH_PHOTO_SECONDS=60 BENCH_PROTOCOLS=reso-web-api tools/bench/property-sync/run.sh
#
# Builds the platform modules and tools/mls-simulator from this worktree's reactor (-am; nothing is installed in the
# shared Maven repository); needs the CDC relay jar (./mvnw -pl platform/cdc-relay package). MAVEN_ARGS may add
# e.g. -o or -Dmaven.repo.local=...
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
LISTINGS=${BENCH_LISTINGS:-10000}
PHOTOS=${BENCH_PHOTOS:-10}
PHOTO_SECONDS=${BENCH_PHOTO_SECONDS:-120}
PROTOCOLS=${BENCH_PROTOCOLS:-reso-web-api,rets}
HEAP=${BENCH_HEAP:--Xmx1g}
TABLE="$ROOT/property-sync-service/target/property-sync-bench.md"
RESULTS="$ROOT/tools/bench/results/property-sync.md"

cd "$ROOT"
rm -f "$TABLE"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
# TCP_NODELAY for the JDK HTTP servers of the test JVM: the testkit's JWKS server loads the JDK server's settings
# before the simulator can set it, and without it every photo the simulator serves waited ~40 ms for a delayed ACK
# (Nagle: headers and body are two writes), which capped the photo copies the benchmark measures
JVM_PROPS="-Dsun.net.httpserver.nodelay=true"
# named *Bench, so the normal test run never picks it up; -Dtest runs it explicitly
./mvnw -B ${MAVEN_ARGS:-} -pl property-sync-service -am test -Dtest=PropertySyncBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Djacoco.skip=true -Dbench.listings="$LISTINGS" -Dbench.photos="$PHOTOS" -Dbench.photo-seconds="$PHOTO_SECONDS" \
    -Dbench.protocols="$PROTOCOLS" -Dbench.out="$TABLE" -DargLine="$HEAP $JVM_PROPS"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

CPU=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo "?")
{
  echo "# Property sync benchmark"
  echo
  echo "Recorded by \`tools/bench/property-sync/run.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ) at $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
  echo
  echo "- Machine: $(nproc) cores ($CPU), $(free -g 2>/dev/null | awk '/Mem:/ {print $2 " GB RAM"}'), load average $LOAD_BEFORE before / $LOAD_AFTER after"
  echo "- JVM: $(java -version 2>&1 | head -1), test JVM heap option \`$HEAP\`; in that one JVM: the service, the MLS simulator"
  echo "  (photos from a pool of pre-rendered JPEGs, Location=1 answered without photo bytes), Kafka and s3proxy;"
  echo "  PostgreSQL (embedded) and the CDC relay as processes"
  echo "- Service as configured for production: batches of 200 listings, 4 photo workers; simulator without rate limit;"
  echo "  provider budgets set far above what the machine can do"
  echo
  cat "$TABLE"
  echo
  echo "*records phase*: the full run from start to finish (listing pages, normalisation, change detection, storing,"
  echo "events into the outbox, RESO's media with the records by \`\$expand=Media\`; the key reconciliation included), as the"
  echo "run records it. *media listed*: when the photo queue had listed the media the records lacked (RETS: one GetObject"
  echo "Location=1 per 100 listings, after the records phase), counted from its end. *photos/s*: copies landed in S3 (download,"
  echo "sha-256, upload unless the same bytes are stored) per second in the window after the records phase, with"
  echo "$PHOTO_SECONDS s at most. *peak heap used*: sampled every 100 ms, garbage included, for the whole test JVM."
  echo
  echo "Where each records phase went, as the service logs it (SyncEngine, PhaseTimes; wall-clock time on the sync"
  echo "worker thread; the batch transactions by statement group):"
  echo
  grep -ho 'records phase (.*' "$ROOT/property-sync-service/target/surefire-reports/"*PropertySyncBench-output.txt 2>/dev/null \
      | sed 's/^records phase (\([^)]*\)): /- \1: /' || echo "- (no phase log found)"
} > "$RESULTS"
echo "recorded $RESULTS"
