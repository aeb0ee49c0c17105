// serve.js: mrt.serve, Deno.serve's shape. Only this stub is in the startup snapshot; the
// server (serve_impl.js, over core/ext/http/server.c) is compiled at the first call.
(function (P) {
  "use strict";
  let impl = null;
  P.mrt.serve = function serve(options, handler) {
    if (impl === null) impl = P.loadBuiltin("core/ext/http/serve_impl.js");
    return impl.serve(arguments.length, options, handler);
  };
});
