#!/usr/bin/env bash
# Verifies what relink --data (tools/relink/relink.c) assumes of the programs that load the
# relinked libnode: none of them defines a data object whose references the copy pre-bound to
# its own definition. A copy relocation (a PIE or non-PIC executable reading a V8 variable)
# and a template static member instantiated in both places show as such a definition in the
# program's dynamic symbol table; either would leave libnode using a different object than the
# program.
#
#   tools/relink/check-data.sh RELINKED_LIBNODE FILE_OR_DIR...
#
# The pre-bound objects: those RELINKED_LIBNODE defines and no longer names in a relocation.
# Every ELF executable or shared object under FILE_OR_DIR (other copies of libnode aside) is
# read. Exit 0 when none defines one, 1 listing them otherwise, 2 on usage errors.
set -uo pipefail
[ $# -ge 2 ] || { echo "usage: $0 RELINKED_LIBNODE FILE_OR_DIR..." >&2; exit 2; }
lib=$1; shift
[ -f "$lib" ] || { echo "check-data: no library $lib" >&2; exit 2; }
command -v readelf >/dev/null || { echo "check-data: readelf (binutils) is missing" >&2; exit 2; }

# "Num: Value Size Type Bind Vis Ndx Name": defined (Ndx not UND) OBJECT symbols, unversioned.
defined_objects() {
  readelf -W --dyn-syms "$1" 2>/dev/null |
    awk '$4 == "OBJECT" && $7 != "UND" && $8 != "" { sub(/@.*/, "", $8); print $8 }' | sort -u
}

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
defined_objects "$lib" > "$tmp/defined"
[ -s "$tmp/defined" ] || { echo "check-data: no data objects read from $lib" >&2; exit 2; }
# Symbols still named by a relocation ("Offset Info Type Value Name + Addend").
readelf -rW "$lib" 2>/dev/null | awk 'NF >= 5 && $3 ~ /^R_X86_64_/ && $3 != "R_X86_64_RELATIVE" {
  sub(/@.*/, "", $5); print $5 }' | sort -u > "$tmp/named"
comm -23 "$tmp/defined" "$tmp/named" > "$tmp/lib"

checked=0 bad=0
while IFS= read -r -d '' f; do
  # ELF executables and shared objects only (not relocatable objects, not the library).
  case $(head -c 4 "$f" 2>/dev/null | od -An -c | tr -d ' ') in '177ELF') ;; *) continue ;; esac
  case ${f##*/} in libnode.so*) continue ;; esac
  readelf -h "$f" 2>/dev/null | grep -qE 'Type:.*(EXEC|DYN)' || continue
  checked=$((checked + 1))
  defined_objects "$f" > "$tmp/f"
  both=$(comm -12 "$tmp/lib" "$tmp/f")
  if [ -n "$both" ]; then
    bad=$((bad + 1))
    echo "check-data: $f defines data objects the relinked libnode binds to its own (copy relocation or shared template static):"
    printf '%s\n' "$both" | head -20 | sed 's/^/  /'
  fi
done < <(find "$@" -type f \( -perm -u+x -o -name '*.so' -o -name '*.so.*' \) -print0)

if [ "$bad" -ne 0 ]; then
  echo "check-data: $bad of $checked files break relink --data's assumption; relink without --data"
  exit 1
fi
echo "check-data: $checked ELF files checked, none defines one of the $(wc -l < "$tmp/lib") data objects the relinked libnode binds to its own"
