// es_string.js: String.prototype.isWellFormed/toWellFormed (ES2024, native: the lone
// surrogates replaced by U+FFFD in C) and RegExp.escape (ES2025).
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
  install(String.prototype, {
    isWellFormed() {
      const S = thisString(this, "isWellFormed");
      return wellFormed(S) === S;
    },
    toWellFormed() {
      return wellFormed(thisString(this, "toWellFormed"));
    },
  });

  // RegExp.escape(S): a string that matches S literally wherever a pattern may contain it.
  // Most strings need nothing: one test of the characters that do (SyntaxCharacter, "/",
  // the other punctuators, white space and line terminators (\s is both), surrogates).
  const regexpExec = uncurry(RegExp.prototype.exec);
  const special = /[\^$\\.*+?()[\]{}|/,\-=<>#&!%:;@~'`"\s\uD800-\uDFFF]/;
  const charCodeAt = uncurry(String.prototype.charCodeAt);
  const codePointAt = uncurry(String.prototype.codePointAt);
  const slice = uncurry(String.prototype.slice);
  const toHex = uncurry(Number.prototype.toString);
  const padStart = uncurry(String.prototype.padStart);
  const syntax = "^$\\.*+?()[]{}|/";
  const indexOf = uncurry(String.prototype.indexOf);
  const controlEscapes = { __proto__: null, 9: "t", 10: "n", 11: "v", 12: "f", 13: "r" };
  const hex = (c, width) => padStart(toHex(c, 16), width, "0");

  function encode(c) {
    const ch = String.fromCharCode(c);
    if (c < 0x80 && indexOf(syntax, ch) !== -1) return "\\" + ch;
    if (c in controlEscapes) return "\\" + controlEscapes[c];
    if (regexpExec(special, ch) !== null) return c <= 0xff ? "\\x" + hex(c, 2) : "\\u" + hex(c, 4);
    return ch;
  }
  install(RegExp, {
    escape(S) {
      if (typeof S !== "string") throw new TypeError("RegExp.escape: the argument is not a string");
      if (S === "") return S;
      const first = charCodeAt(S, 0);
      const leading =
        (first >= 0x30 && first <= 0x39) || ((first | 0x20) >= 0x61 && (first | 0x20) <= 0x7a);
      if (!leading && regexpExec(special, S) === null) return S;
      let out = "";
      let i = 0;
      if (leading) {
        out = "\\x" + hex(first, 2);
        i = 1;
      }
      let start = i;
      for (; i < S.length; i++) {
        const c = charCodeAt(S, i);
        const lower = c | 0x20;
        if ((lower >= 0x61 && lower <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f) continue;
        // A surrogate pair is one code point, kept as it is; a lone one is escaped.
        if (c >= 0xd800 && c <= 0xdbff && codePointAt(S, i) > 0xffff) {
          i++;
          continue;
        }
        const e = encode(c);
        if (e.length !== 1) {
          out += slice(S, start, i) + e;
          start = i + 1;
        }
      }
      return out + slice(S, start);
    },
  });
});
