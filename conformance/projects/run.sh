#!/usr/bin/env bash
# Prepares the projects corpus and plays every case against a runner:
#
#   bash conformance/projects/run.sh "$PWD/sim dev"            # the simulator
#   CONFORMANCE_REFERENCE=/path/to/ref bash conformance/projects/run.sh "wrangler dev"
#   bash conformance/projects/run.sh "$PWD/sim dev" hono openapi-ts   # only some cases
#   bash conformance/projects/run.sh --record "wrangler dev"   # re-record the goldens (copied back here)
#
# Projects go to ${PROJECTS_DIR:-${TMPDIR:-/tmp}/workersim-projects} (kept between runs, so npm install
# runs once). The harness is ../shared/conformance/run_case.py beside the repository (or
# $SHARED_CONFORMANCE). Without npm or the harness it prints one line and exits 0. Otherwise it exits
# with the harness's status (non-zero when a step fails) and its last line is 'N passed, N failed'.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

record=0
if [ "${1:-}" = "--record" ]; then record=1; shift; fi
[ $# -ge 1 ] || { echo "usage: $0 [--record] RUNNER_CMD [CASE ...]" >&2; exit 2; }
RUNNER="$1"; shift

SHARED="${SHARED_CONFORMANCE:-$ROOT/../shared/conformance}"
if ! command -v npm >/dev/null 2>&1; then
  echo "projects corpus: npm not found; skipped"
  exit 0
fi
if [ ! -f "$SHARED/run_case.py" ] || ! command -v python3 >/dev/null 2>&1; then
  echo "projects corpus: ../shared/conformance (run_case.py) or python3 not found; skipped"
  exit 0
fi

OUT="${PROJECTS_DIR:-${TMPDIR:-/tmp}/workersim-projects}"
bash "$HERE/prepare.sh" "$OUT" "$@"

cases=()
if [ $# -gt 0 ]; then
  for c in "$@"; do cases+=("$OUT/$c"); done
else
  for d in "$HERE"/*/; do [ -f "$d/case.json" ] && cases+=("$OUT/$(basename "$d")"); done
fi

args=(--runner "$RUNNER" --out "$OUT/results.json" --work "$OUT/.work")
[ -n "${CONFORMANCE_REFERENCE:-}" ] && args+=(--reference "$CONFORMANCE_REFERENCE")
if [ $record = 1 ]; then
  python3 "$SHARED/run_case.py" "${cases[@]}" "${args[@]}" --record
  for c in "${cases[@]}"; do
    n="$(basename "$c")"
    [ -f "$c/golden.json" ] && cp "$c/golden.json" "$HERE/$n/golden.json"
  done
  echo "goldens copied back to $HERE/<case>/golden.json"
else
  python3 "$SHARED/run_case.py" "${cases[@]}" "${args[@]}"
fi
