#!/usr/bin/env bash
# Sets up, builds mrt (release) and runs the example workload (tools/example.js), or the
# script given: tools/run.sh [FILE [args...]]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/tools/setup.sh"
cmake -S "$root" -B "$root/build" >/dev/null
cmake --build "$root/build" -j "$(nproc 2>/dev/null || echo 2)" --target mrt >/dev/null
if [ $# -eq 0 ]; then set -- "$root/tools/example.js"; fi
exec "$root/build/tools/mrt" run "$@"
