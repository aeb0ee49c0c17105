#!/usr/bin/env bash
# Where `mrt hi.js`'s start-up time goes, against the floor of any program on the same V8:
# runs, interleaved round-robin, `floor load` (exec + loading libnode and its libraries),
# `floor isolate` (+ V8's platform, an isolate from V8's own snapshot, a context), `mrt hi.js`
# and, when installed, bun/deno/node on the same file. Prints medians of wall time, CPU time
# and peak RSS, and each row's ratio to mrt.
#
#   tools/compare/floor.sh [--runs N] [--mrt PATH] [--floor PATH]
#
# Needs the build's runstat and floor (build/tools/compare/). Peers come from tools/compare's
# peers.sh cache (bun, deno) and PATH (node); missing ones are left out. Peak RSS depends on
# the page cache: compare rows of one run, not runs of different days.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=30 mrt=$root/build/tools/mrt floor=$root/build/tools/compare/floor
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift ;;
    --mrt) mrt=$2; shift ;;
    --floor) floor=$2; shift ;;
    *) echo "usage: floor.sh [--runs N] [--mrt PATH] [--floor PATH]" >&2; exit 2 ;;
  esac
  shift
done
runstat=$root/build/tools/compare/runstat
for f in "$runstat" "$floor" "$mrt"; do
  [ -x "$f" ] || { echo "floor: $f not built (cmake --build build)" >&2; exit 2; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo 'console.log("hi")' >"$tmp/hi.js"

names=(floor_load floor_isolate mrt)
cmds=("$floor load" "$floor isolate" "$mrt $tmp/hi.js")
peers=${MRT_PEERS_DIR:-$HOME/.cache/mrt-peers/bin}
for p in bun deno node; do
  exe=""
  if [ -x "$peers/$p" ]; then exe=$peers/$p; elif command -v "$p" >/dev/null; then exe=$(command -v "$p"); fi
  [ -n "$exe" ] || continue
  names+=("$p")
  if [ "$p" = deno ]; then cmds+=("$exe run -A $tmp/hi.js"); else cmds+=("$exe $tmp/hi.js"); fi
done

# Round 0 warms every command up; then each round runs each once, the first rotating.
n=${#names[@]}
for ((r = 0; r <= runs; r++)); do
  for ((k = 0; k < n; k++)); do
    i=$(((k + r) % n))
    # shellcheck disable=SC2086
    out=$("$runstat" -n 1 -w 0 --unset NODE_EXTRA_CA_CERTS -- ${cmds[$i]}) || {
      echo "floor: ${names[$i]} failed: $out" >&2; exit 1; }
    [ "$r" = 0 ] || echo "${names[$i]} $out" >>"$tmp/samples"
  done
done

node - "$tmp/samples" "${names[@]}" <<'EOF'
const [file, ...names] = process.argv.slice(2);
const rows = {};
for (const line of require('fs').readFileSync(file, 'utf8').trim().split('\n')) {
  const sp = line.indexOf(' '), name = line.slice(0, sp), s = JSON.parse(line.slice(sp + 1)).samples[0];
  (rows[name] ||= []).push({ wall: s.wall_ms, cpu: s.user_ms + s.sys_ms, rss: s.rss_kib / 1024 });
}
const median = (a) => { const b = [...a].sort((x, y) => x - y), m = b.length >> 1; return b.length % 2 ? b[m] : (b[m - 1] + b[m]) / 2; };
const med = Object.fromEntries(names.map((n) => [n, {
  wall: median(rows[n].map((x) => x.wall)), cpu: median(rows[n].map((x) => x.cpu)), rss: median(rows[n].map((x) => x.rss)) }]));
console.log(`| | wall (ms) | CPU (ms) | peak RSS (MiB) | wall / mrt |\n| --- | ---: | ---: | ---: | ---: |`);
for (const n of names) {
  const m = med[n];
  console.log(`| ${n} | ${m.wall.toFixed(2)} | ${m.cpu.toFixed(2)} | ${m.rss.toFixed(1)} | ${(m.wall / med.mrt.wall).toFixed(2)} |`);
}
const f = med.floor_load.wall, iso = med.floor_isolate.wall, mrt = med.mrt.wall;
console.log(`\nmrt hi.js ${mrt.toFixed(2)} ms = loading ${f.toFixed(2)} + V8 platform, isolate and context ` +
  `${(iso - f).toFixed(2)} + what mrt adds ${(mrt - iso).toFixed(2)} (medians of ${rows.mrt.length})`);
EOF
