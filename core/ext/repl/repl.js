// repl.js: the only part of the REPL in the startup snapshot. `mrt` on a terminal, `mrt -p`
// (tools/repl.c) reach the REPL's JS (repl_impl.js, compiled at that first call) through
// mrt.repl(), not enumerable: it is for the mrt command, not part of the documented API.
(function (P) {
  "use strict";
  if (!P.mrt) return;
  Object.defineProperty(P.mrt, "repl", {
    value: function repl() { return P.loadBuiltin("core/ext/repl/repl_impl.js"); },
    writable: true, enumerable: false, configurable: true,
  });
});
