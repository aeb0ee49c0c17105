#!/usr/bin/env bash
# docs/embedding.md stays true to mrt.h: every mrt_/MRT_ name the guide and the examples use
# is in the header (a renamed or removed function fails here), and the functions of the
# header not yet in the guide are listed (a reminder, not a failure).
#   docs.sh SRC
set -euo pipefail
src=$1
header=$src/core/include/mrt.h
guide=$src/docs/embedding.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The MRT_E* codes are made by a macro from the X(NAME, ...) rows of MRT_ERRNO_MAP.
{ grep -ow '\(mrt\|MRT\)_[A-Za-z0-9_]*' "$header"; grep -o '^ *X([A-Z]*' "$header" |
  sed 's/ *X(/MRT_E/'; } | sort -u >"$work/header"
bad=0
for f in "$guide" "$src"/examples/*.c; do
  grep -ow '\(mrt\|MRT\)_[A-Za-z0-9_]*' "$f" | sort -u >"$work/used"
  # A name ending in _ is a family ("MRT_TYPE_*").
  missing=$(comm -23 "$work/used" "$work/header" | grep -v '_$' || true)
  if [ -n "$missing" ]; then
    echo "docs: $f uses names mrt.h does not have:" $missing
    bad=1
  fi
done
bash "$(dirname "$0")/declared.sh" "$header" >"$work/functions"
grep -ow 'mrt_[A-Za-z0-9_]*' "$guide" | sort -u >"$work/guide"
undocumented=$(comm -23 "$work/functions" "$work/guide")
[ -z "$undocumented" ] || echo "docs: not yet in docs/embedding.md:" $undocumented
exit $bad
