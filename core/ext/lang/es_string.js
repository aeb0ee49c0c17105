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
  // One regexp search for a lone surrogate (V8's regexp rejects a one-byte string at once);
  // only a string that has one is rewritten, in C.
  const regexpExec = uncurry(RegExp.prototype.exec);
  const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  install(String.prototype, {
    isWellFormed() {
      return regexpExec(loneSurrogate, thisString(this, "isWellFormed")) === null;
    },
    toWellFormed() {
      const S = thisString(this, "toWellFormed");
      return regexpExec(loneSurrogate, S) === null ? S : wellFormed(S);
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
