#!/usr/bin/env bash
# Cold start and footprint of the local stack (issue #16): time from `tools/local-stack/run` to the banner, then,
# after an idle period, the resident memory of every process of the stack; then stops it.
#
#   tools/bench/local-stack/measure.sh [--idle SECONDS] [--keep] [-- extra args for tools/local-stack/run]
#
# --keep leaves the stack running after the reading (stop it with `tools/local-stack/run stop`).
#
# Prints one Markdown block: the wall-clock time to the banner, `uptime` at the start, at the banner and at the
# memory reading, and per part the pid, RSS and PSS (MiB) of the process and its descendants (PostgreSQL's
# backends count under "postgres"). RSS counts shared pages once per process (PostgreSQL's shared buffers in
# every backend); PSS shares them out, so the PSS total is the stack's real footprint. The run's output is kept
# in .local-stack/logs/bench-run.out. Needs a stack that is not running (it starts one).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
idle=60
keep=0
run_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --idle) idle="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --) shift; run_args=("$@"); break ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

mkdir -p "$ROOT/.local-stack/logs"
out="$ROOT/.local-stack/logs/bench-run.out"
: > "$out"
load_start="$(uptime)"
t0=$(date +%s.%N)
"$ROOT/tools/local-stack/run" "${run_args[@]}" > "$out" 2>&1 &
runner=$!
cleanup() { "$ROOT/tools/local-stack/run" stop --no-build >/dev/null 2>&1 || true; wait "$runner" 2>/dev/null || true; }
trap cleanup EXIT
keep_running() { trap - EXIT; disown "$runner" 2>/dev/null || true; }

until grep -q "Keystone CRM local stack is up" "$out"; do
  if ! kill -0 "$runner" 2>/dev/null; then echo "the stack exited before its banner:"; tail -40 "$out"; exit 1; fi
  sleep 0.2
done
t1=$(date +%s.%N)
load_banner="$(uptime)"
sleep "$idle"
load_idle="$(uptime)"

# kB of RSS and PSS of a pid and its descendants
tree() { local p=$1; echo "$p"; for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do tree "$c"; done; }
mem() {
  local rss=0 pss=0 p r s pids
  # the supervisor is the parent of every part (each in its own session): count it alone
  if [ "$2" = supervisor ]; then pids=$1; else pids=$(tree "$1"); fi
  for p in $pids; do
    r=$(awk '/^VmRSS:/{print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
    s=$(awk '/^Pss:/{print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    rss=$((rss + ${r:-0})); pss=$((pss + ${s:-0}))
  done
  echo "$rss $pss"
}

printf '### %s\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
printf -- '- `tools/local-stack/run %s` to the banner: **%.1f s** (the banner itself says: %s)\n' "${run_args[*]:-}" \
  "$(echo "$t1 - $t0" | bc)" "$(grep -o 'local stack is up ([0-9.]* s)' "$out" | head -1)"
printf -- '- load at the start: `%s`\n- load at the banner: `%s`\n- load at the memory reading (%s s idle): `%s`\n\n' \
  "${load_start##*load average: }" "${load_banner##*load average: }" "$idle" "${load_idle##*load average: }"
printf '| part | pid | RSS MiB | PSS MiB |\n|---|---:|---:|---:|\n'
total_rss=0; total_pss=0
for f in "$ROOT"/.local-stack/pids/*.pid; do
  name=$(basename "$f" .pid)
  pid=$(sed -n 's/^pid=//p' "$f")
  [ -n "$pid" ] && [ -d "/proc/$pid" ] || continue
  read -r rss pss < <(mem "$pid" "$name")
  total_rss=$((total_rss + rss)); total_pss=$((total_pss + pss))
  printf '| %s | %s | %d | %d |\n' "$name" "$pid" $((rss / 1024)) $((pss / 1024))
done
printf '| **total** | | **%d** | **%d** |\n\n' $((total_rss / 1024)) $((total_pss / 1024))
if [ "$keep" = 1 ]; then keep_running; fi
