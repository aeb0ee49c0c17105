#!/usr/bin/env bash
# Derives a private copy of libgcc_s.so.1 whose static constructor does not run, verifies it,
# and installs it as OUT_DIR/libgcc_s.so.1, beside the libnode copy (v8-fast.sh).
#
#   tools/relink/gcc-fast.sh [SRC_LIB] [OUT_DIR]
#
# SRC_LIB defaults to the system's libgcc_s.so.1, OUT_DIR to third_party/v8-fast.
#
# Why. libgcc_s's one constructor, __cpu_indicator_init, fills __cpu_model for programs
# whose __builtin_cpu_supports reads libgcc_s's copy of it. It runs 12 CPUID instructions at
# every start of every program loading libgcc_s (libstdc++, ICU and libnode need it for
# unwinding), and in a VM each CPUID traps to the hypervisor: 6.2 us here, ~80 us a start
# (--trace-startup's constructors 300 -> 218 us). Nobody in mrt's process reads that copy:
# GCC links __cpu_model hidden from libgcc.a into each program that asks, libgcc_s exports
# it only as a compatibility version (__cpu_model@GCC_4.8.0, no default version: no program
# linked today binds to it), and none of the
# libraries mrt loads (libnode's closure, and those its extensions dlopen: libcrypto, libz,
# brotli, libcurl and its dependencies, http-parser, wslay) imports __cpu_model or
# __cpu_indicator_init (checked with nm -D when this was written). A library that did would
# read no CPU features and take its generic code paths; calling __cpu_indicator_init itself
# sets them.
#
# How. relink --init-noop points the constructor's .init_array entry at the library's empty
# _fini (the entry is a symbolic reference to the exported function; relink binds libgcc_s's
# references to its own functions first, as for libnode, and nothing mrt builds defines one
# of those names: mrt exports 10 symbols). mrt lists libgcc_s.so.1 among its own needs
# (tools/CMakeLists.txt), so its RUNPATH finds this copy before libnode's and libstdc++'s
# needs find the system's.
#
# Verified: a C++ program that throws through a function of another translation unit and
# catches (the unwinder is libgcc_s's) loads the copy and runs; any failure installs nothing
# (the system's library is used). Idempotent: nothing to do when the copy is newer than the
# source, relink.c and this script. Environment: CC, CXX, RELINK (a prebuilt relink),
# GCC_FAST=0 (remove the copy: the system's library is used).
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/tools/relink"
src=${1:-}
if [ -z "$src" ]; then
  for c in /lib/x86_64-linux-gnu/libgcc_s.so.1 /usr/lib/x86_64-linux-gnu/libgcc_s.so.1; do
    if [ -e "$c" ]; then src=$c; break; fi
  done
fi
out=${2:-$root/third_party/v8-fast}
say() { [ "${V8_FAST_QUIET:-0}" = 1 ] || echo "gcc-fast: $*"; }
dst="$out/libgcc_s.so.1"

if [ "${GCC_FAST:-1}" = 0 ]; then
  rm -f "$dst"
  say "off (GCC_FAST=0): the system's libgcc_s is used"
  exit 0
fi
if [ -z "$src" ] || [ ! -f "$src" ]; then
  say "no libgcc_s.so.1 found; the system's is used"
  exit 0
fi
src=$(readlink -f "$src")
mkdir -p "$out" || { say "cannot create $out; the system's libgcc_s is used"; exit 0; }
if [ -f "$dst" ] && [ "$dst" -nt "$src" ] && [ "$dst" -nt "$here/relink.c" ] &&
   [ "$dst" -nt "$here/gcc-fast.sh" ]; then
  say "up to date ($dst)"
  exit 0
fi

work=$(mktemp -d) || { say "no temporary directory; the system's libgcc_s is used"; exit 0; }
trap 'rm -rf "$work"' EXIT
fallback() {
  rm -f "$dst"
  say "$*; the system's libgcc_s is used"
  exit 0
}

relink=${RELINK:-}
if [ -z "$relink" ]; then
  relink="$work/relink"
  ${CC:-cc} -std=c11 -O2 -o "$relink" "$here/relink.c" 2>"$work/cc.log" ||
    fallback "cannot build relink ($(head -c 300 "$work/cc.log"))"
fi

# The constructor: the exported __cpu_indicator_init, which .init_array must call.
ctor=$(readelf -W --dyn-syms "$src" 2>/dev/null |
       awk '$8 ~ /^__cpu_indicator_init(@|$)/ && $4 == "FUNC" { sub(/^0+/, "", $2); print $2; exit }')
[ -n "$ctor" ] || fallback "no __cpu_indicator_init in $src"
mkdir -p "$work/lib"
summary=$("$relink" --init-noop "$ctor" "$src" "$work/lib/libgcc_s.so.1" 2>"$work/relink.log") ||
  fallback "relink failed: $(head -c 300 "$work/relink.log")"

cat >"$work/throw.cc" <<'EOF'
#include <stdexcept>
void fail(int n);
int main(int argc, char **) {
  try {
    fail(argc + 41);
  } catch (const std::runtime_error &e) {
    return e.what()[0] == '4' && e.what()[1] == '2' ? 0 : 1;
  }
  return 2;
}
EOF
cat >"$work/fail.cc" <<'EOF'
#include <stdexcept>
#include <string>
void fail(int n) { throw std::runtime_error(std::to_string(n)); }
EOF
cat >"$work/where.c" <<'EOF'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
int main(void) {
  Dl_info info;
  void *p = dlsym(RTLD_DEFAULT, "_Unwind_RaiseException");
  if (!p || !dladdr(p, &info)) return 1;
  /* libgcc_s's __cpu_model: its vendor field stays 0 when the constructor did not run. */
  const unsigned *model = dlvsym(RTLD_DEFAULT, "__cpu_model", "GCC_4.8.0");
  printf("%s %u\n", info.dli_fname, model ? model[0] : 99u);
  return 0;
}
EOF
${CXX:-g++} -O1 -fPIC -shared -o "$work/lib/libfail.so" "$work/fail.cc" 2>"$work/cxx.log" &&
  ${CXX:-g++} -O1 -o "$work/throw" "$work/throw.cc" -L"$work/lib" -lfail \
    -Wl,--push-state,--no-as-needed,-lgcc_s,--pop-state -Wl,-rpath,"$work/lib" 2>>"$work/cxx.log" &&
  ${CC:-cc} -O1 -o "$work/where" "$work/where.c" -ldl \
    -Wl,--push-state,--no-as-needed,-lgcc_s,--pop-state -Wl,-rpath,"$work/lib" 2>>"$work/cxx.log" ||
  fallback "cannot build the checks ($(head -c 300 "$work/cxx.log"))"
read -r loaded vendor < <(env -u LD_LIBRARY_PATH "$work/where" 2>&1)
[ "$(readlink -f "$loaded")" = "$(readlink -f "$work/lib/libgcc_s.so.1")" ] ||
  fallback "the check did not load the copy (loaded: $(printf '%s' "$loaded" | head -c 200))"
[ "$vendor" = 0 ] || fallback "the copy's constructor still ran (__cpu_model vendor $vendor)"
env -u LD_LIBRARY_PATH "$work/throw" || fallback "an exception through the copy failed ($?)"

mv -f "$work/lib/libgcc_s.so.1" "$dst" || fallback "cannot install $dst"
# As for libnode's copy: written back and dropped, so that it is read as after a reboot.
sync "$dst" 2>/dev/null && dd if="$dst" iflag=nocache count=0 status=none 2>/dev/null
say "${summary##*$'\n'}" | sed 's/^gcc-fast: relink: /gcc-fast: /'
say "installed $dst (its constructor does not run)"
exit 0
