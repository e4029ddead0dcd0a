#!/usr/bin/env bash
# Lays out the projects corpus: every conformance/projects/<case>/ becomes a real create-cloudflare
# project in OUTDIR/<case>/ (template files from the pinned create-cloudflare, placeholders filled as
# c3 fills them, its requests.json and golden.json, and `npm install` done in it).
#
#   bash conformance/projects/prepare.sh OUTDIR [CASE ...]
#
# Needs node and npm (any node >= 18 will do for this; wrangler itself wants node 22 at run time).
# Without npm it prints one line and exits 0. Re-runs are quick: the template files are laid anew,
# but `npm install` only runs when package.json changed since the last install or node_modules is gone.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "projects corpus: npm not found; skipped"
  exit 0
fi
[ $# -ge 1 ] || { echo "usage: $0 OUTDIR [CASE ...]" >&2; exit 2; }
OUT="$1"; shift
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

# shellcheck disable=SC1091
pin() { sed -n "s/^$1=//p" "$HERE/pins" | head -1; }
C3_VERSION="$(pin C3_VERSION)"
WRANGLER_VERSION="$(pin WRANGLER_VERSION)"
COMPAT_DATE="$(pin COMPATIBILITY_DATE)"

NPM_FLAGS=(--no-audit --no-fund --loglevel=error)

# --- create-cloudflare, pinned, in OUTDIR/.c3 -----------------------------------------------------
C3_HOME="$OUT/.c3"
C3_PKG="$C3_HOME/node_modules/create-cloudflare"
have_c3="$(node -p "try{require('$C3_PKG/package.json').version}catch(e){''}" 2>/dev/null || true)"
if [ "$have_c3" != "$C3_VERSION" ]; then
  t0=$SECONDS
  mkdir -p "$C3_HOME"
  [ -f "$C3_HOME/package.json" ] || echo '{"private": true}' > "$C3_HOME/package.json"
  (cd "$C3_HOME" && npm install "${NPM_FLAGS[@]}" --ignore-scripts "create-cloudflare@$C3_VERSION" >/dev/null)
  echo "create-cloudflare@$C3_VERSION installed in $C3_HOME ($((SECONDS - t0))s)"
fi
# c3 fills <COMPATIBILITY_DATE> with its DEFAULT_COMPAT_DATE: check the pin agrees with the package.
c3_date="$(grep -o 'DEFAULT_COMPAT_DATE = "[0-9-]*"' "$C3_PKG/dist/cli.js" | head -1 | grep -o '[0-9-]\{10\}' || true)"
if [ -n "$c3_date" ] && [ "$c3_date" != "$COMPAT_DATE" ]; then
  echo "projects corpus: warning: create-cloudflare@$C3_VERSION says compatibility date $c3_date, pins say $COMPAT_DATE (using the pin)" >&2
fi

# --- the cases ------------------------------------------------------------------------------------
if [ $# -gt 0 ]; then
  cases=("$@")
else
  cases=()
  for d in "$HERE"/*/; do [ -f "$d/case.json" ] && cases+=("$(basename "$d")"); done
fi

fail=0
for c in "${cases[@]}"; do
  src="$HERE/$c"; dst="$OUT/$c"
  if [ ! -f "$src/case.json" ]; then echo "projects corpus: $c: no case.json" >&2; fail=1; continue; fi
  t0=$SECONDS
  info="$(node "$HERE/c3-apply.js" "$C3_PKG" "$src" "$dst" "$COMPAT_DATE" "$WRANGLER_VERSION")" || { echo "[$c] c3-apply failed" >&2; fail=1; continue; }
  from="$(node -p "JSON.parse(process.argv[1]).from" "$info")"
  if [ -d "$dst/node_modules" ] && [ -f "$dst/.installed-package.json" ] && cmp -s "$dst/package.json" "$dst/.installed-package.json"; then
    how="npm install skipped (package.json unchanged)"
  else
    # --prefer-offline: reuse npm's cache without re-asking the registry (halves a warm install).
    if (cd "$dst" && npm install "${NPM_FLAGS[@]}" --prefer-offline >"$dst/.npm-install.log" 2>&1); then
      cp "$dst/package.json" "$dst/.installed-package.json"
      how="npm install done"
    else
      echo "[$c] npm install failed; see $dst/.npm-install.log" >&2
      rm -f "$dst/.installed-package.json"
      fail=1
      continue
    fi
  fi
  # the versions npm resolved (templates use ^ranges; c3 pins none of them)
  vers="$(cd "$dst" && node -e '
    const p = require("./package.json"); const out = [];
    for (const d of [...Object.keys(p.dependencies || {}), "wrangler", "esbuild"]) {
      try { out.push(d + " " + require("./node_modules/" + d + "/package.json").version); } catch (e) {}
    }
    console.log(out.join(", "));')"
  echo "[$c] $from -> $dst: $how ($((SECONDS - t0))s; $vers)"
done
exit $fail
