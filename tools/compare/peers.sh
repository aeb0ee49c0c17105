#!/usr/bin/env bash
# Installs the peer runtimes Deno and Bun from the npm registry into a cache folder and links
# their binaries under $DIR/bin. Idempotent: when both binaries are present and run, it only
# prints their paths. Node is expected on PATH already.
#
#   tools/compare/peers.sh            # installs (if needed) and prints "deno <path>" / "bun <path>"
#   MRT_PEERS_DIR=/some/dir tools/compare/peers.sh
#   tools/compare/peers.sh --quiet    # prints nothing but errors
#
# Network: only the npm registry (through npm itself).
set -euo pipefail
dir=${MRT_PEERS_DIR:-$HOME/.cache/mrt-peers}
quiet=0
[ "${1:-}" = "--quiet" ] && quiet=1
say() { [ $quiet = 1 ] || echo "$@"; }

deno_bin=$dir/bin/deno
bun_bin=$dir/bin/bun
works() { [ -x "$1" ] && "$1" --version >/dev/null 2>&1; }

if ! works "$deno_bin" || ! works "$bun_bin"; then
  command -v npm >/dev/null || { echo "peers: npm not found (needed to install deno and bun)" >&2; exit 1; }
  mkdir -p "$dir/pkgs" "$dir/bin"
  cd "$dir/pkgs"
  [ -f package.json ] || echo '{"name":"mrt-peers","private":true}' > package.json
  log=$dir/npm.log
  echo "peers: installing deno and bun from npm into $dir (log: $log)" >&2
  npm install --no-audit --no-fund deno bun >"$log" 2>&1 || true
  # The platform packages are optional dependencies; install them explicitly where npm skipped them.
  [ -x node_modules/@deno/linux-x64-glibc/deno ] ||
    npm install --no-audit --no-fund @deno/linux-x64-glibc >>"$log" 2>&1 || true
  [ -e node_modules/bun/bin/bun.exe ] || [ -x node_modules/@oven/bun-linux-x64/bin/bun ] ||
    npm install --no-audit --no-fund @oven/bun-linux-x64 >>"$log" 2>&1 || true
  for c in node_modules/@deno/linux-x64-glibc/deno node_modules/deno/deno; do
    if [ -x "$c" ] && works "$c"; then ln -sf "$dir/pkgs/$c" "$deno_bin"; break; fi
  done
  for c in node_modules/@oven/bun-linux-x64/bin/bun node_modules/bun/bin/bun.exe; do
    if [ -x "$c" ] && works "$c"; then ln -sf "$dir/pkgs/$c" "$bun_bin"; break; fi
  done
fi

ok=1
works "$deno_bin" || { echo "peers: deno not usable at $deno_bin (see $dir/npm.log)" >&2; ok=0; }
works "$bun_bin"  || { echo "peers: bun not usable at $bun_bin (see $dir/npm.log)" >&2; ok=0; }
[ $ok = 1 ] || exit 1
say "deno $deno_bin ($("$deno_bin" --version | head -1))"
say "bun $bun_bin ($("$bun_bin" --version))"
