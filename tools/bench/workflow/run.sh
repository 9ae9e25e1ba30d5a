#!/usr/bin/env bash
# The workflow benchmark (issue #13 item 9): workflow-service's WorkflowBench with the service's timer worker, real
# PostgreSQL, Kafka and the CDC relay: (1) durable steps/s at a rising offered rate until p99 due -> on Kafka passes
# 1 s, (2) lead.status-changed -> notification.requested p95 at 200 events/s, (3) 1,000,000 pending timers, 2,000/s
# of them falling due: lateness p50/p99 and database size per pending timer. Records
# tools/bench/results/workflow.md with the machine's load.
#
#   tools/bench/workflow/run.sh
#   BENCH_RATES=250,500,1000 BENCH_TIMERS=200000 BENCH_SLOTS=4 tools/bench/workflow/run.sh
#   BENCH_SECTIONS=status tools/bench/workflow/run.sh      (only some of steps,status,timers)
#
# Needs the CDC relay jar (./mvnw -pl platform/cdc-relay -am package -DskipTests). MAVEN_ARGS may add e.g. -o.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
RATES=${BENCH_RATES:-250,500,1000,1500,2000}
STAGE_SECONDS=${BENCH_STAGE_SECONDS:-10}
STATUS_RATE=${BENCH_STATUS_RATE:-200}
STATUS_SECONDS=${BENCH_STATUS_SECONDS:-20}
TIMERS=${BENCH_TIMERS:-1000000}
TIMER_RATE=${BENCH_TIMER_RATE:-2000}
TIMER_SECONDS=${BENCH_TIMER_SECONDS:-20}
SLOTS=${BENCH_SLOTS:-2}
STATUS_WARMUP=${BENCH_STATUS_WARMUP_SECONDS:-60}
SECTIONS=${BENCH_SECTIONS:-steps,status,timers}
TABLE="$ROOT/workflow-service/target/workflow-bench.md"
RESULTS="$ROOT/tools/bench/results/workflow.md"

cd "$ROOT"
rm -f "$TABLE"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
# named *Bench, so the normal test run never picks it up; -Dtest runs it explicitly (upstream modules from this reactor).
# The table is rewritten after each section: a run that fails or is stopped still records what it measured.
./mvnw -B -q ${MAVEN_ARGS:-} -pl workflow-service -am test -Dtest=WorkflowBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Djacoco.skip=true -Dbench.rates="$RATES" -Dbench.stage-seconds="$STAGE_SECONDS" -Dbench.status-rate="$STATUS_RATE" \
    -Dbench.status-seconds="$STATUS_SECONDS" -Dbench.status-warmup-seconds="$STATUS_WARMUP" -Dbench.timers="$TIMERS" -Dbench.timer-rate="$TIMER_RATE" \
    -Dbench.timer-seconds="$TIMER_SECONDS" -Dbench.sections="$SECTIONS" -Dcrm.workflow.worker.slots="$SLOTS" -Dbench.out="$TABLE" \
    || echo "benchmark stopped early; recording what it measured"
[ -f "$TABLE" ] || { echo "nothing was measured" >&2; exit 1; }
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

CPU=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || echo "?")
{
  echo "# Workflow benchmark"
  echo
  echo "Recorded by \`tools/bench/workflow/run.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ) at $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
  echo
  echo "- Machine: $(nproc) cores ($CPU), load average $LOAD_BEFORE before / $LOAD_AFTER after (\`uptime\`; other"
  echo "  builds share the machine)"
  echo "- In one test JVM: workflow-service (@QuarkusTest; timer worker with $SLOTS slots polling every 0.2 s), Kafka;"
  echo "  PostgreSQL (embedded) and the CDC relay as processes."
  echo "- Targets (issue #13): >= 1,000 durable steps/s with p99 <= 1 s; 1,000,000 pending timers falling due at"
  echo "  2,000/s with lateness p99 <= 250 ms; lead.status-changed -> notification.requested p95 <= 500 ms at 200/s."
  echo
  cat "$TABLE"
  echo
  echo "A step here: the timer worker claims a batch of due enrollments (FOR UPDATE SKIP LOCKED + one lease update,"
  echo "crm.workflow.worker.batch-size), runs their send steps (state changes, step history, notification.requested and"
  echo "workflow.enrollment-changed in the outbox, one transaction per batch) and releases them; the relay carries the outbox to Kafka. Enrollments and lead projections for"
  echo "sections 1 and 3 are written with SQL (the intake is not what they measure); section 2 goes through the intake."
} > "$RESULTS.new"
mv "$RESULTS.new" "$RESULTS"
echo "recorded $RESULTS"
