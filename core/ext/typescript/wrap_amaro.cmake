# Writes OUT (JS) and WASM (binary) from amaro's dist/internal.js (IN): the library as an
# embedded builtin `(function (P) { return function (require) {...} })` whose call returns
# its module.exports, and the SWC WebAssembly module it carries as base64 text, decoded here
# once so that first use neither parses a 3.7 MB string literal nor decodes it: the JS asks
# P.ops.typescriptWasm() for the bytes instead (core/ext/typescript/typescript.c).
# Run as: cmake -DIN=... -DOUT=... -DWASM=... -P wrap_amaro.cmake
file(READ ${IN} src)
set(open "Buffer2.from(\"")
set(close "\", \"base64\")")
string(FIND "${src}" "${open}" start)
if(start LESS 0)
  message(FATAL_ERROR "${IN}: no embedded WebAssembly module (${open}...) found: amaro changed shape")
endif()
string(LENGTH "${open}" open_len)
math(EXPR b64_start "${start} + ${open_len}")
string(SUBSTRING "${src}" ${b64_start} -1 rest)
string(FIND "${rest}" "${close}" b64_len)
if(b64_len LESS 0)
  message(FATAL_ERROR "${IN}: the embedded WebAssembly module does not end as expected")
endif()
string(SUBSTRING "${rest}" 0 ${b64_len} b64)
string(LENGTH "${close}" close_len)
math(EXPR after "${b64_len} + ${close_len}")
string(SUBSTRING "${rest}" ${after} -1 tail)
string(SUBSTRING "${src}" 0 ${start} head)
file(WRITE ${WASM}.b64 "${b64}")
execute_process(COMMAND base64 -d ${WASM}.b64 OUTPUT_FILE ${WASM}.tmp RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${IN}: cannot decode the embedded WebAssembly module (base64 -d: ${rc})")
endif()
file(REMOVE ${WASM}.b64)
file(RENAME ${WASM}.tmp ${WASM})
file(WRITE ${OUT}.tmp "(function (P) {\nreturn function (require) {\nconst module = { exports: {} }, exports = module.exports;\n${head}P.ops.typescriptWasm()${tail}\nreturn module.exports;\n};\n})\n")
file(RENAME ${OUT}.tmp ${OUT})
