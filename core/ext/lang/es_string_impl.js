// es_string_impl.js: the body of RegExp.escape (ES2025), es_string.js installs its stub.
(function (P) {
  "use strict";
  const { uncurry } = P.lang;
  const saved = P.lang.saved.string;
  const regexpExec = uncurry(saved.exec);

  // RegExp.escape(S): a string that matches S literally wherever a pattern may contain it.
  // Most strings need nothing: one test of the characters that may (SyntaxCharacter, "/",
  // the other punctuators, white space and line terminators (\s is both), surrogates).
  const special = /[\^$\\.*+?()[\]{}|/,\-=<>#&!%:;@~'`"\s\uD800-\uDFFF]/;
  const charCodeAt = uncurry(saved.charCodeAt);
  const slice = uncurry(saved.slice);
  const fromCharCode = saved.fromCharCode;
  const hexDigits = "0123456789abcdef";
  const hex2 = (c) => "\\x" + hexDigits[c >> 4] + hexDigits[c & 15];
  const hex4 = (c) => "\\u" + hexDigits[c >> 12] + hexDigits[(c >> 8) & 15] + hexDigits[(c >> 4) & 15] + hexDigits[c & 15];
  // The escape of each ASCII character that needs one (EncodeForRegExpEscape).
  const asciiEscapes = [];
  for (let c = 0; c < 128; c++) asciiEscapes[c] = undefined;
  const mark = (chars, escape) => {
    for (let i = 0; i < chars.length; i++) {
      const c = charCodeAt(chars, i);
      asciiEscapes[c] = escape(c);
    }
  };
  mark("^$\\.*+?()[]{}|/", (c) => "\\" + fromCharCode(c)); // SyntaxCharacter and "/"
  mark("\t\n\v\f\r", (c) => "\\" + "tnvfr"[c - 9]); // ControlEscape
  mark(",-=<>#&!%:;@~'`\" ", hex2); // the other punctuators, and the space
  // Past ASCII: white space (Zs, U+FEFF), line terminators, lone surrogates.
  function escapeOf(c, S, i) {
    if (c === 0xa0) return hex2(c);
    if (c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
        c === 0x205f || c === 0x3000 || c === 0xfeff) return hex4(c);
    if (c >= 0xd800 && c <= 0xdfff) {
      const lead = c <= 0xdbff;
      const next = lead ? charCodeAt(S, i + 1) : charCodeAt(S, i - 1);
      const paired = lead ? next >= 0xdc00 && next <= 0xdfff : next >= 0xd800 && next <= 0xdbff && i > 0;
      return paired ? undefined : hex4(c);
    }
    return undefined;
  }
  return {
    regexp: {
    escape(S) {
      if (typeof S !== "string") throw new TypeError("RegExp.escape: the argument is not a string");
      if (S === "") return S;
      const first = charCodeAt(S, 0);
      const lower = first | 0x20;
      const leading = (first >= 0x30 && first <= 0x39) || (lower >= 0x61 && lower <= 0x7a);
      if (!leading && regexpExec(special, S) === null) return S;
      let out = leading ? hex2(first) : "";
      let start = leading ? 1 : 0;
      for (let i = start; i < S.length; i++) {
        const c = charCodeAt(S, i);
        const e = c < 128 ? asciiEscapes[c] : escapeOf(c, S, i);
        if (e !== undefined) {
          out += slice(S, start, i) + e;
          start = i + 1;
        }
      }
      return out + slice(S, start);
    },
    },
  };
});
