// es_string.js: String.prototype.isWellFormed/toWellFormed (ES2024, native: the lone
// surrogates found, and replaced by U+FFFD, in C) and RegExp.escape (ES2025; a stub here, its body in
// es_string_impl.js, loaded at the first call).
(function (P) {
  "use strict";
  const { install } = P.lang;
  // Both scans in C (a one-byte string, most text, answers at once): a regexp search and a
  // JS pair check cost 3-10x more.
  const wellFormed = P.ops.wellFormed;
  const isWellFormed = P.ops.isWellFormed;

  // RequireObjectCoercible then ToString (a template literal is ToString: a TypeError for
  // a Symbol, hint "string" for an object).
  function thisString(v, method) {
    if (v === undefined || v === null) throw new TypeError(`String.prototype.${method} called on null or undefined`);
    return typeof v === "string" ? v : `${v}`;
  }
  install(String.prototype, {
    isWellFormed() {
      return isWellFormed(thisString(this, "isWellFormed"));
    },
    toWellFormed() {
      return wellFormed(thisString(this, "toWellFormed"));
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
