#!/bin/sh
# The code cache's benchmark (issue 7): a generated 1 MB bundle (gen_bundle.mjs), run
#  - without --cache-dir (baseline),
#  - with an empty cache directory each time (a miss: compile, run, write the entry),
#  - with the entry in place (a hit),
# first RUNS times each with --trace-startup=json for the phase medians (compile includes the
# cache look-up: hashing the source, reading and checking the entry), then the whole process
# with hyperfine. The bar: the hit's compile phase at most a quarter of the miss's.
# Usage: bench/cache/run.sh [MRT] [RUNS] [SIZE_KB]    (needs node; hyperfine if installed)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mrt=${1:-$here/../../build-cc/tools/mrt}
runs=${2:-15}
size=${3:-1024}
work=${TMPDIR:-/tmp}/mrt-cache-bench.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
bundle=$work/bundle.js
node "$here/gen_bundle.mjs" "$bundle" "$size"
expected=$("$mrt" "$bundle")

# phases MODE: RUNS JSON traces, one a line, into $work/MODE.jsonl
phases() {
  mode=$1
  : > "$work/$mode.jsonl"
  i=0
  while [ "$i" -lt "$runs" ]; do
    case $mode in
      none) out=$("$mrt" --trace-startup=json "$bundle" 2>>"$work/$mode.jsonl") ;;
      miss) rm -rf "$work/cache"
            out=$("$mrt" --cache-dir="$work/cache" --trace-startup=json "$bundle" 2>>"$work/$mode.jsonl") ;;
      hit)  out=$("$mrt" --cache-dir="$work/cache" --trace-startup=json "$bundle" 2>>"$work/$mode.jsonl") ;;
    esac
    [ "$out" = "$expected" ] || { echo "output differs ($mode): $out" >&2; exit 1; }
    i=$((i + 1))
  done
}
phases none
phases miss
phases hit   # the last miss run left the entry

node - "$work" <<'EOF'
const fs = require('fs');
const dir = process.argv[2];
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
const rows = {};
for (const mode of ['none', 'miss', 'hit']) {
  const traces = fs.readFileSync(`${dir}/${mode}.jsonl`, 'utf8').trim().split('\n').map(JSON.parse);
  const phase = (t, name) => (t.phases.find((p) => p.name === name) || { us: 0 }).us;
  for (const t of traces) {
    const want = { none: undefined, miss: 'miss', hit: 'hit' }[mode];
    if ((t.cache && t.cache.script) !== want) throw new Error(`${mode}: cache ${JSON.stringify(t.cache)}`);
  }
  rows[mode] = {
    runs: traces.length,
    'compile ms': med(traces.map((t) => phase(t, 'compile'))) / 1e3,
    'evaluate ms': med(traces.map((t) => phase(t, 'evaluate'))) / 1e3,
    'cache look-up ms': med(traces.map((t) => (t.cache ? t.cache.read_us : 0))) / 1e3,
    'cache write ms': med(traces.map((t) => phase(t, 'cache write'))) / 1e3,
    'main->exit ms': med(traces.map((t) => t.main_to_exit_us)) / 1e3,
  };
}
console.log('medians over --trace-startup=json runs');
console.table(rows);
const ratio = rows.hit['compile ms'] / rows.miss['compile ms'];
console.log(`compile phase, hit / miss: ${ratio.toFixed(3)} (bar: <= 0.25) ${ratio <= 0.25 ? 'PASS' : 'FAIL'}`);
EOF
ls -l "$work/cache" | sed -n '2,$p'

if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/hf1.json" \
    -n 'no cache' "$mrt $bundle" \
    -n 'cache hit' "$mrt --cache-dir=$work/cache $bundle" >/dev/null 2>&1
  hyperfine --warmup 3 --runs "$runs" --prepare "rm -rf $work/cold" --export-json "$work/hf2.json" \
    -n 'cache miss (empty dir, writes the entry)' "$mrt --cache-dir=$work/cold $bundle" >/dev/null 2>&1
  node - "$work" <<'EOF2'
const fs = require('fs');
const dir = process.argv[2];
console.log('whole process (hyperfine), ms');
const rows = {};
for (const f of ['hf1.json', 'hf2.json']) {
  for (const r of JSON.parse(fs.readFileSync(`${dir}/${f}`, 'utf8')).results) {
    rows[r.command] = { runs: r.times.length, median: +(r.median * 1e3).toFixed(1),
      mean: +(r.mean * 1e3).toFixed(1), min: +(r.min * 1e3).toFixed(1),
      user: +(r.user * 1e3).toFixed(1), system: +(r.system * 1e3).toFixed(1) };
  }
}
console.table(rows);
EOF2
fi
