// node:path placeholder until the node-core work lands (the skeleton's smoke test).
(function (P) {
  "use strict";
  return { sep: "/", delimiter: ":" };
});
