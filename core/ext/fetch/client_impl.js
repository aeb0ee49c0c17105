// client_impl.js: fetch over libcurl's multi interface on the loop (being built: issue 14).
(function (P) {
  "use strict";
  return { __proto__: null };
});
