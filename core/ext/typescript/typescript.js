// typescript.js: TypeScript sources (.ts, .mts, .cts) run with their types stripped. The
// kernel calls P.sourceTransforms.typescript(source, url) before it compiles such a file
// (core/source_transform.c); the stripper is compiled from the binary the first time.
(function (P) {
  "use strict";
  P.sourceTransforms.typescript = function typescript(source, url) {
    return P.loadBuiltin("core/ext/typescript/typescript_impl.js").strip(source, url);
  };
});
