#!/usr/bin/env bash
# Checks of the installed libmrt (tests/install/tests.cmake registers them with ctest).
#   install_test.sh install  BUILD PREFIX          cmake --install BUILD into PREFIX (fresh)
#   install_test.sh example  PREFIX SRC NAME       build examples/NAME.c from PREFIX with
#                                                  pkg-config, run it, compare with NAME.out
#   install_test.sh readme   PREFIX SRC            the README's embedding example, likewise
#   install_test.sh docs     PREFIX SRC            the guide names only what mrt.h has (docs.sh)
#   install_test.sh symbols  PREFIX SRC ARCHIVE...  only mrt.h's functions leave libmrt (symbols.sh)
# CFLAGS from the environment are added to every compile (the sanitizer builds pass theirs).
set -euo pipefail
what=$1; shift
export PKG_CONFIG_PATH=""
cflags=${CFLAGS:-}

if [ "$what" = install ]; then
  build=$1 prefix=$2
  # A fresh prefix, but for the private libnode (45 MB): cmake --install copies it only when
  # the build's differs (by time stamp) and else reports it up to date; either way this
  # install must name it, so a copy left over from an earlier run does not pass alone.
  nodelib=$prefix/lib/mrt/libnode.so.108
  if [ -d "$prefix" ]; then
    find "$prefix" -mindepth 1 -depth ! -path "$prefix/lib" ! -path "$prefix/lib/mrt" \
      ! -path "$nodelib" -delete
  fi
  log=$(cmake --install "$build" --prefix "$prefix")
  grep -qxF -e "-- Installing: $nodelib" -e "-- Up-to-date: $nodelib" <<<"$log" ||
    { echo "install: cmake --install did not install $nodelib"; exit 1; }
  for f in include/mrt.h lib/libmrt.so lib/libmrt.a lib/pkgconfig/libmrt.pc bin/mrt \
           lib/mrt/libnode.so.108; do
    [ -e "$prefix/$f" ] || { echo "install: $f missing from $prefix"; exit 1; }
  done
  soname=$(readelf -d "$prefix/lib/libmrt.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
  [ "$soname" = libmrt.so.0 ] || { echo "install: SONAME is '$soname', not libmrt.so.0"; exit 1; }
  # RUNPATHs: the build tree's without an empty entry (the dynamic loader would search the
  # current directory for every library at every start), the installed ones relative.
  runpath() { readelf -d "$1" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p'; }
  for f in "$build/tools/mrt" "$build/core/libmrt.so"; do
    case ":$(runpath "$f"):" in *::*) echo "install: empty RUNPATH entry in $f"; exit 1 ;; esac
  done
  [ "$(runpath "$prefix/bin/mrt")" = '$ORIGIN/../lib/mrt' ] &&
    [ "$(runpath "$prefix/lib/libmrt.so")" = '$ORIGIN/mrt' ] ||
    { echo "install: installed RUNPATHs are not \$ORIGIN-relative"; exit 1; }
  # The installed command runs on the private libnode, from any directory.
  out=$(cd / && "$prefix/bin/mrt" eval 'console.log(6 * 7)')
  [ "$out" = 42 ] || { echo "install: bin/mrt printed '$out'"; exit 1; }
  exit 0
fi

prefix=$1 src=$2; shift 2
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Builds C source $1 into $work/$2 the way an embedder would, runs it in $work and compares its
# stdout with file $3.
build_run_compare() {
  local c=$1 exe=$work/$2 expected=$3
  # shellcheck disable=SC2046,SC2086
  cc -Wall -Wextra -Werror $cflags -o "$exe" "$c" \
    $(pkg-config --cflags --libs libmrt) -lpthread
  local got=$work/$2.got
  (cd "$work" && "$exe" >"$got") || { echo "$2: exit status $?"; cat "$got"; exit 1; }
  diff -u "$expected" "$got" || { echo "$2: output differs from $expected"; exit 1; }
}

case $what in
  example)
    build_run_compare "$src/examples/$1.c" "$1" "$src/examples/$1.out"
    ;;
  readme)
    # The first ```c block of the "Embedding" section, as written.
    awk '/^## Embedding/ { s = 1 } s && /^```c$/ { c = 1; next } c && /^```$/ { exit } c' \
      "$src/README.md" >"$work/readme.c"
    [ -s "$work/readme.c" ] || { echo "readme: no C example under '## Embedding'"; exit 1; }
    printf '42\n' >"$work/readme.out"
    build_run_compare "$work/readme.c" readme "$work/readme.out"
    ;;
  docs)
    bash "$src/tests/install/docs.sh" "$src"
    ;;
  symbols)
    bash "$src/tests/install/symbols.sh" "$prefix" "$work" "$@"
    ;;
  *) echo "install_test.sh: unknown check $what"; exit 2 ;;
esac
