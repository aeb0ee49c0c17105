// node:module: the CommonJS loader's Module (core/ext/node/cjs_impl.js): createRequire,
// builtinModules, isBuiltin, and the internals packages reach for (_extensions, ...).
(function (P) {
  "use strict";
  return P.loadBuiltin("core/ext/node/cjs_impl.js").Module;
});
