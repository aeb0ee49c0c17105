// node.js: the Node.js core modules packages expect (`node:fs`, `process`, `Buffer`, ...).
// Each module is a lazy embedded file core/ext/node/lib/<name>.js ("fs/promises" is
// lib/fs_promises.js) evaluating to `function (P) { ...; return exports; }`, compiled the
// first time a program imports or requires it, so none of it is in the startup snapshot.
// The kernel's module map makes `node:x` URLs into synthetic modules through
// P.nodeBuiltinModule (core/modules.c).
(function (P) {
  "use strict";

  // Node's own error for a builtin mrt does not have: `node:http` is a Node module mrt does
  // not implement; `node:nope` is no module at all.
  function unknownBuiltin(name) {
    const err = new Error(`No such built-in module: node:${name}`);
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

  // Node's globals, made on first use.
  P.lazyGlobals(["Buffer"], () => ({ Buffer: P.nodeRequire("buffer").Buffer }));
});
