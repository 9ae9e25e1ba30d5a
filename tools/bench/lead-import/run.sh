#!/usr/bin/env bash
# The lead import benchmark: generates CSV files (default 10,000 and 100,000 rows), imports each through
# POST /api/v1/lead-imports into lead-service on the testkit's embedded PostgreSQL, Kafka and CDC relay, and records
# rows per second and heap figures in tools/bench/results/lead-import.md.
#
#   tools/bench/lead-import/run.sh                 # 10,000 and 100,000 rows, -Xmx1g
#   BENCH_ROWS=5000 BENCH_HEAP=-Xmx512m tools/bench/lead-import/run.sh
#
# Needs the platform modules installed in ~/.m2 and the CDC relay jar (./mvnw -pl platform/cdc-relay package).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
ROWS=${BENCH_ROWS:-10000,100000}
HEAP=${BENCH_HEAP:--Xmx1g}
TABLE="$ROOT/lead-service/target/lead-import-bench.md"
RESULTS="$ROOT/tools/bench/results/lead-import.md"
MVN_OFFLINE=${MVN_OFFLINE:--o}

cd "$ROOT"
rm -f "$TABLE"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
# the class is named *Bench, so the normal test run never picks it up; -Dtest runs it explicitly
./mvnw -B $MVN_OFFLINE -pl lead-service test -Dtest=LeadImportBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Djacoco.skip=true -Dbench.rows="$ROWS" -Dbench.out="$TABLE" -DargLine="$HEAP"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

CPU=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo "?")
{
  echo "# Lead import benchmark"
  echo
  echo "Recorded by \`tools/bench/lead-import/run.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ) at $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
  echo
  echo "- Machine: $(nproc) cores ($CPU), $(free -g 2>/dev/null | awk '/Mem:/ {print $2 " GB RAM"}'), load average $LOAD_BEFORE before / $LOAD_AFTER after"
  echo "- JVM: $(java -version 2>&1 | head -1), test JVM heap option \`$HEAP\`; PostgreSQL (embedded), Kafka (in the test JVM) and the CDC relay of platform/testkit"
  echo "- lead-service as configured for production: batches of 500 rows, 1 MiB file chunks, one worker"
  echo "- Each file: 5% of rows repeat an earlier contact (merged), 1% carry an invalid phone (reported), half have a phone"
  echo
  cat "$TABLE"
  echo
  echo "*upload*: the multipart POST until 202 (the file streamed to disk, then into the database in chunks)."
  echo "*import*: the worker's time from start to finish (counting pass included); *rows/s* = rows processed / import time."
  echo "*peak heap used*: the most heap in use, sampled every 100 ms, garbage included (the test JVM also hosts the"
  echo "Kafka broker and the test harness). *live heap after GC*: what survives a full collection at each quarter of the"
  echo "import; it does not grow with the number of rows: the file is streamed, batches are bounded, the session is"
  echo "emptied after each row."
  echo "*outbox backlog max*: the most outbox rows the CDC relay had not yet passed (chassis gauge"
  echo "\`crm_outbox_backlog_rows\`, sampled by the service every second and read from /q/metrics every second during the"
  echo "import and for 30 s after it, with the backlog left then in brackets); *oldest unrelayed max*: the largest age of the oldest such row"
  echo "(\`crm_outbox_oldest_unrelayed_age_seconds\`); *relay lag max*: the most WAL the relay's replication slot was behind"
  echo "(\`crm_outbox_relay_lag_bytes\`). The slot's confirmed position moves when Debezium flushes its offsets, so these"
  echo "figures include that flush interval, and rows committed after the last event the relay confirmed stay counted until"
  echo "the next event (no Debezium heartbeat is configured yet)."
} > "$RESULTS"
echo "recorded $RESULTS"
