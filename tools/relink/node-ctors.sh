#!/usr/bin/env bash
# Lists the static constructors of libnode's own (node::) translation units, which mrt never
# needs: one hexadecimal address per line, each an .init_array entry of LIB.
#
#   tools/relink/node-ctors.sh LIB
#
# mrt uses only libnode's V8 API. node's constructors still run at every start: they build
# node's command-line option parsers (hash tables of some 300 options), its table of built-in
# JavaScript sources and its per-process state, 0.6M instructions and ~230 page faults of
# `mrt hi.js`. relink --init-noop turns the entries listed here into calls of a function that
# does nothing (the library's own _fini).
#
# A constructor is node's when the code it runs (its body, following its jumps, not its
# callees) calls or jumps to a node:: function and to no v8:: one. The names come from LIB's
# PLT relocations and dynamic symbols as objdump shows them, so LIB must be the library as
# shipped (before relink rewrites its PLT relocations). A constructor that also calls V8 (a
# node file filling V8 fast-call descriptions) counts as node's too only when no v8:: name
# appears; such mixed ones are kept. Prints nothing (exit 0) when objdump or readelf is
# missing: the copy then runs every constructor, as the stock library does.
set -uo pipefail
lib=${1:?usage: node-ctors.sh LIB}
command -v objdump >/dev/null && command -v readelf >/dev/null || exit 0

# shellcheck source=tools/relink/init-array.sh
. "$(dirname "$0")/init-array.sh"
ctors=$(init_array_ctors "$lib")
[ -n "$ctors" ] || exit 0

# From the first constructor to 64 KiB past the last (the local initialisation functions
# they jump to lie there too).
disassemble_ctors "$lib" "$ctors" 65536 |
awk -v ctors="$ctors" "$hexfn"'
  # "  933b5e:\tcall   8fcbe0 <std::ios_base::Init::Init()@plt>"
  /^ *[0-9a-f]+:\t/ {
    split($0, f, "\t"); sub(/^ +/, "", f[1]); a = hex(substr(f[1], 1, length(f[1]) - 1))
    op = f[2]; sub(/ .*/, "", op)
    addr[++n] = a; idx[a] = n; kind[n] = op; tgt[n] = ""; name[n] = ""
    if (match(f[2], /^[a-z]+ +[0-9a-f]+ </)) {
      t = f[2]; sub(/^[a-z]+ +/, "", t); tgt[n] = hex(substr(t, 1, index(t, " ") - 1))
      s = substr(t, index(t, "<") + 1); sub(/>$/, "", s)
      if (s !~ /\+0x/) { sub(/@plt$/, "", s); name[n] = s }  # an exact symbol, not sym+offset
    }
    next
  }
  function owner(s) {  # the namespace a demangled function name starts in (template args too)
    sub(/\(.*/, "", s)
    if (s ~ /(^|[<, ])node::/) return "node"
    if (s ~ /^v8::/) return "v8"
    return ""
  }
  END {
    nc = split(ctors, list, " ")
    for (c = 1; c <= nc; c++) {
      start = hex(list[c]); if (!(start in idx)) continue
      delete seen; sp = 0; stack[++sp] = start; has_node = 0; has_v8 = 0
      while (sp > 0) {
        pc = stack[sp--]; if (pc in seen || !(pc in idx)) continue
        for (i = idx[pc]; i <= n; i++) {
          seen[addr[i]] = 1; k = kind[i]
          if (name[i] != "") { o = owner(name[i]); if (o == "node") has_node = 1; else if (o == "v8") has_v8 = 1 }
          if (k ~ /^j/ && tgt[i] != "" && name[i] == "") stack[++sp] = tgt[i]  # a local jump
          if (k == "ret" || k == "ud2" || k == "hlt" || k == "jmp") break
          if (k == "call" && name[i] ~ /^(abort|__stack_chk_fail|std::__throw_)/) break
          if ((i + 1) in addr && (addr[i + 1] in seen)) break
        }
      }
      if (has_node && !has_v8) printf "%x\n", start
    }
  }'
