// node:assert/strict: assert.strict (the strict checks under the loose names too).
(function (P) {
  "use strict";
  return P.nodeRequire("assert").strict;
});
