#!/bin/bash
# Side by side: bench/base64/base64.mjs under mrt, bun and deno, interleaved run by run (the
# machine may be shared: one runtime at a time, in turn); prints the medians per case in
# microseconds per call and mrt's speed relative to each peer (peer time / mrt time: above 1.00,
# mrt is faster).
# Usage: bench/base64/run.sh [RUNS] [MRT] [case-substring]   (peers: tools/compare/peers.sh)
set -euo pipefail
RUNS=${1:-5}
HERE=$(cd "$(dirname "$0")" && pwd)
MRT=${2:-$HERE/../../build/tools/mrt}
FILTER=${3:-}
BIN=${MRT_PEERS_DIR:-$HOME/.cache/mrt-peers}/bin
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
for i in $(seq "$RUNS"); do
  "$MRT" "$HERE/base64.mjs" $FILTER | sed 's/^/mrt /' >> "$OUT"
  "$BIN/bun" "$HERE/base64.mjs" $FILTER | sed 's/^/bun /' >> "$OUT"
  "$BIN/deno" run -A "$HERE/base64.mjs" $FILTER | sed 's/^/deno /' >> "$OUT"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $RUNS runs"
node -e '
const by = {};
for (const l of require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n")) {
  const [rt, name, v] = l.replace(":", "").split(/\s+/);
  ((by[name] ??= {})[rt] ??= []).push(+v);
}
const med = (a) => { a = [...a].sort((x, y) => x - y); const m = a.length >> 1; return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2; };
const f = (x) => x.toFixed(x < 10 ? 3 : 1).padStart(10);
console.log("case".padEnd(18), "mrt us".padStart(10), "bun us".padStart(10), "deno us".padStart(10), "  vs bun  vs deno");
for (const [name, r] of Object.entries(by)) {
  const m = Object.fromEntries(Object.entries(r).map(([k, a]) => [k, med(a)]));
  console.log(name.padEnd(18), f(m.mrt), f(m.bun), f(m.deno), (m.bun / m.mrt).toFixed(2).padStart(8), (m.deno / m.mrt).toFixed(2).padStart(8));
}' "$OUT"
