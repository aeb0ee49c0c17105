#!/usr/bin/env bash
# Derives a fast-loading private copy of libnode.so.108 (tools/relink/relink.c), verifies it
# runs V8, and installs it as OUT_DIR/libnode.so.108 (+ libnode.so symlink).
#
#   tools/relink/v8-fast.sh [SRC_LIB] [OUT_DIR]
#
# SRC_LIB defaults to third_party/v8/usr/lib/x86_64-linux-gnu/libnode.so.108, else the
# system's; OUT_DIR to third_party/v8-fast. Idempotent: nothing to do when the copy exists and
# is newer than the source library, relink.c and this script. Any failure (tool, compiler,
# smoke test) removes the copy and exits 0 with "using the stock library": the build's RUNPATH
# lists OUT_DIR first, so without a copy the stock library is used.
#
# Environment: CC (default cc), CXX (default g++), RELINK (a prebuilt relink binary),
# RELINK_FLAGS (extra relink options, e.g. "-x path/to/executable"), V8_FAST_QUIET=1.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/tools/relink"
src=${1:-}
if [ -z "$src" ]; then
  for c in "$root/third_party/v8/usr/lib/x86_64-linux-gnu/libnode.so.108" \
           /usr/lib/x86_64-linux-gnu/libnode.so.108; do
    if [ -e "$c" ]; then src=$c; break; fi
  done
fi
out=${2:-$root/third_party/v8-fast}
say() { [ "${V8_FAST_QUIET:-0}" = 1 ] || echo "v8-fast: $*"; }

if [ -z "$src" ] || [ ! -f "$src" ]; then
  say "no source library (${src:-libnode.so.108 not found}); using the stock library"
  exit 0
fi
src=$(readlink -f "$src")
mkdir -p "$out" || { say "cannot create $out; using the stock library"; exit 0; }
out=$(cd "$out" && pwd)
dst="$out/libnode.so.108"

if [ -f "$dst" ] && [ "$dst" -nt "$src" ] && [ "$dst" -nt "$here/relink.c" ] &&
   [ "$dst" -nt "$here/v8-fast.sh" ]; then
  say "up to date ($dst)"
  exit 0
fi

work="$out/.work"
rm -rf "$work"
mkdir -p "$work/lib" || { say "cannot create $work; using the stock library"; exit 0; }

fallback() {
  say "$*; using the stock library"
  rm -f "$dst" "$out/libnode.so"
  rm -rf "$work"
  exit 0
}

now_ms() { date +%s%3N; }

# Headers: beside the library (…/usr/lib/<triplet>/ → …/usr/include/node), else the system's.
inc=""
for c in "$(dirname "$src")/../../include/node" "$(dirname "$src")/../include/node" /usr/include/node; do
  if [ -f "$c/v8.h" ]; then inc=$(cd "$c" && pwd); break; fi
done
[ -n "$inc" ] || fallback "V8 headers (v8.h) not found"

# 1. The tool.
relink=${RELINK:-}
if [ -z "$relink" ]; then
  relink="$work/relink"
  ${CC:-cc} -std=c11 -O2 -o "$relink" "$here/relink.c" 2>"$work/cc.log" ||
    fallback "cannot build relink ($(head -c 300 "$work/cc.log"))"
fi

# 2. The copy, staged in $work/lib.
t0=$(now_ms)
# shellcheck disable=SC2086
summary=$("$relink" ${RELINK_FLAGS:-} "$src" "$work/lib/libnode.so.108" 2>"$work/relink.log") ||
  fallback "relink failed: $(head -c 300 "$work/relink.log")"
t1=$(now_ms)
say "${summary#relink: }"
say "relink took $((t1 - t0)) ms"

# 3. Verify: a tiny embedder (platform, isolate, context, '6*7' == 42) loads the copy.
cat >"$work/smoke.cc" <<'EOF'
#include <dlfcn.h>
#include <libplatform/libplatform.h>
#include <v8.h>
#include <cstdio>
int main(int argc, char **argv) {
  Dl_info info;
  if (!dladdr(reinterpret_cast<void *>(&v8::V8::GetVersion), &info) || !info.dli_fname) return 3;
  if (argc > 1) { std::printf("%s\n", info.dli_fname); return 0; }
  v8::V8::InitializeICUDefaultLocation(argv[0]);
  std::unique_ptr<v8::Platform> platform = v8::platform::NewDefaultPlatform();
  v8::V8::InitializePlatform(platform.get());
  v8::V8::Initialize();
  v8::Isolate::CreateParams params;
  params.array_buffer_allocator = v8::ArrayBuffer::Allocator::NewDefaultAllocator();
  v8::Isolate *isolate = v8::Isolate::New(params);
  int result = -1;
  {
    v8::Isolate::Scope isolate_scope(isolate);
    v8::HandleScope handle_scope(isolate);
    v8::Local<v8::Context> context = v8::Context::New(isolate);
    v8::Context::Scope context_scope(context);
    v8::Local<v8::String> src = v8::String::NewFromUtf8Literal(isolate, "6*7");
    v8::Local<v8::Script> script = v8::Script::Compile(context, src).ToLocalChecked();
    result = script->Run(context).ToLocalChecked()->Int32Value(context).FromJust();
  }
  isolate->Dispose();
  v8::V8::Dispose();
  v8::V8::DisposePlatform();
  delete params.array_buffer_allocator;
  std::printf("%d\n", result);
  return result == 42 ? 0 : 1;
}
EOF
echo 'int main(void) { return 0; }' >"$work/nop.c"
libdir=$(dirname "$src")
${CXX:-g++} -std=c++17 -O1 -I"$inc" "$work/smoke.cc" -o "$work/smoke" -L"$libdir" -l:libnode.so.108 \
  -Wl,-rpath,"$libdir" 2>"$work/cxx.log" ||
  fallback "cannot build the smoke test ($(head -c 300 "$work/cxx.log"))"
${CC:-cc} "$work/nop.c" -o "$work/nop" -Wl,--no-as-needed -L"$libdir" -l:libnode.so.108 \
  -Wl,-rpath,"$libdir" 2>/dev/null || fallback "cannot build the load-time probe"

loaded=$(LD_LIBRARY_PATH="$work/lib" "$work/smoke" where 2>&1)
[ "$(readlink -f "$loaded" 2>/dev/null)" = "$(readlink -f "$work/lib/libnode.so.108")" ] ||
  fallback "smoke test did not load the copy (loaded: $loaded)"
res=$(LD_LIBRARY_PATH="$work/lib" timeout 60 "$work/smoke" 2>&1) ||
  fallback "smoke test failed with the copy: $(echo "$res" | head -c 300)"
[ "$res" = 42 ] || fallback "smoke test printed '$res', expected 42"

# 4. Timings: median of 11 runs, stock vs copy.
median_ms() { # LIBDIR PROGRAM
  local s e ts=()
  LD_LIBRARY_PATH="$1" "$2" >/dev/null 2>&1 # warm-up
  for _ in 1 2 3 4 5 6 7 8 9 10 11; do
    s=$(date +%s%N)
    LD_LIBRARY_PATH="$1" "$2" >/dev/null 2>&1
    e=$(date +%s%N)
    ts+=($(((e - s) / 10000)))
  done
  printf '%s\n' "${ts[@]}" | sort -n | sed -n 6p | awk '{printf "%.1f", $1 / 100}'
}
if [ "${V8_FAST_QUIET:-0}" != 1 ]; then
  say "load only (main returns at once): stock $(median_ms /nonexistent "$work/nop") ms," \
      "copy $(median_ms "$work/lib" "$work/nop") ms"
  say "V8 smoke ('6*7'): stock $(median_ms /nonexistent "$work/smoke") ms," \
      "copy $(median_ms "$work/lib" "$work/smoke") ms"
fi

# 5. Install atomically.
mv -f "$work/lib/libnode.so.108" "$dst" || fallback "cannot install $dst"
ln -sfn libnode.so.108 "$out/libnode.so"
rm -rf "$work"
say "installed $dst"
exit 0
