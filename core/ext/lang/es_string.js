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
  // A search for any surrogate first (a plain class: fast, and at once for a one-byte
  // string), then the pairs checked from the first one found; only a string with a lone
  // surrogate is rewritten, in C.
  const regexpExec = uncurry(RegExp.prototype.exec);
  const charCodeAt = uncurry(String.prototype.charCodeAt);
  const surrogate = /[\uD800-\uDFFF]/;
  function wellFormedString(S) {
    const m = regexpExec(surrogate, S);
    if (m === null) return true;
    for (let i = m.index, n = S.length; i < n; i++) {
      const c = charCodeAt(S, i);
      if (c < 0xd800 || c > 0xdfff) continue;
      if (c > 0xdbff) return false; // a trail without its lead
      const d = charCodeAt(S, ++i); // NaN past the end
      if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
    }
    return true;
  }
  install(String.prototype, {
    isWellFormed() {
      return wellFormedString(thisString(this, "isWellFormed"));
    },
    toWellFormed() {
      const S = thisString(this, "toWellFormed");
      return wellFormedString(S) ? S : wellFormed(S);
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
