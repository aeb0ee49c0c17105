// TEMP (nodefs branch only; the integrator drops this commit): a minimal Buffer so that
// node:fs and node:crypto can be tested before the real node:buffer (nodebuf's) lands.
(function (P) {
  "use strict";
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  const norm = (e) => String(e ?? "utf8").toLowerCase().replace("-", "");

  function bytesOf(str, e) {
    switch (norm(e)) {
      case "hex": {
        const n = str.length >> 1, out = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          const v = parseInt(str.substr(2 * i, 2), 16);
          if (Number.isNaN(v)) return out.subarray(0, i);
          out[i] = v;
        }
        return out;
      }
      case "base64": case "base64url": {
        const s = atob(str.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "").replace(/\s/g, "")
          .padEnd(Math.ceil(str.replace(/=+$/, "").length / 4) * 4, "="));
        return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
      }
      case "latin1": case "binary": case "ascii": return Uint8Array.from(str, (ch) => ch.charCodeAt(0) & 255);
      case "utf16le": case "ucs2": {
        const out = new Uint8Array(str.length * 2);
        for (let i = 0; i < str.length; i++) { const c = str.charCodeAt(i); out[2 * i] = c & 255; out[2 * i + 1] = c >> 8; }
        return out;
      }
      default: return enc.encode(str);
    }
  }

  class Buffer extends Uint8Array {
    static from(x, a, b) {
      if (typeof x === "string") { const u = bytesOf(x, a); return new Buffer(u.buffer, u.byteOffset, u.length); }
      if (x instanceof ArrayBuffer) return new Buffer(x, a ?? 0, b ?? x.byteLength - (a ?? 0));
      const u = new Buffer(x.length);
      u.set(x);
      return u;
    }
    static alloc(n, fill) { const b = new Buffer(n); if (fill !== undefined) b.fill(typeof fill === "string" ? fill.charCodeAt(0) : fill); return b; }
    static allocUnsafe(n) { return new Buffer(n); }
    static isBuffer(x) { return x instanceof Buffer; }
    static isEncoding(e) { return ["utf8", "hex", "base64", "base64url", "latin1", "binary", "ascii", "utf16le", "ucs2"].includes(norm(e)); }
    static byteLength(s, e) { return typeof s === "string" ? bytesOf(s, e).length : s.byteLength; }
    static concat(list, total) {
      total ??= list.reduce((n, b) => n + b.length, 0);
      const out = Buffer.alloc(total);
      let o = 0;
      for (const b of list) { if (o >= total) break; out.set(b.subarray(0, total - o), o); o += b.length; }
      return out;
    }
    toString(e, start = 0, end = this.length) {
      const u = new Uint8Array(this.buffer, this.byteOffset + start, Math.max(0, Math.min(end, this.length) - start));
      switch (norm(e)) {
        case "hex": return Array.from(u, (x) => x.toString(16).padStart(2, "0")).join("");
        case "base64": { let s = ""; for (const x of u) s += String.fromCharCode(x); return btoa(s); }
        case "base64url": return this.toString("base64", start, end).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
        case "latin1": case "binary": { let s = ""; for (const x of u) s += String.fromCharCode(x); return s; }
        case "ascii": { let s = ""; for (const x of u) s += String.fromCharCode(x & 127); return s; }
        case "utf16le": case "ucs2": { let s = ""; for (let i = 0; i + 1 < u.length; i += 2) s += String.fromCharCode(u[i] | (u[i + 1] << 8)); return s; }
        default: return dec.decode(u);
      }
    }
    equals(o) { return this.length === o.length && this.every((x, i) => x === o[i]); }
    subarray(s, e) { const u = super.subarray(s, e); return new Buffer(u.buffer, u.byteOffset, u.length); }
    slice(s, e) { return this.subarray(s, e); }
    toJSON() { return { type: "Buffer", data: Array.from(this) }; }
    static get [Symbol.species]() { return Buffer; }
  }
  return { Buffer };
});
