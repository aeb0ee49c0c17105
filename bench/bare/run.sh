#!/usr/bin/env bash
# What mrt adds on top of V8: the same scripts under a bare V8 10.2 embedding and under mrt,
# interleaved, medians of N runs.   bench/bare/run.sh [BUILD_DIR] [N]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
n=${2:-9}
for w in promise microtask; do
  bare=() mrt=()
  for _ in $(seq "$n"); do
    bare+=("$("$build/bench/bare_v8" "$here/$w.js" | awk '{print $2}')")
    mrt+=("$("$build/tools/mrt" run "$here/$w.js" | awk '{print $2}')")
  done
  median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  b=$(median "${bare[@]}") m=$(median "${mrt[@]}")
  echo "$w: bare V8 $b M/s, mrt $m M/s, mrt/bare $(awk -v m="$m" -v b="$b" 'BEGIN{printf "%.2f", m/b}')"
done
