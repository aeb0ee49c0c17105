#!/bin/bash
# Side-by-side I/O figures: mrt (bench/io/*.js) and node, deno, bun (the peer workloads in
# /work/shared/workloads), interleaved run by run; prints every line, then medians.
# Usage: bench/io/run.sh [RUNS] [MRT]   (peers from /tmp/peers: npm install deno bun)
RUNS=${1:-5}
MRT=${2:-$(dirname "$0")/../../build-io/tools/mrt}
W=${WORKLOADS:-/work/shared/workloads}
BIN=${PEERS_BIN:-/tmp/peers/node_modules/.bin}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(mktemp)
unset NODE_EXTRA_CA_CERTS
for i in $(seq "$RUNS"); do
  for w in fsread tcp1 tcp16; do
    case $w in
      fsread) m=("$HERE/fsread.js");;
      tcp1) m=("$HERE/tcp.js" 1);;
      tcp16) m=("$HERE/tcp.js" 16);;
    esac
    echo "$w mrt $("$MRT" "${m[@]}" | awk '{print $2}')" >> "$OUT"
    echo "$w node $(node "$W/$w.mjs" | awk '{print $2}')" >> "$OUT"
    echo "$w deno $("$BIN/deno" run -A "$W/$w.mjs" | awk '{print $2}')" >> "$OUT"
    echo "$w bun $("$BIN/bun" "$W/$w.mjs" | awk '{print $2}')" >> "$OUT"
  done
done
cat "$OUT"
node -e '
const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n");
const by = {};
for (const l of lines) { const [w, r, v] = l.split(" "); ((by[w] ??= {})[r] ??= []).push(+v); }
const med = (a) => { a = [...a].sort((x, y) => x - y); const m = a.length >> 1; return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2; };
console.log("\nworkload   mrt       node      deno      bun       mrt/bun  mrt/node  (medians of", lines.length / 12, "runs; ops/s)");
for (const w of Object.keys(by)) {
  const m = Object.fromEntries(Object.entries(by[w]).map(([r, a]) => [r, med(a)]));
  console.log(w.padEnd(10), ...["mrt", "node", "deno", "bun"].map((r) => String(Math.round(m[r])).padEnd(9)),
    (m.mrt / m.bun).toFixed(2).padEnd(8), (m.mrt / m.node).toFixed(2));
}' "$OUT"
rm -f "$OUT"
