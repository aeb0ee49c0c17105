# Writes OUT: the CommonJS/UMD library IN as an embedded builtin `(function (P) {...})` that
# returns the library's module.exports (P.loadBuiltin compiles it on first use).
# Run as: cmake -DIN=... -DOUT=... -P wrap_cjs.cmake
file(READ ${IN} src)
file(WRITE ${OUT}.tmp "(function (P) {\nconst module = { exports: {} }, exports = module.exports;\n${src}\nreturn module.exports;\n})\n")
file(RENAME ${OUT}.tmp ${OUT})
