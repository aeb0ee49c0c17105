// es_string.js: String.prototype.isWellFormed/toWellFormed (ES2024, native: the lone
// surrogates replaced by U+FFFD in C) and RegExp.escape (ES2025; a stub here, its body in
// es_string_impl.js, loaded at the first call).
(function (P) {
  "use strict";
  const { install, uncurry } = P.lang;
  const wellFormed = P.ops.wellFormed;

  // RequireObjectCoercible then ToString (a template literal is ToString: a TypeError for
  // a Symbol, hint "string" for an object).
  function thisString(v, method) {
    if (v === undefined || v === null) throw new TypeError(`String.prototype.${method} called on null or undefined`);
    return typeof v === "string" ? v : `${v}`;
  }
  // Most strings have no surrogate at all: one regexp test says so (and V8's regexp
  // rejects a one-byte string at once); only the others are scanned in C.
  const regexpExec = uncurry(RegExp.prototype.exec);
  const surrogate = /[\uD800-\uDFFF]/;
  install(String.prototype, {
    isWellFormed() {
      const S = thisString(this, "isWellFormed");
      return regexpExec(surrogate, S) === null || wellFormed(S) === S;
    },
    toWellFormed() {
      const S = thisString(this, "toWellFormed");
      return regexpExec(surrogate, S) === null ? S : wellFormed(S);
    },
  });

  P.lang.saved.string = {
    exec: RegExp.prototype.exec,
    charCodeAt: String.prototype.charCodeAt,
    slice: String.prototype.slice,
    fromCharCode: String.fromCharCode,
  };
  P.lang.installLazy(RegExp, "core/ext/lang/es_string_impl.js", "regexp", { escape: 1 });
});
