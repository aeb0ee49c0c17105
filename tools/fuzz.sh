#!/usr/bin/env bash
# Runs every fuzzer for a while, one at a time (nice -n 10; the machine is shared):
#   tools/fuzz.sh [--minutes N]     N minutes in all (default 60), split evenly between
#                                   the five libFuzzer harnesses, capi_fuzz and difffuzz
#   tools/fuzz.sh --smoke           what CI runs: the seed-corpus replays and a bounded
#                                   capi_fuzz (ctest -L fuzz), release and ASan builds
# Builds: build-fuzz (clang, libFuzzer + ASan + UBSan) for the byte-level harnesses,
# build-asan (gcc, ASan + UBSan) for capi_fuzz and for the mrt that difffuzz runs.
# Corpora grow in fuzz-corpus/<harness> (seeded from tests/fuzz/corpus); findings land in
# fuzz-findings/ (libFuzzer crash-* files, capi_fuzz logs, difffuzz programs). Exit 1 if
# anything was found. Record what was run and found in tools/fuzz/FINDINGS.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
minutes=60
smoke=0
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=$2; shift 2 ;;
    --smoke) smoke=1; shift ;;
    --intervals) extra+=(--intervals); shift ;;
    *) echo "usage: tools/fuzz.sh [--minutes N] [--smoke] [--intervals]" >&2; exit 2 ;;
  esac
done
jobs=2

if [ $smoke = 1 ]; then
  for b in build build-asan; do
    args=(); [ $b = build-asan ] && args=(-DMRT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DMRT_BUILD_BENCH=OFF)
    cmake -S "$root" -B "$root/$b" "${args[@]}" >/dev/null
    cmake --build "$root/$b" -j $jobs >/dev/null
    (cd "$root/$b" && ctest -L fuzz --output-on-failure)
  done
  exit 0
fi

# clang and its libFuzzer runtime; the rest of the set-up is tools/setup.sh's usual job.
if ! command -v clang >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  bash "$root/tools/setup.sh" --fuzz
fi
echo "== building build-fuzz (clang, libFuzzer) and build-asan"
CC=clang CXX=clang++ cmake -S "$root" -B "$root/build-fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DMRT_SANITIZE=ON -DMRT_FUZZ_LIBFUZZER=ON -DMRT_BUILD_BENCH=OFF >/dev/null
nice -n 10 cmake --build "$root/build-fuzz" -j $jobs --target fuzz_base64 fuzz_utf8 fuzz_resolve \
  fuzz_json_module fuzz_h1 >/dev/null
cmake -S "$root" -B "$root/build-asan" -DMRT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
  -DMRT_BUILD_BENCH=OFF >/dev/null
nice -n 10 cmake --build "$root/build-asan" -j $jobs --target mrt capi_fuzz >/dev/null

slice=$(( minutes * 60 / 7 ))
[ $slice -lt 10 ] && slice=10
found=0
findings="$root/fuzz-findings"
mkdir -p "$findings"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1

for h in base64 utf8 resolve json_module h1; do
  corpus="$root/fuzz-corpus/$h"
  mkdir -p "$corpus" "$findings/$h"
  cp -n "$root/tests/fuzz/corpus/$h"/* "$corpus"/ 2>/dev/null || true
  echo "== libFuzzer $h: ${slice}s"
  # Leak checking per input would report V8's own caches; the replay in ctest checks leaks.
  log="$findings/$h/libfuzzer.log"
  dict=()
  [ -f "$root/tests/fuzz/$h.dict" ] && dict=("-dict=$root/tests/fuzz/$h.dict")
  if ! ASAN_OPTIONS=detect_leaks=0 nice -n 10 "$root/build-fuzz/tests/fuzz/fuzz_$h" \
      -max_total_time=$slice -max_len=4096 -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
      -artifact_prefix="$findings/$h/" "${dict[@]}" "$corpus" > "$log" 2>&1; then
    found=1
    echo "libFuzzer $h: failure, see $log and $findings/$h/crash-*"
  fi
  grep -E "^Done|number_of_executed_units|check failed|SUMMARY" "$log" || true
done

echo "== capi_fuzz (ASan): ${slice}s"
seed=$(date +%s)
if ! nice -n 10 "$root/build-asan/tests/fuzz/capi_fuzz" --seed "$seed" --iterations 0 \
     --seconds $slice > "$findings/capi_fuzz.$seed.log" 2>&1; then
  found=1
  echo "capi_fuzz: failure, see $findings/capi_fuzz.$seed.log"
fi
tail -1 "$findings/capi_fuzz.$seed.log"

echo "== difffuzz (ASan mrt vs node): ${slice}s"
nice -n 10 node "$root/tools/fuzz/difffuzz.mjs" --mrt "$root/build-asan/tools/mrt" \
  --minutes $(( slice / 60 > 0 ? slice / 60 : 1 )) --out "$findings/difffuzz" "${extra[@]}" || found=1
exit $found
