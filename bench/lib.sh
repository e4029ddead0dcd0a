# shellcheck shell=bash
# Shared by bench/run.sh and bench/soak.sh: configuration, server start/stop, probes, wrk.
# Every server is started in its own session (setsid) so that its whole process tree can be
# killed by process group, and every pid we start is killed again on exit, Ctrl-C or TERM.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
BL=(python3 "$BENCH_DIR/benchlib.py")

BENCH_REF="${BENCH_REF:-$(cd "$REPO/.." && pwd)/scratch/bench-ref}" # beside the checkout, outside the repo
THREADS="${THREADS:-2}"; CONNS="${CONNS:-16}"; DUR="${DUR:-10s}"; WARMUP_DUR="${WARMUP_DUR:-$DUR}"
RUNS="${RUNS:-3}"; COLD_RUNS="${COLD_RUNS:-5}"
IDLE_WAIT="${IDLE_WAIT:-2}"                 # seconds between warm-up and the idle RSS reading
START_TIMEOUT="${START_TIMEOUT:-120}"       # seconds a server may take to answer 200
PRIME_TIMEOUT="${PRIME_TIMEOUT:-900}"       # first sim start: may include the Maven build
SAMPLE_INTERVAL="${SAMPLE_INTERVAL:-0.25}"  # RSS sampling period under load (s)
QUIET="${QUIET:-1}"; QUIET_PCT="${QUIET_PCT:-15}"; QUIET_MAX="${QUIET_MAX:-120}"
PORT_NEXT="${BENCH_PORT:-$((18000 + $$ % 10000))}"   # per-invocation base: concurrent runs rarely collide
OUT_DIR="${BENCH_OUT:-$BENCH_DIR/out}"
JSONL="$OUT_DIR/results.jsonl"
export WRANGLER_SEND_METRICS=false

SERVERS=()   # session leaders of the servers we started
HELPERS=()   # samplers and wrk processes
TMP_ROOT=""

log() { echo "[bench] $*" >&2; }
now_ms() { date +%s%3N; }

# ------------------------------------------------------------------ cleanup
_remove() { # _remove ARRAY_NAME PID
  local -n arr=$1; local out=() p
  for p in "${arr[@]}"; do [ "$p" = "$2" ] || out+=("$p"); done
  arr=("${out[@]}")
}

# kill_tree PID: TERM the process group and every descendant, then KILL whatever is left after 5 s
kill_tree() {
  local root=$1 pids i
  pids="$("${BL[@]}" pids "$root")"
  kill -TERM -- "-$root" 2>/dev/null
  # shellcheck disable=SC2086
  [ -n "$pids" ] && kill -TERM $pids 2>/dev/null
  for i in $(seq 1 50); do
    # shellcheck disable=SC2086
    "${BL[@]}" alive $root $pids || break
    sleep 0.1
  done
  pids="$pids $("${BL[@]}" pids "$root")"
  # shellcheck disable=SC2086
  if "${BL[@]}" alive $root $pids; then
    log "pid $root did not stop on TERM within 5 s: KILL"
    kill -KILL -- "-$root" 2>/dev/null
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null
  fi
  wait "$root" 2>/dev/null
  return 0
}

stop_server() { # stop_server PID
  [ -n "${1:-}" ] || return 0
  kill_tree "$1"
  _remove SERVERS "$1"
}

stop_helper() {
  [ -n "${1:-}" ] || return 0
  kill -TERM "$1" 2>/dev/null; wait "$1" 2>/dev/null
  _remove HELPERS "$1"
}

_CLEANED=0
cleanup() {
  [ "$_CLEANED" = 1 ] && return; _CLEANED=1
  local p
  for p in "${HELPERS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${SERVERS[@]}"; do log "stopping server pid $p"; kill_tree "$p"; done
  for p in "${HELPERS[@]}"; do kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  [ -n "$TMP_ROOT" ] && rm -rf "$TMP_ROOT"
}
on_signal() { log "interrupted ($1): stopping everything I started"; cleanup; exit "$2"; }
install_traps() {
  trap cleanup EXIT
  trap 'on_signal INT 130' INT
  trap 'on_signal TERM 143' TERM
  trap 'on_signal HUP 129' HUP
}

# ------------------------------------------------------------------ checks and machine facts
require_tools() {
  if ! command -v wrk >/dev/null 2>&1; then
    echo "bench: wrk is not installed. Install it with: sudo apt-get install -y wrk   (Debian/Ubuntu; macOS: brew install wrk)" >&2
    exit 2
  fi
  local t
  for t in curl python3 setsid; do
    command -v "$t" >/dev/null 2>&1 || { echo "bench: '$t' is required but not installed" >&2; exit 2; }
  done
}

machine_env() { # key=value lines describing the machine and the repo
  echo "nproc=$(nproc)"
  echo "mem_total_mib=$(free -m | awk '/^Mem:/{print $2}')"
  echo "cpu_model=$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)"
  echo "kernel=$(uname -r)"
  local rev
  rev="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "no-commit")"
  [ -n "$(git -C "$REPO" status --porcelain 2>/dev/null | head -1)" ] && rev="$rev+dirty"
  echo "git_rev=$rev"
  echo "wrk=$(wrk --version 2>&1 | head -1 | awk '{print $2}')"
  echo "node=$(node --version 2>/dev/null || echo none)"
}

# wait_quiet [PID]: wait (max QUIET_MAX s) until the machine is below QUIET_PCT % CPU, not counting
# PID's process tree (the server under test); echoes the last busy % ("BUSY:n" when it never got
# quiet) so that skewed runs are visible in the results.
wait_quiet() {
  local b i
  if [ "$QUIET" != 1 ]; then "${BL[@]}" busy "$@"; return; fi
  for i in $(seq 1 "$QUIET_MAX"); do
    b="$("${BL[@]}" busy "$@")"
    [ "$b" -lt "$QUIET_PCT" ] && { echo "$b"; return; }
  done
  echo "BUSY:$b"
}

next_port() { # sets PORT to a fresh port (each start gets its own; skips ports where something listens)
  PORT=$PORT_NEXT
  while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
  PORT_NEXT=$((PORT + 1))
}

# take_lock: one benchmark at a time on this machine (two runs would skew each other's numbers).
# BENCH_LOCK=0 disables; the lock is released when the script exits.
take_lock() {
  [ "${BENCH_LOCK:-1}" = 1 ] || return 0
  command -v flock >/dev/null 2>&1 || return 0
  mkdir -p "$OUT_DIR"
  exec 9> "$OUT_DIR/.lock"
  if ! flock -n 9; then
    log "another bench/run.sh or bench/soak.sh is running on this machine: waiting for it to finish (BENCH_LOCK=0 to skip)"
    flock 9
  fi
}

# ------------------------------------------------------------------ workloads
load_workload() { # load_workload NAME -> WL_* variables
  WL_NAME=$1
  WL_DIR="$BENCH_DIR/workloads/$WL_NAME"
  [ -d "$WL_DIR" ] || { echo "bench: no workload '$WL_NAME' (expected $WL_DIR)" >&2; exit 2; }
  # per-workload overrides (optional): MF_NAME, WRK_LUA, PROBE_ARGS (array), PROBE_PATH, NO_WRANGLER,
  # and SAME_AS=OTHER: run OTHER's config and worker under this workload's load (e.g. d1-insert
  # is d1's worker driven by POSTs), instead of a copy of them.
  MF_NAME="$WL_NAME"; WRK_LUA=""; PROBE_ARGS=(); PROBE_PATH="/"; NO_WRANGLER=0; SAME_AS=""
  # shellcheck disable=SC1091
  [ -f "$WL_DIR/bench.env" ] && . "$WL_DIR/bench.env"
  [ -n "$WRK_LUA" ] && WRK_LUA="$(cd "$WL_DIR" && realpath -m "$WRK_LUA")"
  local src="$WL_DIR"
  [ -n "$SAME_AS" ] && src="$BENCH_DIR/workloads/$SAME_AS"
  WL_TOML="$src/wrangler.toml"
  [ -f "$WL_TOML" ] || { echo "bench: workload '$WL_NAME' has no config (expected $WL_TOML)" >&2; exit 2; }
  local main
  main="$(sed -nE 's/^[[:space:]]*main[[:space:]]*=[[:space:]]*"([^"]+)".*/\1/p' "$WL_TOML" | head -1)"
  [ -n "$main" ] || { echo "bench: $WL_TOML has no main = \"...\"" >&2; exit 2; }
  WL_MAIN="$(cd "$src" && realpath -m "$main")"
  return 0
}

# ------------------------------------------------------------------ targets
# target_check KIND [MODE] -> 0 when it can run, else prints the reason
target_check() {
  case $1 in
    sim) [ -x "$REPO/sim" ] || { echo "$REPO/sim does not exist yet"; return 1; } ;;
    miniflare)
      [ -f "$BENCH_REF/run-mf.mjs" ] && [ -d "$BENCH_REF/node_modules/miniflare" ] ||
        { echo "no Miniflare install at BENCH_REF=$BENCH_REF (see bench/README.md)"; return 1; }
      command -v node >/dev/null || { echo "node is not installed"; return 1; }
      [ -f "$BENCH_REF/workers/$MF_NAME.mjs" ] || { echo "run-mf.mjs has no workload '$MF_NAME'"; return 1; } ;;
    wrangler)
      [ "$NO_WRANGLER" = 1 ] && { echo "NO_WRANGLER=1 in the workload's bench.env"; return 1; }
      [ -x "$BENCH_REF/node_modules/.bin/wrangler" ] ||
        { echo "no wrangler install at BENCH_REF=$BENCH_REF (see bench/README.md)"; return 1; }
      command -v node >/dev/null || { echo "node is not installed"; return 1; } ;;
  esac
  return 0
}

jdk25_home() { # a JDK 25 for the JIT mode: SIM_JIT_JAVA_HOME, else JAVA_HOME if it is 25, else /usr/lib/jvm/*
  local c v
  for c in ${SIM_JIT_JAVA_HOME:+"$SIM_JIT_JAVA_HOME"} ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/* /opt/java/*; do
    [ -x "$c/bin/java" ] || continue
    v="$("$c/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2; exit}')"
    [ "$v" = 25 ] && { echo "$c"; return 0; }
  done
  return 1
}

# start_server KIND MODE PORT LOG [sim-env...] -> SRV_PID (session leader = process group id)
start_server() {
  local kind=$1 mode=$2 port=$3 logf=$4; shift 4
  local persist; persist="$(mktemp -d "$TMP_ROOT/persist.XXXXXX")"
  case $kind in
    sim)
      local flag=--no-jit; [ "$mode" = jit ] && flag=--jit
      ( cd "$REPO" && exec env "$@" setsid "$REPO/sim" dev -c "$WL_TOML" --ip 127.0.0.1 --port "$port" \
          --persist-to "$persist" $flag ) > "$logf" 2>&1 < /dev/null 9>&- &
      ;;
    miniflare)
      ( cd "$BENCH_REF" && exec setsid node run-mf.mjs "$MF_NAME" "$port" "$persist" ) > "$logf" 2>&1 < /dev/null 9>&- &
      ;;
    wrangler)
      ( cd "$WR_PROJECT" && exec setsid "$BENCH_REF/node_modules/.bin/wrangler" dev --ip 127.0.0.1 --port "$port" \
          --persist-to "$persist" --show-interactive-dev-session=false ) > "$logf" 2>&1 < /dev/null 9>&- &
      ;;
  esac
  SRV_PID=$!
  SERVERS+=("$SRV_PID")
}

# a throw-away wrangler project whose wrangler.toml points at the workload's worker (absolute path)
make_wrangler_project() {
  WR_PROJECT="$(mktemp -d "$TMP_ROOT/wrangler.XXXXXX")"
  sed -E "s|^([[:space:]]*main[[:space:]]*=[[:space:]]*)\"[^\"]+\"|\1\"$WL_MAIN\"|" "$WL_TOML" > "$WR_PROJECT/wrangler.toml"
}

probe() { # probe URL -> HTTP status code (000 when nothing answers)
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 "${PROBE_ARGS[@]}" "$1" 2>/dev/null || true
}

# wait_200 PID URL TIMEOUT -> 0 on HTTP 200, 1 when the process died, 2 on timeout, 3 when the 200
# came from a process that is not ours (the port was taken by someone else).
# Sets READY_MS (when the 200 arrived), EXEC_JAVA_MS (ms from T0 until the launcher exec'd java;
# sim only) and LAST_CODE.
wait_200() {
  local pid=$1 url=$2 timeout=$3 deadline code
  deadline=$(( $(now_ms) + timeout * 1000 )); EXEC_JAVA_MS=""; LAST_CODE=000
  while :; do
    if [ -z "$EXEC_JAVA_MS" ] && [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == */java ]]; then
      EXEC_JAVA_MS=$(( $(now_ms) - T0 ))
    fi
    code="$(probe "$url")"; LAST_CODE=$code
    if [ "$code" = 200 ]; then
      READY_MS=$(now_ms)
      local port=${url#http://127.0.0.1:}; port=${port%%/*}
      "${BL[@]}" owns-port "$pid" "$port" && return 0
      LAST_CODE="200 from a process that is not ours"; return 3
    fi
    "${BL[@]}" alive "$pid" || return 1
    [ "$(now_ms)" -gt "$deadline" ] && return 2
    sleep 0.02
  done
}

# sim_facts PID -> key=value lines: the JDK and the mode the launcher really used
sim_facts() {
  local pid=$1 java cmd full
  java="$(readlink "/proc/$pid/exe" 2>/dev/null)"
  cmd="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)"
  full="$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/{print $2; exit}')"
  echo "java=$java"
  echo "jdk=$full"
  if [[ "$cmd" == *EnableJVMCI* ]]; then echo "mode=jit"; else echo "mode=int"; fi
  echo "java_cmdline=$cmd"
}

# run_wrk OUTFILE URL DURATION: wrk in the background so that Ctrl-C is handled at once
run_wrk() {
  local out=$1 url=$2 dur=$3 args
  args=(-t"$THREADS" -c"$CONNS" -d"$dur" --latency)
  [ -n "$WRK_LUA" ] && args+=(-s "$WRK_LUA")
  # from the script's folder, so a script can open files beside it (json's post.lua reads body.json)
  ( [ -n "$WRK_LUA" ] && cd "$(dirname "$WRK_LUA")"; exec wrk "${args[@]}" "$url" ) > "$out" 2>&1 &
  local w=$!; HELPERS+=("$w")
  wait "$w"; _remove HELPERS "$w"
}

warm_curl() { local i; for i in $(seq 1 20); do probe "$1" > /dev/null; done; }

# trim a big server log (request logging under load) to its head and tail
trim_log() {
  local f=$1
  [ -f "$f" ] || return 0
  if [ "$(stat -c %s "$f")" -gt 2000000 ]; then
    { head -n 200 "$f"; echo "... [$(wc -l < "$f") lines, trimmed by bench] ..."; tail -n 200 "$f"; } > "$f.tmp"
    mv "$f.tmp" "$f"
  fi
}
