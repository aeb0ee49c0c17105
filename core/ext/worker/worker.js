// worker.js: the lazy `Worker` global (worker_impl.js, over worker.c).
(function (P) {
  "use strict";
  P.lazyGlobals(["Worker"], () => P.loadBuiltin("core/ext/worker/worker_impl.js"));
});
