// node:util/types: the same object as util.types (core/ext/node/internal/types.js).
(function (P) {
  "use strict";
  return P.loadBuiltin("core/ext/node/internal/types.js");
});
