#!/usr/bin/env bash
# Memory soak: SOAK_DUR seconds of sustained wrk load on one server, RSS (process tree) sampled every
# second, then AFTER seconds idle. Prints start / peak / end-of-load / after-idle RSS and the growth
# rate over the second half of the load (about 0 MiB/min = memory stays bounded).
#
# Usage: bench/soak.sh [WORKLOAD]              (default: hello)
#
# Environment (defaults in brackets):
#   SOAK_TARGETS [sim]   any of: sim miniflare wrangler     SIM_MODES [nojit]   (jit, nojit)
#   SOAK_DUR [60] seconds of load, as back-to-back wrk runs of SOAK_CHUNK [10] s (req/s per chunk
#   shows whether throughput degrades over time)   AFTER [10] idle seconds sampled after the load
#   THREADS [2] CONNS [16]   BENCH_REF, SIM_JAVA_HOME, SIM_JIT_JAVA_HOME, BENCH_PORT, BENCH_OUT as in run.sh
# Results: bench/out/runs/<id>-soak/<target>/{soak.tsv,samples.txt,wrk.chunk*.txt,server.log}, a JSON line in
# bench/out/results.jsonl, and a markdown table on stdout.
set -uo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac

require_tools
install_traps
take_lock
SOAK_TARGETS="${SOAK_TARGETS:-sim}"; SIM_MODES="${SIM_MODES:-nojit}"
SOAK_DUR="${SOAK_DUR:-60}"; SOAK_CHUNK="${SOAK_CHUNK:-10}"; AFTER="${AFTER:-10}"
TMP_ROOT="$(mktemp -d "${TMPDIR:-/tmp}/workersim-bench.XXXXXX")"
load_workload "${1:-hello}"
RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)-$WL_NAME-soak"
RUN_DIR="$OUT_DIR/runs/$RUN_ID"; mkdir -p "$RUN_DIR"

soak_target() { # KIND MODE LABEL
  local kind=$1 mode=$2 label=$3 sdir="$RUN_DIR/$3" why envs=()
  mkdir -p "$sdir"
  if ! why="$(target_check "$kind")"; then log "skipping $label: $why"; return 0; fi
  if [ "$kind" = sim ]; then
    [ -n "${SIM_JAVA_HOME:-}" ] && envs+=("JAVA_HOME=$SIM_JAVA_HOME")
    if [ "$mode" = jit ]; then local j; j="$(jdk25_home)" && envs+=("JAVA_HOME=$j"); fi
  fi
  [ "$kind" = wrangler ] && make_wrangler_project
  next_port; local url="http://127.0.0.1:$PORT$PROBE_PATH"
  log "$label: starting"
  T0=$(now_ms); start_server "$kind" "$mode" "$PORT" "$sdir/server.log" "${envs[@]}"
  if ! wait_200 "$SRV_PID" "$url" "$PRIME_TIMEOUT"; then
    log "skipping $label: no HTTP 200 (last $LAST_CODE): $(tail -1 "$sdir/server.log" | cut -c1-200)"
    stop_server "$SRV_PID"; return 0
  fi
  local pid=$SRV_PID jdk="" amode="$kind"
  if [ "$kind" = sim ]; then
    sim_facts "$pid" > "$sdir/facts.env"
    jdk="$(sed -n 's/^jdk=//p' "$sdir/facts.env")"; amode="$(sed -n 's/^mode=//p' "$sdir/facts.env")"
  fi
  {
    echo "run_id=$RUN_ID"; echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"; echo "workload=$WL_NAME"; echo "repo=$REPO"
    echo "label=$label"; echo "kind=$kind"; echo "mode=$amode"; echo "jdk=$jdk"; echo "dur=${SOAK_DUR}s"
    echo "after=$AFTER"; echo "threads=$THREADS"; echo "conns=$CONNS"
    machine_env
  } > "$sdir/meta.env"
  warm_curl "$url"; sleep 1
  echo "busy_before=$(wait_quiet "$pid")" >> "$sdir/meta.env"
  # RSS of the tree every second (fixed rate) from 1 s before the load until AFTER s after it
  "${BL[@]}" sample "$pid" 1 "$sdir/samples.txt" $$ & local sp=$!; HELPERS+=("$sp")
  sleep 1.2
  log "$label: ${SOAK_DUR}s of wrk -t$THREADS -c$CONNS in back-to-back ${SOAK_CHUNK}s runs, RSS every second"
  local args=(-t"$THREADS" -c"$CONNS" --latency); [ -n "$WRK_LUA" ] && args+=(-s "$WRK_LUA")
  local left=$SOAK_DUR n=0 d
  echo "load_start_ms=$(now_ms)" >> "$sdir/meta.env"
  while [ "$left" -gt 0 ]; do
    n=$((n + 1)); d=$(( left < SOAK_CHUNK ? left : SOAK_CHUNK )); left=$((left - d))
    wrk "${args[@]}" -d"${d}s" "$url" > "$sdir/wrk.chunk$n.txt" 2>&1 & local w=$!; HELPERS+=("$w")
    wait "$w"; _remove HELPERS "$w"
  done
  echo "load_end_ms=$(now_ms)" >> "$sdir/meta.env"
  sleep "$AFTER"
  stop_helper "$sp"
  "${BL[@]}" alive "$pid" || log "warning: $label exited during the soak"
  stop_server "$pid"
  trim_log "$sdir/server.log"
  echo
  "${BL[@]}" soak-report "$sdir" "$JSONL"
  echo
}

for T in $SOAK_TARGETS; do
  case $T in
    sim) for M in $SIM_MODES; do
           case $M in jit) soak_target sim jit sim-jit ;; nojit|int) soak_target sim int sim-int ;;
             *) log "unknown SIM_MODES entry '$M'" ;; esac
         done ;;
    miniflare) soak_target miniflare - miniflare ;;
    wrangler) soak_target wrangler - wrangler-dev ;;
    *) log "unknown SOAK_TARGETS entry '$T'" ;;
  esac
done
