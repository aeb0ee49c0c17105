#!/usr/bin/env bash
# Installs everything mrt's build needs on Debian 12, idempotently (--fuzz: and the fuzzers').
# Fast path: when every package is present and V8 is unpacked, it only checks and exits.
#
# V8 comes from Debian's libnode108/libnode-dev. Where apt would refuse libnode-dev (a Node.js
# from another source is installed), both packages are downloaded and unpacked into
# third_party/v8 (git-ignored); CMake looks there first, then in /usr.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
v8dir="$root/third_party/v8"

# Packages the build and the tests need. libnode108's own shared-library dependencies are
# listed so the unpacked copy can load. libedit-dev: the REPL's line editing (libedit.so.2, dlopen()ed
# when the REPL starts).
pkgs=(cmake make gcc g++ pkg-config libuv1-dev libmimalloc-dev libbenchmark-dev libcmocka-dev libssl-dev
      libicu-dev libcurl4-openssl-dev zlib1g-dev libbrotli-dev libcjson-dev libhttp-parser-dev
      libedit-dev libwslay-dev
      libicu72 libc-ares2 libbrotli1 libnghttp2-14 libssl3 libuv1 zlib1g)
# --fuzz: also what tools/fuzz.sh needs (clang with libFuzzer and the sanitizer runtimes).
[ "${1:-}" = "--fuzz" ] && pkgs+=(clang libclang-rt-14-dev)
# npm installs the JS libraries bundled at build time (below); Debian's when none is on PATH.
command -v npm >/dev/null 2>&1 || pkgs+=(npm)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=0
apt_update_once() {
  if [ $apt_updated = 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
}

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

have_v8() { [ -f "$1/usr/include/node/v8.h" ] && [ -e "$1/usr/lib/x86_64-linux-gnu/libnode.so.108" ]; }

if have_v8 "" ; then
  v8root=""
elif have_v8 "$v8dir"; then
  v8root="$v8dir"
else
  echo "setup: unpacking V8 (libnode108, libnode-dev) into third_party/v8"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  ( cd "$tmp" && { apt-get download libnode108 libnode-dev >/dev/null 2>&1 ||
                   { apt_update_once; apt-get download libnode108 libnode-dev >/dev/null 2>&1; }; } )
  mkdir -p "$v8dir"
  for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$v8dir"; done
  have_v8 "$v8dir" || { echo "setup: V8 unpack failed" >&2; exit 1; }
  v8root="$v8dir"
fi
echo "setup: ok (V8 in ${v8root:-/usr})"

# A private copy of libnode whose references to its own functions and data are pre-bound,
# and whose OpenSSL/nghttp2/brotli/c-ares/zlib dependencies (used by node:: code only, never
# by V8) are not loaded (cold start: most of the dynamic linker's work). Verified by
# tools/relink/v8-fast.sh, which falls back to the plain relinked copy, then to the stock
# library, on any failure; the build's RUNPATH lists the copy's folder first. Beside it, a
# copy of libgcc_s whose constructor (12 CPUID instructions) does not run
# (tools/relink/gcc-fast.sh, verified the same way).
bash "$root/tools/relink/v8-fast.sh" "${v8root:-}/usr/lib/x86_64-linux-gnu/libnode.so.108" \
  "$root/third_party/v8-fast" | sed 's/^/setup: /'
bash "$root/tools/relink/gcc-fast.sh" "" "$root/third_party/v8-fast" | sed 's/^/setup: /'

# JS libraries bundled into the binary at build time (tools/js/package.json, pinned by its
# lockfile), installed into third_party/js; reinstalled when the lockfile changes.
js="$root/third_party/js"
if ! cmp -s "$root/tools/js/package-lock.json" "$js/package-lock.json" ||
   [ ! -d "$js/node_modules" ]; then
  echo "setup: installing bundled JS libraries (npm ci) into third_party/js"
  rm -rf "$js" && mkdir -p "$js"
  cp "$root/tools/js/package.json" "$root/tools/js/package-lock.json" "$js/"
  (cd "$js" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) ||
    { rm -rf "$js"; echo "setup: npm ci failed" >&2; exit 1; }
fi

# The package corpus (tests/packages: popular npm packages run under node and mrt), installed
# from its lockfile into tests/packages/node_modules (git-ignored); reinstalled when the
# lockfile changes (a copy of the installed lockfile is kept in node_modules as the stamp).
pk="$root/tests/packages"
if ! cmp -s "$pk/package-lock.json" "$pk/node_modules/.mrt-lock.json"; then
  echo "setup: installing the package corpus (npm ci) into tests/packages/node_modules"
  rm -rf "$pk/node_modules"
  (cd "$pk" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) ||
    { rm -rf "$pk/node_modules"; echo "setup: npm ci failed (tests/packages)" >&2; exit 1; }
  cp "$pk/package-lock.json" "$pk/node_modules/.mrt-lock.json"
fi
