#!/usr/bin/env bash
# Sets up, builds and runs every test: unit tests (cmocka), the JS behaviour corpus against
# the real mrt binary (node is the oracle for expected output), the JS-side checks of the
# console and the bench runner; then the same unit tests and corpus under ASan+UBSan.
#   tools/test.sh            everything
#   tools/test.sh --quick    release build only (no sanitizer pass)
#   tools/test.sh --tsan     the unit tests with threads and the Worker corpus, under ThreadSanitizer
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
quick=0
[ "${1:-}" = "--quick" ] && quick=1
if [ "${1:-}" = "--tsan" ]; then
  # V8 is not instrumented: races inside libnode are suppressed, mrt's own code is checked.
  cmake -S "$root" -B "$root/build-tsan" -DMRT_SANITIZE_THREAD=ON -DCMAKE_BUILD_TYPE=Debug \
    -DMRT_BUILD_BENCH=OFF >/dev/null
  threaded=(test_embed_api test_ops test_loop_ring test_loop test_loop_pool test_handle
            test_values test_extensions test_channel)
  cmake --build "$root/build-tsan" -j "$(nproc 2>/dev/null || echo 2)" \
    --target "${threaded[@]}" >/dev/null
  export TSAN_OPTIONS="suppressions=$root/tests/tsan.supp halt_on_error=1"
  regex=$(IFS='|'; echo "^(${threaded[*]})\$")
  (cd "$root/build-tsan" && ctest --output-on-failure -R "$regex") || exit
  # The Worker corpus on the TSan mrt (runtimes on threads, ports, BroadcastChannel, shared
  # memory); many.mjs measures RSS, which TSan's shadow memory inflates.
  cmake --build "$root/build-tsan" -j "$(nproc 2>/dev/null || echo 2)" --target mrt >/dev/null
  workers=()
  for f in "$root"/tests/js/worker/*.mjs; do
    [ "$(basename "$f")" = many.mjs ] || workers+=("$f")
  done
  node "$root/tests/js/run.mjs" --mrt "$root/build-tsan/tools/mrt" -j 1 "${workers[@]}"
  exit
fi
jobs=$(nproc 2>/dev/null || echo 2)

bash "$root/tools/setup.sh"

run_suite() { # build-dir cmake-args...
  local dir=$1; shift
  cmake -S "$root" -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j "$jobs" >/dev/null
  (cd "$dir" && ctest --output-on-failure -j "$jobs")
}

echo "== release build: unit tests, JS corpus, JS-side checks"
run_suite "$root/build"
if [ $quick = 0 ]; then
  echo "== ASan+UBSan build: the same tests"
  # V8 itself is not instrumented; LeakSanitizer checks what mrt allocates.
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
    run_suite "$root/build-asan" -DMRT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DMRT_BUILD_BENCH=OFF
fi
