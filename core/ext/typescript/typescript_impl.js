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
// --experimental-transform-types) with a source map, which stack traces and error reports
// are mapped through (core/ext/source_maps).
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
    if (out.map) P.loadBuiltin("core/ext/source_maps/source_maps_impl.js").add(url, out.map, source);
    return { code: out.code };
  }

  return { transform: strip };
});
