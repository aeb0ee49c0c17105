// node:stream/promises: pipeline and finished as promises.
(function (P) {
  "use strict";
  return P.nodeRequire("stream").promises;
});
