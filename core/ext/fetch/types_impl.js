// types_impl.js: Headers, Request, Response and the body mixin (being built: issue 14).
(function (P) {
  "use strict";
  return { __proto__: null };
});
