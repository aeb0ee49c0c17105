#!/usr/bin/env bash
# Derives a fast-loading private copy of libnode.so.108 (tools/relink/relink.c), verifies it
# runs V8, and installs it as OUT_DIR/libnode.so.108 (+ libnode.so symlink), with the stub
# library OUT_DIR/libmrt0.so it needs (see "Stubs" below).
#
#   tools/relink/v8-fast.sh [SRC_LIB] [OUT_DIR]
#
# SRC_LIB defaults to third_party/v8/usr/lib/x86_64-linux-gnu/libnode.so.108, else the
# system's; OUT_DIR to third_party/v8-fast. Idempotent: nothing to do when the copy exists and
# is newer than the source library, relink.c, stub-benign.c and this script. Any failure (tool,
# compiler, smoke test) of the stubbed copy falls back to the plain relinked copy (no stubs);
# a failure of that removes the copy and exits 0 with "using the stock library": the build's
# RUNPATH lists OUT_DIR first, so without a copy the stock library is used.
#
# Stubs. mrt uses only libnode's V8 API, never node:: code. libnode needs OpenSSL (libssl,
# libcrypto), nghttp2, brotli, c-ares and zlib for node:: code only (crypto, TLS, http2, zlib
# streams, dns, the inspector's compressed protocol JSON): V8 never calls them. (Checked on
# Debian 12's libnode 18.x by disassembly: every call site of the 611 functions it takes from
# them lies in node:: code, as do their 14 address-taken uses; V8 10.2 there calls no zlib.)
# Loading them costs the dynamic linker their own ~4,000 symbol lookups, their relative
# relocations and page faults. So the copy's DT_NEEDED entries for them become one stub,
# libmrt0.so, generated here from relink's list of what libnode takes from them (names,
# version nodes, data sizes): each function prints "mrt: internal error: <symbol> (a Node.js
# library function) was called" and aborts, so a call nobody foresaw fails loudly instead of
# misbehaving. The few functions libnode's static constructors/destructors call whatever the
# program does (nghttp2 callbacks set-up, brotli's version) get harmless versions from
# stub-benign.c. The stub is found through a DT_RUNPATH "$ORIGIN" the copy gets. Caveat: the
# stub sits in the process's global scope, so a library dlopen()ed later that needs the real
# OpenSSL/zlib/... would bind to it (and abort at its first call); mrt loads no such library.
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
# V8_FAST_STUB=0 (no stubs), V8_FAST_STUB_LIBS (comma-separated libraries to replace),
# V8_FAST_RELR=0 (no DT_RELR packing), RELR (a prebuilt relr binary), V8_FAST_NODE_CTORS=1
# (let node's static constructors run), V8_FAST_DIRECT_PLT=0 (keep the PLT as it is).
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
# library's empty _fini. V8's constructors and libstdc++'s stream set-up still run.
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
stub_name=libmrt0.so
stub_libs=${V8_FAST_STUB_LIBS:-libssl.so.3,libcrypto.so.3,libnghttp2.so.14,libbrotlidec.so.1,libbrotlienc.so.1,libcares.so.2,libz.so.1}
want_stub=${V8_FAST_STUB:-1}
state="$out/.v8-fast.state" # "stubbed" or "plain": what the installed copy is

# Up to date: the copy (and its stub, when it has one) newer than the inputs, made with the
# same stub setting (a failed stub attempt is not retried until an input changes).
if [ -f "$dst" ] && [ -f "$state" ] && [ "$dst" -nt "$src" ] && [ "$dst" -nt "$here/relink.c" ] && [ "$dst" -nt "$here/relr.c" ] &&
   [ "$dst" -nt "$here/v8-fast.sh" ] && [ "$dst" -nt "$here/stub-benign.c" ] && [ "$dst" -nt "$here/node-ctors.sh" ]; then
  st=$(cat "$state" 2>/dev/null)
  if { [ "$st" = stubbed ] && [ "$want_stub" != 0 ] && [ -f "$out/$stub_name" ]; } ||
     { [ "$st" = plain ] && [ "$want_stub" = 0 ]; } || [ "$st" = "plain (stubs failed)" ]; then
    say "up to date ($dst, $st)"
    exit 0
  fi
fi

work="$out/.work"
rm -rf "$work"
mkdir -p "$work/lib" "$work/plain" || { say "cannot create $work; using the stock library"; exit 0; }

fallback() {
  say "$*; using the stock library"
  rm -f "$dst" "$out/libnode.so" "$out/$stub_name" "$state"
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
  ctors=$("$here/node-ctors.sh" "$src" | paste -sd, -)
  [ -n "$ctors" ] && extra=(--init-noop "$ctors")
fi
[ "${V8_FAST_DIRECT_PLT:-1}" = 0 ] || extra+=(--direct-plt)
# shellcheck disable=SC2086
summary=$("$relink" ${RELINK_FLAGS---data} "${extra[@]}" "$src" "$work/plain/libnode.so.108" 2>"$work/relink.log") ||
  fallback "relink failed: $(head -c 300 "$work/relink.log")"
t1=$(now_ms)
say "${summary#relink: }"
say "relink took $((t1 - t0)) ms"

# 3. The stubbed copy and its stub, staged in $work/lib. Any failure: no stubs.
stubbed=0
nostub() { say "stubs not used: $*"; stubbed=0; rm -f "$work/lib/"*; }
if [ "$want_stub" != 0 ]; then
  stubbed=1
  # shellcheck disable=SC2086
  summary=$("$relink" ${RELINK_FLAGS---data} "${extra[@]}" --stub "$stub_name=$stub_libs" --stub-out "$work/stub" \
    "$src" "$work/lib/libnode.so.108" 2>"$work/relink-stub.log") ||
    nostub "relink --stub failed: $(head -c 300 "$work/relink-stub.log")"
  if [ $stubbed = 1 ]; then
    say "$(printf '%s\n' "$summary" | sed -n 's/^relink: stub /stub /p')"
    # The generated aborting stubs (weak) plus stub-benign.c: harmless versions of the few
    # functions libnode's static constructors/destructors call. -nostartfiles: no crt code, so
    # the stub's only relocations are its calls to write and abort.
    ${CC:-cc} -shared -fPIC -O1 -fno-builtin -nostartfiles -Wl,-z,now -Wl,-soname,"$stub_name" \
      -Wl,--version-script,"$work/stub.map" -include "$work/stub.h" -o "$work/lib/$stub_name" \
      "$work/stub.c" "$here/stub-benign.c" 2>"$work/stub-cc.log" ||
      nostub "cannot build $stub_name ($(head -c 300 "$work/stub-cc.log"))"
  fi
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
# RUNPATH: the staged stubbed copy, then the stock library. Run without LD_LIBRARY_PATH for the
# stubbed copy (found through the RUNPATH, its stub through the copy's own RUNPATH $ORIGIN, as
# in mrt's build), with LD_LIBRARY_PATH=$work/plain for the plain copy, =$libdir for stock.
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
if [ $stubbed = 1 ]; then
  if why=$(verify "" "$work/lib"); then
    # None of the replaced libraries is loaded; the stub is, from beside the copy.
    objs=$(run "" "$work/smoke" objects 2>&1)
    for l in ${stub_libs//,/ }; do
      if printf '%s\n' "$objs" | grep -q "/$l\$"; then nostub "$l is still loaded"; break; fi
    done
    [ $stubbed = 0 ] || printf '%s\n' "$objs" | grep -qxF "$work/lib/$stub_name" ||
      nostub "$stub_name not loaded from beside the copy"
  else
    nostub "$why"
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
  if [ $stubbed = 1 ]; then dir="$work/lib" lp=""; else dir="$work/plain" lp="$work/plain"; fi
  if why=$(pack "$lp" "$dir"); then
    packed=" (DT_RELR)"
    say "$why"
  else
    say "DT_RELR not used: $why"
  fi
fi

# 5. Timings: median of 11 runs, stock vs plain copy vs stubbed copy.
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
    [ $stubbed = 0 ] || line="$line, copy with stubs$packed $(median_ms "" "$work/$p") ms"
    if [ $p = nop ]; then say "load only (main returns at once): $line"; else say "V8 smoke: $line"; fi
  done
fi

# 6. Install: the stub before the copy that needs it; the state last.
rm -f "$state"
if [ $stubbed = 1 ]; then
  mv -f "$work/lib/$stub_name" "$out/$stub_name" || fallback "cannot install $out/$stub_name"
  mv -f "$work/lib/libnode.so.108" "$dst" || fallback "cannot install $dst"
  echo stubbed >"$state"
else
  mv -f "$work/plain/libnode.so.108" "$dst" || fallback "cannot install $dst"
  rm -f "$out/$stub_name"
  if [ "$want_stub" = 0 ]; then echo plain >"$state"; else echo "plain (stubs failed)" >"$state"; fi
fi
ln -sfn libnode.so.108 "$out/libnode.so"
rm -rf "$work"
# The copy was just written in large writes, and the page cache holds it in large folios
# that a page fault maps whole: until the kernel evicts it, every process loading it
# counts ~12 MB more resident (mrt hi.js: peak RSS 37 MB instead of 25). Written back and
# dropped, it is read again as after a reboot. Best effort (GNU sync and dd).
for f in "$dst" "$out/$stub_name"; do
  [ -f "$f" ] && sync "$f" 2>/dev/null && dd if="$f" iflag=nocache count=0 status=none 2>/dev/null
done
if [ $stubbed = 1 ]; then say "installed $dst and $out/$stub_name"; else say "installed $dst"; fi
exit 0
