// typescript_impl.js: strips TypeScript's types with amaro (Node's stripper: SWC compiled
// to WebAssembly, bundled from npm at build time, core/ext/typescript/wrap_amaro.cmake).
//
// Erasable syntax (annotations, interfaces, generics, `as`, `satisfies`, `!`, type-only
// imports and exports, `declare`, `abstract`, access modifiers) is replaced by white space,
// as Node's type stripping does: every line and column stays where it was, so stack traces
// and errors point at the .ts source with no source map, and the result may be cached.
// Syntax that needs code (enums, namespaces, parameter properties, `import x = require()`)
// makes Node fail with ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX; Deno and Bun run it. Here such a
// file is transformed instead (amaro's transform mode, as Node's
// --experimental-transform-types) with a source map, which stack traces are mapped through
// (P.mapStackPosition, read by errors.js).
(function (P) {
  "use strict";

  // amaro's wasm-bindgen glue asks Node for these two modules; the runtime has both
  // encoders as globals, and its wasm bytes come from P.ops.typescriptWasm() instead of a
  // base64 Buffer (the wrapper replaced that expression).
  const nodeModules = { __proto__: null, util: { TextEncoder, TextDecoder }, "node:buffer": {} };
  function require(name) {
    const m = nodeModules[name];
    if (m === undefined) throw new Error(`amaro: unexpected require("${name}")`);
    return m;
  }
  const amaro = P.loadBuiltin("core/lib/amaro.js")(require);

  // Source maps of transformed files, by URL: { lines } once decoded.
  const maps = new Map();

  function syntaxError(err, url) {
    const e = new SyntaxError(String(err && err.message || err));
    // Node's code; not enumerable, so the report is that of a JavaScript syntax error.
    Object.defineProperty(e, "code", { value: "ERR_INVALID_TYPESCRIPT_SYNTAX", writable: true, configurable: true });
    // The kernel reports the error at this place of the .ts file (core/source_transform.c).
    if (err && typeof err.startLine === "number") {
      Object.defineProperty(e, "tsPosition", {
        value: [err.startLine, err.startColumn + 1], enumerable: false,
      });
    }
    return e;
  }

  // A string: the same positions as the source (cacheable). An object { code }: transformed,
  // its source map kept here.
  function strip(source, url) {
    try {
      return amaro.transformSync(source, { mode: "strip-only", filename: url }).code;
    } catch (err) {
      if (!err || err.code !== "UnsupportedSyntax") throw syntaxError(err, url);
    }
    let out;
    try {
      out = amaro.transformSync(source, { mode: "transform", sourceMap: true, filename: url });
    } catch (err) {
      throw syntaxError(err, url);
    }
    if (out.map) maps.set(url, { json: out.map, source, lines: undefined, text: undefined });
    P.mapStackPosition = mapPosition;
    return { code: out.code };
  }

  // ---- source maps: Base64 VLQ "mappings" (Source Map Revision 3), decoded on first use.
  // A decoder of our own: 40 lines, where a library would bring three packages; only
  // generated -> original line/column is needed.
  const B64 = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) {
    B64["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charCodeAt(i)] = i;
  }

  // lines[generatedLine] = flat [genColumn, origLine, origColumn, ...] sorted by column
  // (0-based), segments without an original position left out.
  function decode(mappings) {
    const lines = [], field = [0, 0, 0, 0, 0], len = mappings.length;
    let line = [], genCol = 0, origLine = 0, origCol = 0, i = 0;
    for (;;) {
      const ch = i < len ? mappings.charCodeAt(i) : 59;
      if (ch === 59 /* ; */) {
        lines.push(line);
        if (i++ >= len) break;
        line = [];
        genCol = 0;
        continue;
      }
      if (ch === 44 /* , */) { i++; continue; }
      let n = 0;
      while (i < len) { // one segment: up to five VLQ values
        const c = mappings.charCodeAt(i);
        if (c === 44 || c === 59) break;
        let value = 0, shift = 0, digit;
        do {
          const cc = mappings.charCodeAt(i++); // NaN past the end: refused below
          digit = cc < 128 ? B64[cc] : -1;
          if (digit < 0) throw new Error("bad source map");
          value += (digit & 31) * 2 ** shift;
          shift += 5;
        } while (digit & 32);
        if (n < 5) field[n] = value % 2 ? -(value - 1) / 2 : value / 2;
        n++;
      }
      genCol += field[0];
      if (n >= 4) { // [genColumn, source, origLine, origColumn(, name)]: one source here
        origLine += field[2];
        origCol += field[3];
        line.push(genCol, origLine, origCol);
      }
    }
    for (const l of lines) sortTriples(l);
    return lines;
  }

  function sortTriples(a) {
    for (let i = 3; i < a.length; i += 3) {
      for (let j = i; j > 0 && a[j - 3] > a[j]; j -= 3) {
        for (let k = 0; k < 3; k++) { const t = a[j - 3 + k]; a[j - 3 + k] = a[j + k]; a[j + k] = t; }
      }
    }
  }

  // (url, 1-based line, 1-based column) of generated code -> [line, column, line's text] in
  // the .ts source, or undefined when the URL has no map or the place no mapping.
  function mapPosition(url, line, column) {
    const m = maps.get(url);
    if (m === undefined) return undefined;
    if (m.lines === undefined) {
      try {
        const map = JSON.parse(m.json);
        m.lines = decode(map.mappings);
        m.text = m.source.split("\n"); // for the line an error report shows
        m.source = undefined;
      } catch {
        maps.delete(url);
        return undefined;
      }
    }
    const segs = m.lines[line - 1];
    if (segs === undefined || segs.length === 0) return undefined;
    // The last segment starting at or before the column.
    let lo = 0, hi = segs.length / 3 - 1, best = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segs[mid * 3] <= column - 1) { best = mid; lo = mid + 1; } else hi = mid - 1;
    }
    const origLine = segs[best * 3 + 1];
    const text = m.text[origLine];
    return [origLine + 1, segs[best * 3 + 2] + 1, text === undefined ? "" : text.replace(/\r$/, "")];
  }

  return { strip, mapPosition };
});
