// node.js: the Node.js core modules packages expect (`node:fs`, `process`, `Buffer`, ...).
// Each module is a lazy embedded file core/ext/node/lib/<name>.js ("fs/promises" is
// lib/fs_promises.js) evaluating to `function (P) { ...; return exports; }`, compiled the
// first time a program imports or requires it, so none of it is in the startup snapshot.
// The kernel's module map makes `node:x` URLs into synthetic modules through
// P.nodeBuiltinModule (core/modules.c).
//
// CommonJS: the loader (require, module, require.cache, ...) is the lazy file cjs_impl.js,
// compiled at its first use. The kernel calls three hooks:
//   P.cjsRunMain(fn, filename)      mrt_run_commonjs_main (core/ext/node/node.c): runs the
//                                   main module, fn its compiled body; require() loads the
//                                   loader on its first call, so `mrt hi.js` never does
//                                   (a third argument: --inspect-brk's breakOnStart).
//   P.cjsExportNames(url, source)   core/modules.c, when an ES module imports a CommonJS file:
//                                   -> ["default", ...names cjs-module-lexer finds].
//   P.cjsEvaluate(url)              its evaluation: runs the file through the loader (the
//                                   same require.cache) -> { default: module.exports, ...names }.
(function (P) {
  "use strict";

  // Node's own error for a builtin mrt does not have: `node:http` is a Node module mrt does
  // not implement; `node:nope` is no module at all.
  function unknownBuiltin(name) {
    const known = P.loadBuiltin("core/ext/node/cjs_impl.js").Module.isBuiltin(`node:${name}`);
    const err = new Error(known
      ? `mrt does not implement the Node.js built-in module 'node:${name}'`
      : `No such built-in module: node:${name}`);
    err.code = "ERR_UNKNOWN_BUILTIN_MODULE";
    return err;
  }

  const loaded = { __proto__: null };
  // The exports of Node builtin `name` ("fs", "node:fs", "fs/promises"); throws
  // ERR_UNKNOWN_BUILTIN_MODULE for a name mrt does not implement.
  P.nodeRequire = function nodeRequire(name) {
    name = String(name);
    if (name.startsWith("node:")) name = name.slice(5);
    if (name in loaded) return loaded[name];
    let init;
    try {
      init = P.ops.compileBuiltin(`core/ext/node/lib/${name.replace(/\//g, "_")}.js`);
    } catch (e) {
      if (e && e.code === "ENOENT") throw unknownBuiltin(name);
      throw e;
    }
    return (loaded[name] = init(P));
  };

  const cjsLoader = () => P.loadBuiltin("core/ext/node/cjs_impl.js");
  P.cjsExportNames = (url, source) => cjsLoader().exportNames(url, source);
  P.cjsEvaluate = (url) => cjsLoader().evaluate(url);

  // The main module before the loader exists: a plain object the loader adopts (its
  // prototype, paths, require.cache entry) the first time require or one of its properties
  // is used. Parenthesized: V8 compiles it at once, so its bytecode is in the startup
  // snapshot rather than compiled by every CommonJS program (~0.4M instructions).
  P.cjsRunMain = (function cjsRunMain(fn, filename, breakOnStart) {
    const slash = filename.lastIndexOf("/");
    const dirname = slash > 0 ? filename.slice(0, slash) : "/";
    const module = { id: ".", path: dirname, exports: {}, filename, loaded: false, children: [] };
    let real;
    function adopt() {
      return real || (real = cjsLoader().adoptMain(module, require));
    }
    function require(id) {
      return (real || adopt())(id);
    }
    // Each accessor adopts, which makes the property a plain one, and uses it again.
    Object.defineProperties(require, {
      resolve: {
        configurable: true,
        enumerable: true,
        get: () => (adopt(), require.resolve),
        set: (v) => (adopt(), (require.resolve = v)),
      },
      main: {
        configurable: true,
        enumerable: true,
        get: () => (adopt(), require.main),
        set: (v) => (adopt(), (require.main = v)),
      },
      extensions: {
        configurable: true,
        enumerable: true,
        get: () => (adopt(), require.extensions),
        set: (v) => (adopt(), (require.extensions = v)),
      },
      cache: {
        configurable: true,
        enumerable: true,
        get: () => (adopt(), require.cache),
        set: (v) => (adopt(), (require.cache = v)),
      },
    });
    Object.defineProperty(module, "paths", {
      configurable: true,
      enumerable: true,
      get: () => (adopt(), module.paths),
      set: (v) => (adopt(), (module.paths = v)),
    });
    module.require = require;
    // Node's process.mainModule (a CommonJS main's only), on the process object now or when
    // it is made (lib/process.js).
    P.cjsMain = module;
    if (loaded.process !== undefined) loaded.process.mainModule = module;
    const exports = module.exports;
    if (breakOnStart !== undefined) breakOnStart(); // --inspect-brk: pauses in fn
    Reflect.apply(fn, exports, [exports, require, module, filename, dirname]);
    module.loaded = true;
  });

  // The namespace of `import ... from "node:name"`: `default` is the module's exports
  // object (as in Node) and each of its own enumerable string keys a named export.
  P.nodeBuiltinModule = function nodeBuiltinModule(name) {
    const exports = P.nodeRequire(name);
    const ns = { __proto__: null, default: exports };
    if (exports !== null && (typeof exports === "object" || typeof exports === "function")) {
      for (const key of Object.keys(exports)) if (key !== "default") ns[key] = exports[key];
    }
    return ns;
  };

  // The native functions of process and os (core/ext/node/process.c), made at first use.
  let binding;
  P.nodeOps = () => (binding ??= P.ops.nodeBinding());

  // Node's globals: `process`, loaded when first touched (nothing at start), and `global`,
  // the global object itself (a plain property, as in Node).
  P.lazyGlobals(["process"], () => ({ process: P.nodeRequire("process") }));
  P.lazyGlobals(["Buffer"], () => ({ Buffer: P.nodeRequire("buffer").Buffer }));
  Object.defineProperty(globalThis, "global", {
    value: globalThis, writable: true, enumerable: true, configurable: true,
  });
  // util.promisify(setTimeout) / (setImmediate) give node:timers/promises' (as in Node).
  const custom = Symbol.for("nodejs.util.promisify.custom");
  for (const name of ["setTimeout", "setImmediate"]) {
    Object.defineProperty(globalThis[name], custom, {
      get: () => P.nodeRequire("timers/promises")[name], enumerable: false, configurable: true,
    });
  }
});
