#!/usr/bin/env bash
# Derives a fast-loading private copy of libnode.so.108 (tools/relink/relink.c), verifies it
# runs V8, and installs it as OUT_DIR/libnode.so.108 (+ libnode.so symlink).
#
#   tools/relink/v8-fast.sh [SRC_LIB] [OUT_DIR]
#
# SRC_LIB defaults to third_party/v8/usr/lib/x86_64-linux-gnu/libnode.so.108, else the
# system's; OUT_DIR to third_party/v8-fast. Idempotent: nothing to do when the copy exists and
# is newer than the source library, relink.c, relr.c, node-ctors.sh, iostream-ctors.sh and this script. Any
# failure (tool, compiler, smoke test) of the copy without node's libraries falls back to the
# plain relinked copy (which still needs them); a failure of that removes the copy and exits 0
# with "using the stock library": the build's RUNPATH lists OUT_DIR first, so without a copy
# the stock library is used.
#
# Node's libraries. mrt uses only libnode's V8 API, never node:: code. libnode needs OpenSSL
# (libssl, libcrypto), nghttp2, brotli, c-ares and zlib for node:: code only (crypto, TLS,
# http2, zlib streams, dns, the inspector's compressed protocol JSON): V8 never calls them.
# (Checked on Debian 12's libnode 18.x by disassembly: every call site of the 611 functions it
# takes from them lies in node:: code, as do their 14 address-taken uses; V8 10.2 there calls
# no zlib.) Loading them cost the dynamic linker ~4,000 symbol lookups of their own, their
# relative relocations and page faults. So the copy does not need them (relink --trap): its
# 611 references to their functions are bound to a `ud2` instruction of libnode itself, and
# their version needs go. A call nobody foresaw stops the process with SIGILL instead of
# running a library mrt does not load. The only code that called them at every start, whatever
# the program did, was node's static constructors (the nghttp2 callbacks' set-up, brotli's
# version), which no longer run (below): the trap needs them skipped, and V8_FAST_NODE_CTORS=1
# turns it off too.
# Until this session the references went to a generated stub library, libmrt0.so, whose
# functions aborted with the symbol's name: that cost 611 look-ups (3% of `mrt hi.js`'s
# instructions) and a library load at every start. Data objects cannot be trapped: relink
# refuses them (there are none).
#
# Data. The copy also pre-binds libnode's references to its own data objects (relink --data:
# V8's flags, vtables, template statics; 6,009 of the 8,090 symbolic relocations that
# remained, 2.9M of the 26M instructions of `mrt hi.js`). That holds while no program loading
# the copy defines one of those objects itself (a copy relocation, a shared template static);
# ctest relink_data_check verifies it for everything mrt builds (tools/relink/check-data.sh),
# and an embedder reading V8's internal variables from its own executable must check the same
# or set RELINK_FLAGS= (empty) to relink functions only.
#
# Environment: CC (default cc), CXX (default g++), RELINK (a prebuilt relink binary),
# RELINK_FLAGS (relink options, default "--data"; e.g. "-x path/to/executable"), V8_FAST_QUIET=1,
# V8_FAST_TRAP=0 (keep node's libraries), V8_FAST_TRAP_LIBS (comma-separated libraries to drop),
# V8_FAST_RELR=0 (no DT_RELR packing), RELR (a prebuilt relr binary), V8_FAST_NODE_CTORS=1
# (let node's static constructors run), V8_FAST_IOSTREAM_CTORS=1 (let every <iostream>
# set-up run), V8_FAST_DIRECT_PLT=0 (keep the PLT as it is).
#
# PLT. relink --direct-plt makes the PLT stubs of libnode's own functions jump directly: their
# 28,437 GOT slots, which the loader wrote (copying ~58 pages) at every start, go unused, and
# the 1,383 slots of imported functions move together into the lowest few pages.
#
# Constructors. node's own static constructors (its option parsers, its table of built-in
# JavaScript sources, per-process mutexes and state) ran at every start of every program
# loading the copy, for code mrt never calls: 0.6M instructions and ~230 page faults of
# `mrt hi.js`. node-ctors.sh finds them in the stock library by what they call (node::
# functions and no v8:: one), and relink --init-noop points their .init_array entries at the
# library's empty _fini. V8's constructors still run, and libstdc++'s stream set-up once:
# 1,006 of the 1,029 constructors only set up <iostream> for their translation unit (an
# ios_base::Init and the atexit call that destroys it), and all but the first are skipped too
# (iostream-ctors.sh: 1,010 -> 5 Init calls, 1,026 -> 21 atexit entries, --trace-startup's
# constructors 335 -> 293 us, 13 fewer page faults). V8_FAST_IOSTREAM_CTORS=1 keeps them.
#
# Packing. The installed copy's RELATIVE relocations are then packed as DT_RELR
# (tools/relink/relr.c): 82,000 relocations, 2 MB of table that the dynamic linker read at
# every start and that stayed in the process's RSS, become 13 KB (mrt hi.js: peak RSS
# 29.5 -> 26.3 MB, 0.46M fewer instructions). It needs glibc 2.36 (Debian 12); where the
# packed copy does not run, the unpacked one is installed.
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
old_stub=libmrt0.so # the stub library earlier versions installed beside the copy
trap_libs=${V8_FAST_TRAP_LIBS:-libssl.so.3,libcrypto.so.3,libnghttp2.so.14,libbrotlidec.so.1,libbrotlienc.so.1,libcares.so.2,libz.so.1}
want_trap=${V8_FAST_TRAP:-1}
[ "${V8_FAST_NODE_CTORS:-0}" != 1 ] || want_trap=0
state="$out/.v8-fast.state" # "trapped" or "plain": what the installed copy is

# Up to date: the copy newer than the inputs, made with the same trap setting (a failed
# attempt is not retried until an input changes).
if [ -f "$dst" ] && [ -f "$state" ] && [ "$dst" -nt "$src" ] && [ "$dst" -nt "$here/relink.c" ] && [ "$dst" -nt "$here/relr.c" ] &&
   [ "$dst" -nt "$here/v8-fast.sh" ] && [ "$dst" -nt "$here/node-ctors.sh" ] && [ "$dst" -nt "$here/iostream-ctors.sh" ] &&
   [ "$dst" -nt "$here/init-array.sh" ]; then
  st=$(cat "$state" 2>/dev/null)
  if { [ "$st" = trapped ] && [ "$want_trap" != 0 ]; } ||
     { [ "$st" = plain ] && [ "$want_trap" = 0 ]; } || [ "$st" = "plain (trap failed)" ]; then
    say "up to date ($dst, $st)"
    exit 0
  fi
fi

work="$out/.work"
rm -rf "$work"
mkdir -p "$work/lib" "$work/plain" || { say "cannot create $work; using the stock library"; exit 0; }

fallback() {
  say "$*; using the stock library"
  rm -f "$dst" "$out/libnode.so" "$out/$old_stub" "$state"
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
relr=${RELR:-}
if [ -z "$relr" ]; then
  relr="$work/relr"
  ${CC:-cc} -std=c11 -O2 -o "$relr" "$here/relr.c" 2>"$work/cc-relr.log" || relr=""
fi

# 2. The plain copy, staged in $work/plain. node's own static constructors are kept from
# running (node-ctors.sh says which and why) unless V8_FAST_NODE_CTORS=1.
t0=$(now_ms)
extra=()
if [ "${V8_FAST_NODE_CTORS:-0}" != 1 ]; then
  ctors=$("$here/node-ctors.sh" "$src")
fi
# And all but one of the 1,006 constructors that only set up <iostream> (iostream-ctors.sh
# says why that is sound) unless V8_FAST_IOSTREAM_CTORS=1.
[ "${V8_FAST_IOSTREAM_CTORS:-0}" = 1 ] || ctors=$(printf '%s\n%s\n' "${ctors:-}" "$("$here/iostream-ctors.sh" "$src")")
ctors=$(printf '%s\n' "${ctors:-}" | sed '/^$/d' | sort -u | paste -sd, -)
[ -n "$ctors" ] && extra=(--init-noop "$ctors")
[ "${V8_FAST_DIRECT_PLT:-1}" = 0 ] || extra+=(--direct-plt)
# shellcheck disable=SC2086
summary=$("$relink" ${RELINK_FLAGS---data} "${extra[@]}" "$src" "$work/plain/libnode.so.108" 2>"$work/relink.log") ||
  fallback "relink failed: $(head -c 300 "$work/relink.log")"
t1=$(now_ms)
say "${summary#relink: }"
say "relink took $((t1 - t0)) ms"

# 3. The copy without node's libraries, staged in $work/lib. Any failure: the plain copy.
trapped=0
notrap() { say "node's libraries kept: $*"; trapped=0; rm -f "$work/lib/"*; }
if [ "$want_trap" != 0 ]; then
  trapped=1
  # shellcheck disable=SC2086
  summary=$("$relink" ${RELINK_FLAGS---data} "${extra[@]}" --trap "$trap_libs" \
    "$src" "$work/lib/libnode.so.108" 2>"$work/relink-trap.log") ||
    notrap "relink --trap failed: $(head -c 300 "$work/relink-trap.log")"
  [ $trapped = 0 ] || say "$(printf '%s\n' "$summary" | sed -n 's/^relink: trap /trap /p')"
fi

# 4. Verify: a tiny embedder (platform, isolate, context, a script using JSON, Intl (ICU),
# Date and RegExp) loads the copy.
cat >"$work/smoke.cc" <<'EOF'
#include <dlfcn.h>
#include <link.h>
#include <libplatform/libplatform.h>
#include <v8.h>
#include <cstdio>
#include <cstring>
static int print_object(struct dl_phdr_info *info, size_t, void *) {
  if (info->dlpi_name && *info->dlpi_name) std::printf("%s\n", info->dlpi_name);
  return 0;
}
int main(int argc, char **argv) {
  Dl_info info;
  if (!dladdr(reinterpret_cast<void *>(&v8::V8::GetVersion), &info) || !info.dli_fname) return 3;
  if (argc > 1 && std::strcmp(argv[1], "where") == 0) { std::printf("%s\n", info.dli_fname); return 0; }
  if (argc > 1 && std::strcmp(argv[1], "objects") == 0) return dl_iterate_phdr(print_object, nullptr);
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
    v8::Local<v8::String> src = v8::String::NewFromUtf8Literal(isolate,
        "const o = JSON.parse('{\"a\":[1,2,3]}');"
        "new Intl.NumberFormat('en').format(1234.5) + ' ' + o.a.length * 14 + ' ' +"
        "new Date(0).toISOString() + ' ' + /b+/.exec('abbbc')[0] + ' ' + 6 * 7");
    v8::Local<v8::Script> script = v8::Script::Compile(context, src).ToLocalChecked();
    v8::String::Utf8Value out(isolate, script->Run(context).ToLocalChecked());
    if (std::strcmp(*out, "1,234.5 42 1970-01-01T00:00:00.000Z bbb 42") == 0) result = 42;
    else std::fprintf(stderr, "script returned '%s'\n", *out);
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
# RUNPATH: the staged copy without node's libraries, then the stock library. Run without
# LD_LIBRARY_PATH for that copy (found through the RUNPATH, as in mrt's build), with
# LD_LIBRARY_PATH=$work/plain for the plain copy, =$libdir for stock.
${CXX:-g++} -std=c++17 -O1 -I"$inc" "$work/smoke.cc" -o "$work/smoke" -L"$libdir" -l:libnode.so.108 \
  -Wl,-rpath,"$work/lib:$libdir" 2>"$work/cxx.log" ||
  fallback "cannot build the smoke test ($(head -c 300 "$work/cxx.log"))"
${CC:-cc} "$work/nop.c" -o "$work/nop" -Wl,--no-as-needed -L"$libdir" -l:libnode.so.108 \
  -Wl,-rpath,"$work/lib:$libdir" 2>/dev/null || fallback "cannot build the load-time probe"

run() { # LD_LIBRARY_PATH (empty: unset) COMMAND...
  if [ -n "$1" ]; then LD_LIBRARY_PATH=$1 "${@:2}"; else env -u LD_LIBRARY_PATH "${@:2}"; fi
}
verify() { # LD_LIBRARY_PATH DIR: prints why and fails when the copy in DIR does not work
  local loaded res
  loaded=$(run "$1" "$work/smoke" where 2>&1)
  [ "$(readlink -f "$loaded" 2>/dev/null)" = "$(readlink -f "$2/libnode.so.108")" ] ||
    { echo "smoke test did not load the copy (loaded: $(echo "$loaded" | head -c 300))"; return 1; }
  res=$(run "$1" timeout 60 "$work/smoke" 2>&1) ||
    { echo "smoke test failed with the copy: $(echo "$res" | head -c 300)"; return 1; }
  [ "$res" = 42 ] || { echo "smoke test printed '$(echo "$res" | head -c 300)', expected 42"; return 1; }
}
if [ $trapped = 1 ]; then
  if why=$(verify "" "$work/lib"); then
    # None of the dropped libraries is loaded.
    objs=$(run "" "$work/smoke" objects 2>&1)
    for l in ${trap_libs//,/ }; do
      if printf '%s\n' "$objs" | grep -q "/$l\$"; then notrap "$l is still loaded"; break; fi
    done
  else
    notrap "$why"
  fi
fi
why=$(verify "$work/plain" "$work/plain") || fallback "$why"

# 4b. Packed relative relocations (tools/relink/relr.c, DT_RELR, glibc >= 2.36): the 2 MB
# RELATIVE table becomes ~13 KB. Each copy packed is verified again; one that fails to pack or
# to run stays unpacked.
packed=""
pack() { # LD_LIBRARY_PATH DIR: packs DIR's copy, prints relr's summary, or why not and fails
  local log why
  [ -n "$relr" ] || { echo "relr could not be built"; return 1; }
  cp -p "$2/libnode.so.108" "$work/unpacked.so" || { echo "cannot copy $2/libnode.so.108"; return 1; }
  if ! log=$("$relr" "$2/libnode.so.108" "$2/libnode.so.108" 2>&1); then
    mv -f "$work/unpacked.so" "$2/libnode.so.108"
    echo "$log" | head -c 300
    return 1
  fi
  if ! why=$(verify "$1" "$2"); then
    mv -f "$work/unpacked.so" "$2/libnode.so.108"
    echo "$why"
    return 1
  fi
  rm -f "$work/unpacked.so"
  echo "${log#relr: }"
}
if [ "${V8_FAST_RELR:-1}" != 0 ]; then
  if [ $trapped = 1 ]; then dir="$work/lib" lp=""; else dir="$work/plain" lp="$work/plain"; fi
  if why=$(pack "$lp" "$dir"); then
    packed=" (DT_RELR)"
    say "$why"
  else
    say "DT_RELR not used: $why"
  fi
fi

# 5. Timings: median of 11 runs, stock vs plain copy vs the copy without node's libraries.
median_ms() { # LD_LIBRARY_PATH PROGRAM
  local s e ts=()
  run "$1" "$2" >/dev/null 2>&1 # warm-up
  for _ in 1 2 3 4 5 6 7 8 9 10 11; do
    s=$(date +%s%N)
    run "$1" "$2" >/dev/null 2>&1
    e=$(date +%s%N)
    ts+=($(((e - s) / 10000)))
  done
  printf '%s\n' "${ts[@]}" | sort -n | sed -n 6p | awk '{printf "%.1f", $1 / 100}'
}
if [ "${V8_FAST_QUIET:-0}" != 1 ]; then
  for p in nop smoke; do
    line="stock $(median_ms "$libdir" "$work/$p") ms, copy $(median_ms "$work/plain" "$work/$p") ms"
    [ $trapped = 0 ] || line="$line, copy without node's libraries$packed $(median_ms "" "$work/$p") ms"
    if [ $p = nop ]; then say "load only (main returns at once): $line"; else say "V8 smoke: $line"; fi
  done
fi

# 6. Install; the state last.
rm -f "$state" "$out/$old_stub"
if [ $trapped = 1 ]; then
  mv -f "$work/lib/libnode.so.108" "$dst" || fallback "cannot install $dst"
  echo trapped >"$state"
else
  mv -f "$work/plain/libnode.so.108" "$dst" || fallback "cannot install $dst"
  if [ "$want_trap" = 0 ]; then echo plain >"$state"; else echo "plain (trap failed)" >"$state"; fi
fi
ln -sfn libnode.so.108 "$out/libnode.so"
rm -rf "$work"
# The copy was just written in large writes, and the page cache holds it in large folios
# that a page fault maps whole: until the kernel evicts it, every process loading it
# counts ~12 MB more resident (mrt hi.js: peak RSS 37 MB instead of 25). Written back and
# dropped, it is read again as after a reboot. Best effort (GNU sync and dd).
sync "$dst" 2>/dev/null && dd if="$dst" iflag=nocache count=0 status=none 2>/dev/null
if [ $trapped = 1 ]; then say "installed $dst (without node's libraries)"; else say "installed $dst"; fi
exit 0
