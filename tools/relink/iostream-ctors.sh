#!/usr/bin/env bash
# Lists the static constructors of LIB that only set up <iostream> (one
# std::ios_base::Init object and the atexit call that destroys it), all but the first: one
# hexadecimal address per line, each an .init_array entry of LIB.
#
#   tools/relink/iostream-ctors.sh LIB
#
# Every translation unit that includes <iostream> gets such a constructor (libstdc++ 12). In
# Debian's libnode.so.108 1,006 of the 1,029 constructors are nothing else: at every start of
# every program loading it they call ios_base::Init::Init(), whose work is done by the first
# call (the rest count a reference), and __cxa_atexit, 1,010 times in all for `mrt hi.js`.
# relink --init-noop turns the listed ones into calls of a function that does nothing. That
# is sound because:
#  - the first one still runs, so std::cout and the other streams are set up before any other
#    constructor of LIB runs that does more (those are never listed: each keeps its own
#    translation unit's Init, which comes first in it);
#  - Init's count only decides when its destructor flushes the streams, and each kept Init
#    registers its own destructor, so the count still returns to zero at exit.
# A constructor is listed only when its code, up to its return or tail jump, is exactly that:
# one call of Init::Init() then one call of or jump to __cxa_atexit, and otherwise only moves
# and address computations into registers and stack-frame set-up (no store to memory, no
# other call or jump). The names come from LIB's PLT as objdump shows them, so LIB must be the
# library as shipped (before relink rewrites its PLT relocations). Prints nothing (exit 0)
# when objdump or readelf is missing.
set -euo pipefail
lib=${1:?usage: iostream-ctors.sh LIB}
command -v objdump >/dev/null && command -v readelf >/dev/null || exit 0

# shellcheck source=tools/relink/init-array.sh
. "$(dirname "$0")/init-array.sh"
ctors=$(init_array_ctors "$lib")
[ -n "$ctors" ] || exit 0

disassemble_ctors "$lib" "$ctors" 4096 |
awk -v ctors="$ctors" "$hexfn"'
  # "  933b5e:\tcall   8fcbe0 <std::ios_base::Init::Init()@plt>"
  /^ *[0-9a-f]+:\t/ {
    split($0, f, "\t"); sub(/^ +/, "", f[1]); a = hex(substr(f[1], 1, length(f[1]) - 1))
    text = f[2]; sub(/ +#.*/, "", text)
    addr[++n] = a; idx[a] = n; ins[n] = text
    next
  }
  # 1: only <iostream> set-up; 0: anything else
  function iostream_only(start,   i, t, op, args, calls) {
    calls = ""
    for (i = idx[start]; i <= n; i++) {
      t = ins[i]; op = t; sub(/ .*/, "", op); args = t; sub(/^[a-z0-9]+ */, "", args)
      if (op == "call" || op == "jmp") {
        if (args ~ /<std::ios_base::Init::Init\(\)@plt>$/) calls = calls "I"
        else if (args ~ /<__cxa_atexit@plt>$/) calls = calls "A"
        else return 0
        if (op == "jmp") return calls == "IA"
        continue
      }
      if (op == "ret") return calls == "IA"
      if (op == "endbr64" || op == "push" || op == "pop") continue
      if (op ~ /^(lea|mov|sub|add)$/ && args ~ /,%[a-z0-9]+$/) continue  # into a register
      return 0
    }
    return 0
  }
  END {
    nc = split(ctors, list, "\n"); kept = 0
    for (c = 1; c <= nc; c++) {
      start = hex(list[c]); if (!(start in idx) || !iostream_only(start)) continue
      if (kept++) printf "%x\n", start
    }
  }'
