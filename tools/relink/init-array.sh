# Sourced by node-ctors.sh and iostream-ctors.sh: what both need to read a library's static
# constructors.
#   hexfn                  an awk function hex(s) (mawk, Debian's awk, has no strtonum)
#   init_array_ctors LIB   the constructors' addresses (hexadecimal, one a line) in
#                          .init_array order, from its RELATIVE relocations; nothing when
#                          LIB has no .init_array
#   disassemble_ctors LIB CTORS SPAN
#                          objdump's disassembly (demangled, no raw bytes) from the first
#                          of CTORS (such a list) to SPAN bytes past the last: the
#                          constructors and the code they jump to lie together (GNU ld's
#                          .text.startup)
# shellcheck shell=bash
hexfn='function hex(s,   i, v) { v = 0; s = tolower(s); sub(/^0x/, "", s)
  for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
  return v }'

init_array_ctors() {
  local ia_addr ia_size
  read -r ia_addr ia_size < <(readelf -SW "$1" | awk '$2 == ".init_array" { print $4, $6 }')
  [ -n "${ia_addr:-}" ] || return 0
  readelf -rW "$1" | awk -v lo=$((16#$ia_addr)) -v n=$((16#$ia_size)) '
    '"$hexfn"'
    $3 == "R_X86_64_RELATIVE" { off = hex($1); if (off >= lo && off < lo + n) print off, $4 }' |
    sort -n | awk '{ print $2 }'
}

disassemble_ctors() {
  local lo hi
  lo=$(printf '%s\n' "$2" | awk "$hexfn"'{ v = hex($1); if (m == "" || v < m) m = v } END { print m }')
  hi=$(printf '%s\n' "$2" | awk -v span="$3" "$hexfn"'{ v = hex($1); if (v > m) m = v } END { print m + span }')
  objdump -d -C --no-show-raw-insn --start-address="$lo" --stop-address="$hi" "$1" 2>/dev/null
}
