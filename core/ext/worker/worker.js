// worker.js: Web Workers (core/ext/worker/worker.c). Only this stub is in the snapshot: the
// `Worker` global is defined on first use (worker_impl.js); a runtime made for a worker
// sets up its global scope (worker_scope_impl.js) from C before its main script runs.
(function (P) {
  "use strict";
  P.lazyGlobals(["Worker"], () => P.loadBuiltin("core/ext/worker/worker_impl.js"));
});
