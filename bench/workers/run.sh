#!/usr/bin/env bash
# Web Worker figures side by side: bench/workers/workers.mjs under mrt, bun and deno (the
# peers from tools/compare/peers.sh), RUNS times each, alternating; one JSON line per run.
# node (worker_threads, no Web Worker) gives its start-up figure only (node_start.mjs).
#   bench/workers/run.sh [path/to/mrt]     (default build/tools/mrt; RUNS=3)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
mrt=${1:-$root/build/tools/mrt}
peers=${MRT_PEERS_DIR:-$HOME/.cache/mrt-peers}/bin
"$root/tools/compare/peers.sh" --quiet
for _ in $(seq "${RUNS:-3}"); do
  echo "mrt  $("$mrt" "$root/bench/workers/workers.mjs")"
  echo "bun  $("$peers/bun" "$root/bench/workers/workers.mjs")"
  echo "deno $("$peers/deno" run -A "$root/bench/workers/workers.mjs")"
  echo "node $(node "$root/bench/workers/node_start.mjs")"
done
