#!/bin/bash
# The sandbox's cost on readFile, side by side: the same build run without flags (no
# sandbox: one branch), with --allow-read=DIR (each open checked on what it opened), and
# with --allow-read (the sandbox on, all reads granted), interleaved run by run; prints every
# figure, then the medians (reads/s) and their ratios to the unchecked run. First the check
# alone, in C (open_bench.c): the OS calls of a readFile with and without it.
# With BASE=path/to/another/mrt (a build without the sandbox), that one runs too ("base").
# Usage: [BASE=...] bench/permissions/run.sh [RUNS] [MRT] [N]
RUNS=${1:-7}
MRT=${2:-$(dirname "$0")/../../build/tools/mrt}
N=${3:-20000}
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=$(mktemp -d)
head -c 4096 /dev/zero | tr '\0' 'x' > "$DIR/data-4k.txt"
OUT=$(mktemp)
# The check alone (open_bench.c, built here against core/permissions.c and the build's libmrt).
ROOT=$(cd "$HERE/../.." && pwd)
LIBDIR=$(cd "$(dirname "$MRT")/../core" && pwd)
if cc -O2 -I"$ROOT/core" -I"$ROOT/core/include" -o "$DIR/open_bench" "$HERE/open_bench.c" \
     "$ROOT/core/permissions.c" -L"$LIBDIR" -lmrt -Wl,-rpath,"$LIBDIR" 2>/dev/null; then
  "$DIR/open_bench" "$DIR"
fi
for i in $(seq "$RUNS"); do
  for mode in ${BASE:+base} unchecked checked all; do
    bin=$MRT
    case $mode in
      base) flags=(); bin=$BASE;;
      unchecked) flags=();;
      checked) flags=("--allow-read=$DIR");;
      all) flags=("--allow-read");;
    esac
    "$bin" "${flags[@]}" "$HERE/read_file.mjs" "$DIR" "$N" | sed "s/^/$mode /" >> "$OUT"
  done
done
cat "$OUT"
echo "load: $(uptime | sed 's/.*load average: //')"
node -e '
const by = {};
for (const l of require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n")) {
  const [mode, kind, v] = l.split(" ");
  ((by[kind] ??= {})[mode] ??= []).push(+v);
}
const med = (a) => { a = [...a].sort((x, y) => x - y); const m = a.length >> 1; return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2; };
for (const [kind, modes] of Object.entries(by)) {
  const base = med(modes.unchecked);
  for (const [mode, vs] of Object.entries(modes)) {
    console.log(`${kind.padEnd(5)} ${mode.padEnd(9)} median ${String(med(vs)).padStart(7)} reads/s  ${(med(vs) / base).toFixed(3)}x`);
  }
}' "$OUT"
rm -rf "$DIR" "$OUT"
