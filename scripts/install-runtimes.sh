#!/usr/bin/env bash
# Install everything test/runtimes/run-matrix.mjs needs, idempotently and without prompts:
#   - test/runtimes/toolchain: pinned Node 22/24, Bun, Deno, Miniflare (workerd), playwright-core,
#     via `npm ci` in that folder only (its node_modules/.bin/node must never shadow the system node);
#   - Debian's chromium at /usr/bin/chromium (Playwright's own browser download can't work here).
# A second run with nothing changed only re-checks versions (stamp = hash of package.json + lock).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLCHAIN="$ROOT/test/runtimes/toolchain"
NM="$TOOLCHAIN/node_modules"
STAMP="$NM/.install-runtimes.stamp"
export CI=true DEBIAN_FRONTEND=noninteractive

die() { echo "install-runtimes: ERROR: $*" >&2; exit 1; }
log() { echo "install-runtimes: $*"; }

command -v npm >/dev/null || die "npm not found on PATH (the system Node 20 + npm are required)"
[[ -f "$TOOLCHAIN/package-lock.json" ]] || die "missing $TOOLCHAIN/package-lock.json"

# ---- toolchain (npm) ------------------------------------------------------------------------
# First candidate that is a real binary (> 1 MB): bun's package ships 450-byte placeholders.
first() { for f in "$@"; do [[ -f "$f" && $(stat -c %s "$f") -gt 1000000 ]] && { echo "$f"; return; }; done; echo "$1"; }
# The bun/deno/workerd postinstalls hard-link the platform binary into the wrapper package; the
# platform package path is the fallback should install scripts ever be skipped.
bins() {
  NODE22="$NM/node22/bin/node"; NODE24="$NM/node24/bin/node"
  BUN="$(first "$NM/bun/bin/bun.exe" "$NM/@oven/bun-linux-x64/bin/bun")"
  DENO="$(first "$NM/deno/deno" "$NM/@deno/linux-x64-glibc/deno")"
  WORKERD="$(first "$NM/workerd/bin/workerd" "$NM/@cloudflare/workerd-linux-64/bin/workerd")"
}
all_present() {
  bins
  for f in "$NODE22" "$NODE24" "$BUN" "$DENO" "$WORKERD" "$NM/miniflare/package.json" "$NM/playwright-core/package.json"; do
    [[ -s "$f" ]] || return 1
  done
}

want="$(cat "$TOOLCHAIN/package.json" "$TOOLCHAIN/package-lock.json" | sha256sum | cut -d' ' -f1)"
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]] && all_present; then
  log "toolchain already installed (lockfile unchanged), skipping npm ci"
else
  log "npm ci in test/runtimes/toolchain (an EBADENGINE warning for miniflare is expected: it runs under Node 22)"
  # --prefix pins npm to this folder even if invoked from an npm script elsewhere.
  # engine-strict off: miniflare wants Node >= 22 but is only ever run with the toolchain's Node 22.
  # The bun/deno/workerd postinstalls (they link the platform binary) are approved in allowScripts.
  if ! (cd "$TOOLCHAIN" && timeout 600 npm ci --prefix "$TOOLCHAIN" --no-audit --no-fund --engine-strict=false </dev/null); then
    die "npm ci in $TOOLCHAIN failed (see npm output above)"
  fi
  all_present || die "npm ci finished but runtime binaries are missing under $NM"
  echo "$want" > "$STAMP"
fi

# ---- chromium (apt) -------------------------------------------------------------------------
if [[ -x /usr/bin/chromium ]]; then
  log "chromium already installed"
else
  SUDO=""
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || die "/usr/bin/chromium is missing and we are not root (no sudo): install Debian's chromium package"
    SUDO="sudo -n"
  fi
  # apt's output goes to a log (hundreds of lines), shown only if it fails.
  aptlog="$(mktemp /tmp/install-runtimes-apt.XXXXXX.log)"
  log "apt-get update && apt-get install -y chromium (log: $aptlog)"
  timeout 900 $SUDO apt-get update -q </dev/null >"$aptlog" 2>&1 \
    || { tail -n 40 "$aptlog" >&2; die "apt-get update failed (full log: $aptlog)"; }
  timeout 900 $SUDO apt-get install -y -q chromium </dev/null >>"$aptlog" 2>&1 \
    || { tail -n 40 "$aptlog" >&2; die "apt-get install chromium failed (full log: $aptlog)"; }
  [[ -x /usr/bin/chromium ]] || die "apt-get installed chromium but /usr/bin/chromium is still missing"
fi

# ---- report what is there, and fail if any binary doesn't run --------------------------------
ver() { # label, command... (stdout's first line; stderr only shown on failure, since
  # Debian's chromium launcher prints a harmless shell warning there)
  local label="$1"; shift
  local out err
  err="$(mktemp)"
  out="$(timeout 30 "$@" 2>"$err")" || die "$label does not run: $* -> $out $(cat "$err")"
  rm -f "$err"
  printf '  %-16s %s\n' "$label" "${out%%$'\n'*}"
}
pkgver() { node -p "require('$NM/$1/package.json').version" 2>/dev/null || die "$1 is not installed in $NM"; }

log "installed:"
ver "node (system)" node -v
ver "node22"        "$NODE22" -v
ver "node24"        "$NODE24" -v
ver "bun"           "$BUN" --version
ver "deno"          "$DENO" --version
ver "workerd"       "$WORKERD" --version
mfv="$(pkgver miniflare)"; pwv="$(pkgver playwright-core)" # assignments, so set -e sees a failure
printf '  %-16s %s\n' "miniflare" "$mfv" "playwright-core" "$pwv"
ver "chromium"      /usr/bin/chromium --version
log "done"
