#!/usr/bin/env bash
# The installed libraries export exactly mrt.h's functions, and libmrt.a's internal names
# cannot clash with an embedder's.
#   symbols.sh PREFIX WORKDIR INTERNAL_ARCHIVE...
# INTERNAL_ARCHIVE: the build's per-layer archives, whose global names (rt_, shim_, loop_,
# ring_ ...) an embedder program defines for itself and must still link with libmrt.a.
set -euo pipefail
prefix=$1 work=$2; shift 2
cflags=${CFLAGS:-}
fail() { echo "symbols: $*"; exit 1; }

# Every function mrt.h declares with MRT_EXTERN.
bash "$(dirname "$0")/declared.sh" "$prefix/include/mrt.h" >"$work/declared"
[ -s "$work/declared" ] || fail "no MRT_EXTERN function found in mrt.h"

compare() { # list-file what
  if ! diff "$work/declared" "$1" >"$work/diff"; then
    sed -n 's/^< /  declared in mrt.h, not exported: /p; s/^> /  exported, not declared in mrt.h: /p' \
      "$work/diff"
    fail "$2 does not export exactly mrt.h's functions"
  fi
}

# libmrt.so: its dynamic symbol table.
nm -D --defined-only "$prefix/lib/libmrt.so" | awk '{ print $3 }' | sed 's/@.*//' | sort -u \
  >"$work/shared"
compare "$work/shared" libmrt.so

# libmrt.a: global strong names are the API. Besides, only C++ code of vague linkage may stay
# global (weak or unique: template instances and inline functions from the C++ library's and
# V8's headers, whose visibility those headers set; identical wherever they appear, so they
# never clash). Everything of mrt's own is hidden, hence local.
nm -g --defined-only "$prefix/lib/libmrt.a" | awk 'NF == 3 { print $2, $3 }' >"$work/static_all"
awk '$2 ~ /^mrt_/ { print $2 }' "$work/static_all" | sort -u >"$work/static"
compare "$work/static" libmrt.a
awk '$2 !~ /^mrt_/ && !($1 ~ /^[WVuwv]$/ && $2 ~ /^_Z/) { print }' \
  "$work/static_all" >"$work/static_other"
if [ -s "$work/static_other" ]; then
  cat "$work/static_other"
  fail "libmrt.a has global names outside the API"
fi

# An embedder defining every internal name links with libmrt.a and runs.
for a in "$@"; do nm -g --defined-only "$a"; done | awk 'NF == 3 { print $3 }' |
  grep -E '^[a-z][A-Za-z0-9_]*$' | grep -v '^mrt_' | sort -u >"$work/internal"
[ "$(wc -l <"$work/internal")" -gt 100 ] || fail "too few internal names found in $*"
{
  echo '#include <stdio.h>'
  echo '#include <string.h>'
  echo '#include <mrt.h>'
  sed 's/.*/int &(void);\nint &(void) { return 7; }/' "$work/internal"
  cat <<'C'
int main(void) {
  mrt_runtime *rt;
  if (mrt_runtime_new(NULL, &rt) != MRT_OK) return 1;
  const char *src = "new Promise((r) => setTimeout(() => r(6 * 7), 1))";
  mrt_value *p, *v;
  int rc = mrt_execute_script(rt, "clash.js", src, strlen(src), &p);
  if (rc == MRT_OK) rc = mrt_resolve_value(rt, p, &v);
  if (rc != MRT_OK) return 1;
  printf("%g %d %d\n", mrt_value_to_number(rt, v), ring_init(), loop_run());
  mrt_runtime_free(rt);
  return 0;
}
C
} >"$work/clash.c"
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
static_libs=$(pkg-config --static --libs libmrt | sed 's/\(^\| \)-lmrt\( \|$\)/ /')
# shellcheck disable=SC2086
cc $cflags -o "$work/clash" "$work/clash.c" $(pkg-config --cflags libmrt) \
  "$prefix/lib/libmrt.a" $static_libs -lpthread ||
  fail "an embedder defining libmrt's internal names does not link with libmrt.a"
if readelf -d "$work/clash" | grep -q 'libmrt\.so'; then fail "clash linked libmrt.so"; fi
out=$("$work/clash")
[ "$out" = "42 7 7" ] || fail "the static embedder printed '$out', not '42 7 7'"
echo "symbols: $(wc -l <"$work/declared") functions exported by both libraries;" \
  "$(wc -l <"$work/internal") internal names free for embedders"
