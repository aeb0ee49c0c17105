#!/usr/bin/env bash
# The project's benchmark command: sets up and builds (release), then
#  1. the in-process google-benchmark suite (bench/: poll latency, completion latency, op
#     calls, async op round trips, timers, promises, runtime create/destroy, modules), and
#  2. the cross-runtime workloads (bench/js/) under mrt, node, deno and bun, interleaved,
#     medians and ratios (tools/compare/compare.sh; deno and bun come from npm),
# and writes build/bench-results/: gbench.json, gbench.md, results.json, results.md,
# ratios.svg. With a baseline (default bench/baseline.json when it exists) it flags every
# cross-runtime ratio that regressed beyond the noise of the run, and exits 1 if any did.
#   tools/bench.sh [--quick] [--no-gbench] [--write-baseline] [compare.sh options...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/build/bench-results"
quick=() gbench=1 write_baseline=0 pass=()
for a in "$@"; do
  case "$a" in
    --quick) quick=(--quick) ;;
    --no-gbench) gbench=0 ;;
    --write-baseline) write_baseline=1 ;;
    *) pass+=("$a") ;;
  esac
done

bash "$root/tools/setup.sh"
cmake -S "$root" -B "$root/build" >/dev/null
cmake --build "$root/build" -j "$(nproc 2>/dev/null || echo 2)" --target mrt mrt_bench >/dev/null
mkdir -p "$out"

if [ $gbench = 1 ]; then
  echo "== in-process benchmarks (google-benchmark)"
  reps=3
  [ ${#quick[@]} -gt 0 ] && reps=1
  "$root/build/bench/mrt_bench" --benchmark_repetitions=$reps \
    --benchmark_report_aggregates_only=true --benchmark_out="$out/gbench.json" \
    --benchmark_out_format=json
  node "$root/tools/compare/gbench_md.mjs" "$out/gbench.json" > "$out/gbench.md"
fi

echo "== cross-runtime workloads (mrt, node, deno, bun)"
baseline=()
if [ $write_baseline = 1 ]; then
  baseline=(--write-baseline "$root/bench/baseline.json")
elif [ -f "$root/bench/baseline.json" ]; then
  baseline=(--baseline "$root/bench/baseline.json")
fi
exec bash "$root/tools/compare/compare.sh" --mrt "$root/build/tools/mrt" --out "$out" \
  "${quick[@]}" "${baseline[@]}" "${pass[@]}"
