#!/usr/bin/env bash
# Test of iostream-ctors.sh with relink --init-noop on a small C++ library: of four
# translation units that include <iostream>, two only set the streams up, one also calls
# getenv for another initialiser and one also stores a value computed at run time. Exactly
# one constructor is listed (the second of the two plain ones); with it skipped, the library
# still prints through std::cout (flushed at exit) and the mixed constructors still run.
#
#   tools/relink/test-iostream-ctors.sh RELINK WORKDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
relink=${1:?usage: test-iostream-ctors.sh RELINK WORKDIR}
work=${2:?usage: test-iostream-ctors.sh RELINK WORKDIR}
mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

${CXX:-g++} -shared -fPIC -O2 -o "$work/libfixture.so" \
  "$here/test/iostream_a.cc" "$here/test/iostream_b.cc" "$here/test/iostream_mixed.cc" \
  "$here/test/iostream_store.cc"
${CC:-cc} -O2 -o "$work/driver" "$here/test/iostream_main.c" -ldl

listed=$("$here/iostream-ctors.sh" "$work/libfixture.so")
[ "$(printf '%s\n' "$listed" | sed '/^$/d' | wc -l)" = 1 ] ||
  fail "expected one constructor listed, got: '$listed'"
# The listed one is a plain one (a mixed one listed as well would make two).
objdump -d -C --no-show-raw-insn --start-address=0x"$listed" --stop-address=$((16#$listed + 64)) \
  "$work/libfixture.so" | grep -q 'getenv' && fail "the mixed constructor was listed"

[ "$("$work/driver" "$work/libfixture.so")" = "streams work" ] || fail "stock fixture"
"$relink" --init-noop "$listed" "$work/libfixture.so" "$work/libfixture-noop.so" >/dev/null
out=$("$work/driver" "$work/libfixture-noop.so") || fail "the relinked fixture failed ($?)"
[ "$out" = "streams work" ] || fail "the relinked fixture printed '$out'"
# v8-fast.sh removes duplicates from the list it passes: relink refuses a constructor listed
# twice (no entry is left to rewrite the second time).
if "$relink" --init-noop "$listed,$listed" "$work/libfixture.so" "$work/dup.so" 2>/dev/null; then
  fail "a constructor listed twice was accepted"
fi
echo "iostream-ctors: ok (listed $listed)"
