#!/bin/sh
# Module-graph benchmark: whole-process time of `mrt` vs node (and deno, bun when found) on
# the same generated graph, in one hyperfine run (interleaved warm-ups, medians reported),
# then the in-process figure from mod_bench.c.
# Usage: bench/modules/run.sh [BUILD_DIR] [N]   (BUILD_DIR default: build; N default: 1000)
# Peers: PEERS=/tmp/peers (npm install deno bun there) adds them when present.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
N=${2:-1000}
PEERS=${PEERS:-/tmp/peers}
GRAPH=${GRAPH:-/tmp/mrt-modgraph-$N}
MRT=$BUILD/tools/mrt
node "$HERE/gen.mjs" "$N" "$GRAPH" >/dev/null

set -- "$MRT $GRAPH/main.mjs" "node $GRAPH/main.mjs"
[ -x "$PEERS/node_modules/.bin/deno" ] && set -- "$@" "$PEERS/node_modules/.bin/deno run -A $GRAPH/main.mjs"
[ -x "$PEERS/node_modules/.bin/bun" ] && set -- "$@" "$PEERS/node_modules/.bin/bun $GRAPH/main.mjs"
hyperfine -N -w 3 -r "${RUNS:-30}" --export-json /tmp/mrt-modbench.json "$@" >/dev/null
node -e '
const r = require("/tmp/mrt-modbench.json").results;
const node = r.find((x) => x.command.startsWith("node ")).median;
for (const x of r) console.log(`${(x.median * 1e3).toFixed(1).padStart(7)} ms median  ` +
  `${(x.median / node).toFixed(2)}x node   ${x.command.split(" ")[0].split("/").pop()}`);
'

# In-process: load + instantiate + evaluate, per module.
LINK=$(sed 's/.*-o mrt//; s/CMakeFiles[^ ]*//g' "$BUILD/tools/CMakeFiles/mrt.dir/link.txt")
(cd "$BUILD/tools" && g++ -O2 -x c -I "$ROOT/core/include" "$HERE/mod_bench.c" -x none \
  -o "$BUILD/mod_bench" $LINK)
"$BUILD/mod_bench" "$GRAPH/main.mjs" $((N + 2)) 21 >/dev/null
