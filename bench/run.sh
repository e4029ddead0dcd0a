#!/usr/bin/env bash
# Side-by-side benchmark: `sim dev` (each mode in SIM_MODES) vs wrangler dev vs Miniflare's Node API.
#
# Usage: bench/run.sh [WORKLOAD...]            (default: hello; workloads live in bench/workloads/NAME/)
#
# For every target: cold start (spawn -> first HTTP 200, median of COLD_RUNS), then in a fresh process
# throughput (wrk warm-up + RUNS runs, medians of req/s, p50, p99), idle RSS after the warm-up and peak
# RSS during the runs (summed over the process tree). Prints a markdown table (sim as a ratio to each
# reference), writes it to bench/out/runs/<id>/results.md and appends JSON lines to bench/out/results.jsonl.
#
# Environment (defaults in brackets):
#   TARGETS [sim miniflare wrangler]   SIM_MODES [nojit jit]   BENCH_REF [../scratch/bench-ref]
#   THREADS [2] CONNS [16] DUR [10s] WARMUP_DUR [=DUR] RUNS [3] COLD_RUNS [5]
#   QUIET [1] QUIET_PCT [15] QUIET_MAX [120]   wait for < QUIET_PCT % machine CPU before each measurement
#   SIM_JAVA_HOME   JDK for every sim mode (default: the launcher's own choice)
#   SIM_JIT_JAVA_HOME   JDK for the jit mode (default: a JDK 25 found in JAVA_HOME or /usr/lib/jvm)
#   BENCH_SIM_BUILD_CHECK [0]  1 = let the launcher check for a rebuild on every timed start
#   BENCH_PORT [18000 + pid % 10000]  first port (each start takes the next free one); BENCH_OUT [bench/out]
#   BENCH_LOCK [1]  wait while another run.sh/soak.sh holds bench/out/.lock (runs would skew each other)
set -uo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in -h|--help) sed -n '2,/^set -uo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac

require_tools
install_traps
take_lock
TARGETS="${TARGETS:-sim miniflare wrangler}"
SIM_MODES="${SIM_MODES:-nojit jit}"
mkdir -p "$OUT_DIR/runs"
TMP_ROOT="$(mktemp -d "${TMPDIR:-/tmp}/workersim-bench.XXXXXX")"

pkg_version() { sed -nE 's/^[[:space:]]*"version":[[:space:]]*"([^"]+)".*/\1/p' "$1" 2>/dev/null | head -1; }

norm_js() { grep -vE '^[[:space:]]*//' "$1" | tr -d ' \t\n\r'; }

# bench_target KIND MODE LABEL
bench_target() {
  local kind=$1 mode=$2 label=$3 tdir="$RUN_DIR/$3" why port url rc i
  mkdir -p "$tdir"
  { echo "label=$label"; echo "kind=$kind"; echo "dir=$label"; echo "requested_mode=$mode"; } > "$tdir/meta.env"
  if ! why="$(target_check "$kind")"; then
    log "skipping $label: $why"; echo "$why" > "$tdir/skipped.txt"; return 0
  fi
  local envs=() note=""
  if [ "$kind" = sim ]; then
    [ -n "${SIM_JAVA_HOME:-}" ] && envs+=("JAVA_HOME=$SIM_JAVA_HOME")
    if [ "$mode" = jit ]; then
      local j
      if j="$(jdk25_home)"; then envs+=("JAVA_HOME=$j"); else note="no JDK 25 found for the jit mode; "; fi
    fi
  fi
  [ "$kind" = wrangler ] && make_wrangler_project
  if [ "$kind" = miniflare ] && [ "$(norm_js "$WL_MAIN")" != "$(norm_js "$BENCH_REF/workers/$MF_NAME.mjs")" ]; then
    note="${note}Miniflare serves $BENCH_REF/workers/$MF_NAME.mjs, which differs from $WL_MAIN; "
    log "warning: $label serves $BENCH_REF/workers/$MF_NAME.mjs, which differs from the workload's worker"
  fi

  # 1. first start, untimed: the launcher may build, the JVM writes its AppCDS archive, disk caches warm up
  next_port; port=$PORT; url="http://127.0.0.1:$port$PROBE_PATH"
  log "$label: first start (untimed$([ "$kind" = sim ] && echo "; may build"))"
  T0=$(now_ms); start_server "$kind" "$mode" "$port" "$tdir/server-first.log" "${envs[@]}"
  wait_200 "$SRV_PID" "$url" "$PRIME_TIMEOUT"; rc=$?
  if [ $rc != 0 ]; then
    why="first start failed: $(case $rc in 1) echo "the process exited";; 2) echo "no 200 within ${PRIME_TIMEOUT}s";; *) echo "port $port answered, but not from our server";; esac) (last HTTP status $LAST_CODE): $(sed 's/\x1b\[[0-9;]*m//g' "$tdir/server-first.log" | grep -v '^[[:space:]]*$' | tail -1 | cut -c1-200)"
    log "skipping $label: $why"; echo "$why" > "$tdir/skipped.txt"
    stop_server "$SRV_PID"; return 0
  fi
  echo "ms=$(( READY_MS - T0 ))" > "$tdir/prime.env"
  local body; body="$(curl -s --max-time 2 "${PROBE_ARGS[@]}" "$url" | head -c 60 | tr '\n' ' ')"
  local desc
  case $kind in
    sim)
      sim_facts "$SRV_PID" >> "$tdir/meta.env"
      local amode jdk java
      amode="$(sed -n 's/^mode=//p' "$tdir/meta.env")"; jdk="$(sed -n 's/^jdk=//p' "$tdir/meta.env")"
      java="$(sed -n 's/^java=//p' "$tdir/meta.env")"
      if [ "$mode" = jit ] && [ "$amode" != jit ]; then
        note="${note}jit was requested but the launcher ran the interpreter (JDK $jdk); "
        log "warning: $label: jit requested, but the launcher ran interpreted"
      fi
      desc="\`./sim dev $([ "$mode" = jit ] && echo --jit || echo --no-jit)\`, ran $([ "$amode" = jit ] && echo "GraalJS JIT" || echo "interpreter"), JDK $jdk ($java), repo $(sed -n 's/^git_rev=//p' "$RUN_DIR/run.env")"
      echo "version=$(sed -n 's/^git_rev=//p' "$RUN_DIR/run.env")" >> "$tdir/meta.env" ;;
    miniflare)
      local v; v="$(pkg_version "$BENCH_REF/node_modules/miniflare/package.json")"
      echo "mode=workerd" >> "$tdir/meta.env"; echo "version=miniflare $v" >> "$tdir/meta.env"
      desc="Miniflare $v Node API (\`node run-mf.mjs $MF_NAME\`, workerd $(pkg_version "$BENCH_REF/node_modules/workerd/package.json")), node $(node --version)" ;;
    wrangler)
      local v; v="$(pkg_version "$BENCH_REF/node_modules/wrangler/package.json")"
      echo "mode=workerd" >> "$tdir/meta.env"; echo "version=wrangler $v" >> "$tdir/meta.env"
      desc="\`wrangler dev\` $v (default settings, request logging on), node $(node --version)" ;;
  esac
  { echo "desc=$desc; first response: \"$body\""; echo "mode_note=${note%; }"; } >> "$tdir/meta.env"
  stop_server "$SRV_PID"
  sleep 1

  # timed starts must not rebuild: a source edit made during the benchmark would land inside a timed start
  [ "$kind" = sim ] && [ "${BENCH_SIM_BUILD_CHECK:-0}" != 1 ] && envs+=("SIM_NO_BUILD=1")

  # 2. cold start: spawn -> first 200, COLD_RUNS fresh processes
  : > "$tdir/cold.txt"; : > "$tdir/busy.env"
  for i in $(seq 1 "$COLD_RUNS"); do
    echo "cold$i=$(wait_quiet)" >> "$tdir/busy.env"
    next_port; port=$PORT; url="http://127.0.0.1:$port$PROBE_PATH"
    T0=$(now_ms); start_server "$kind" "$mode" "$port" "$tdir/server-cold$i.log" "${envs[@]}"
    wait_200 "$SRV_PID" "$url" "$START_TIMEOUT"; rc=$?
    local t=$(( $(now_ms) - T0 ))
    if [ $rc = 0 ]; then
      t=$(( READY_MS - T0 ))
      echo "$t" >> "$tdir/cold.txt"
      [ -n "$EXEC_JAVA_MS" ] && echo "$EXEC_JAVA_MS" >> "$tdir/exec_java_ms.txt"
      log "$label: cold start $i/$COLD_RUNS: $t ms"
    else
      echo "run $i failed (rc $rc, last HTTP $LAST_CODE after $t ms)" >> "$tdir/cold.txt"
      log "$label: cold start $i/$COLD_RUNS FAILED (rc $rc, last HTTP $LAST_CODE)"
    fi
    stop_server "$SRV_PID"
    sleep 0.5
  done

  # 3. throughput, idle and peak RSS, CPU per request: one fresh process
  next_port; port=$PORT; url="http://127.0.0.1:$port$PROBE_PATH"
  T0=$(now_ms); start_server "$kind" "$mode" "$port" "$tdir/server-load.log" "${envs[@]}"
  if ! wait_200 "$SRV_PID" "$url" "$START_TIMEOUT"; then
    log "$label: server for the load test did not come up (last HTTP $LAST_CODE)"
    echo "load test: server did not come up" >> "$tdir/cold.txt"
    stop_server "$SRV_PID"; return 0
  fi
  local pid=$SRV_PID
  warm_curl "$url"
  log "$label: warm-up wrk $WARMUP_DUR"
  echo "warmup=$(wait_quiet "$pid")" >> "$tdir/busy.env"
  run_wrk "$tdir/wrk.warmup.txt" "$url" "$WARMUP_DUR"
  sleep "$IDLE_WAIT"
  read -r tot by <<< "$("${BL[@]}" rss "$pid")"
  { echo "total_kib=$tot"; echo "by=$by"; } > "$tdir/idle.env"
  echo "before=$("${BL[@]}" cpu "$pid")" > "$tdir/cpu.env"
  for i in $(seq 1 "$RUNS"); do
    echo "run$i=$(wait_quiet "$pid")" >> "$tdir/busy.env"
    "${BL[@]}" sample "$pid" "$SAMPLE_INTERVAL" "$tdir/samples.txt" $$ & local sp=$!; HELPERS+=("$sp")
    run_wrk "$tdir/wrk.run$i.txt" "$url" "$DUR"
    stop_helper "$sp"
    log "$label: run $i/$RUNS: $(awk '/Requests\/sec/{print $2}' "$tdir/wrk.run$i.txt") req/s"
    sleep 1
  done
  echo "after=$("${BL[@]}" cpu "$pid")" >> "$tdir/cpu.env"
  "${BL[@]}" alive "$pid" || log "warning: $label exited during the load test"
  stop_server "$pid"
  trim_log "$tdir/server-load.log"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then log "warning: port $port still answers after stopping $label"; fi
  return 0
}

WORKLOADS=("$@"); [ ${#WORKLOADS[@]} = 0 ] && WORKLOADS=(hello)
for W in "${WORKLOADS[@]}"; do
  load_workload "$W"
  RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)-$W"
  RUN_DIR="$OUT_DIR/runs/$RUN_ID"
  mkdir -p "$RUN_DIR"
  {
    echo "run_id=$RUN_ID"; echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"; echo "workload=$W"; echo "repo=$REPO"
    machine_env
    echo "threads=$THREADS"; echo "conns=$CONNS"; echo "dur=$DUR"; echo "warmup_dur=$WARMUP_DUR"
    echo "runs=$RUNS"; echo "cold_runs=$COLD_RUNS"; echo "quiet_pct=$QUIET_PCT"
  } > "$RUN_DIR/run.env"
  log "workload $W -> $RUN_DIR"
  for T in $TARGETS; do
    case $T in
      sim)
        for M in $SIM_MODES; do
          case $M in
            jit) bench_target sim jit sim-jit ;;
            nojit|int) bench_target sim int sim-int ;;
            *) log "unknown SIM_MODES entry '$M' (use jit, nojit)" ;;
          esac
        done ;;
      miniflare) bench_target miniflare - miniflare ;;
      wrangler) bench_target wrangler - wrangler-dev ;;
      *) log "unknown TARGETS entry '$T' (use sim, miniflare, wrangler)" ;;
    esac
  done
  echo
  "${BL[@]}" report "$RUN_DIR" "$JSONL"
  echo
done
