// node:querystring: Node's rules for application/x-www-form-urlencoded-like strings (not the
// WHATWG ones URLSearchParams follows): `+` is a space when parsing, stringify percent-encodes
// as encodeURIComponent does, a malformed escape is kept as it is, repeated keys make arrays.
(function (P) {
  "use strict";

  function uriError() {
    const err = new URIError("URI malformed");
    err.code = "ERR_INVALID_URI";
    return err;
  }

  function escape(str) {
    if (typeof str !== "string") {
      if (typeof str === "object") str = String(str);
      else str += "";
    }
    try {
      return encodeURIComponent(str);
    } catch {
      throw uriError(); // a lone surrogate
    }
  }

  function hexValue(c) {
    if (c >= 48 && c <= 57) return c - 48;
    if (c >= 65 && c <= 70) return c - 55;
    if (c >= 97 && c <= 102) return c - 87;
    return -1;
  }

  // The bytes of s with each valid %XX decoded (and `+` as a space when decodeSpaces); a
  // malformed escape stays as its characters. s's other characters are taken as UTF-8.
  function unescapeBytes(s, decodeSpaces) {
    const bytes = new TextEncoder().encode(s);
    const out = new Uint8Array(bytes.length);
    let n = 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 37 && i + 2 < bytes.length) {
        const hi = hexValue(bytes[i + 1]);
        const lo = hexValue(bytes[i + 2]);
        if (hi >= 0 && lo >= 0) {
          out[n++] = hi * 16 + lo;
          i += 2;
          continue;
        }
      }
      out[n++] = b === 43 && decodeSpaces ? 32 : b;
    }
    return out.subarray(0, n);
  }

  function unescapeBuffer(s, decodeSpaces) {
    const bytes = unescapeBytes(String(s), decodeSpaces);
    let Buffer;
    try {
      Buffer = P.nodeRequire("buffer").Buffer;
    } catch {
      return bytes;
    }
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  function unescape(s, decodeSpaces) {
    try {
      return decodeURIComponent(s);
    } catch {
      return new TextDecoder().decode(unescapeBytes(String(s), decodeSpaces));
    }
  }

  function primitive(v) {
    if (typeof v === "string") return v;
    if (typeof v === "number" && Number.isFinite(v)) return "" + v;
    if (typeof v === "bigint") return "" + v;
    if (typeof v === "boolean") return v ? "true" : "false";
    return "";
  }

  function stringify(obj, sep, eq, options) {
    sep = sep || "&";
    eq = eq || "=";
    const encode = options && typeof options.encodeURIComponent === "function"
      ? options.encodeURIComponent : escape;
    if (obj === null || typeof obj !== "object") return "";
    const fields = [];
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      const ks = encode(primitive(k)) + eq;
      if (Array.isArray(v)) {
        for (const item of v) fields.push(ks + encode(primitive(item)));
      } else {
        fields.push(ks + encode(primitive(v)));
      }
    }
    return fields.join(sep);
  }

  function decodeWith(s, decode) {
    try {
      return decode(s);
    } catch {
      return unescape(s, true);
    }
  }

  function parse(qs, sep, eq, options) {
    const obj = { __proto__: null };
    if (typeof qs !== "string" || qs.length === 0) return obj;
    sep = sep ? String(sep) : "&";
    eq = eq ? String(eq) : "=";
    let maxKeys = 1000;
    if (options && typeof options.maxKeys === "number") maxKeys = options.maxKeys;
    const decode = options && typeof options.decodeURIComponent === "function"
      ? options.decodeURIComponent : unescape;
    let pieces = qs.split(sep);
    if (maxKeys > 0 && pieces.length > maxKeys) pieces = pieces.slice(0, maxKeys);
    for (const piece of pieces) {
      if (piece.length === 0) continue;
      const at = piece.indexOf(eq);
      let key = at >= 0 ? piece.slice(0, at) : piece;
      let value = at >= 0 ? piece.slice(at + eq.length) : "";
      key = decodeWith(key.replace(/\+/g, " "), decode);
      value = decodeWith(value.replace(/\+/g, " "), decode);
      const prev = obj[key];
      if (prev === undefined) obj[key] = value;
      else if (Array.isArray(prev)) prev.push(value);
      else obj[key] = [prev, value];
    }
    return obj;
  }

  return {
    unescapeBuffer,
    unescape,
    escape,
    stringify,
    encode: stringify,
    parse,
    decode: parse,
  };
});
