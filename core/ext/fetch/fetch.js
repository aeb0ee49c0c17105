// fetch.js: the Fetch standard's globals. Headers, Request and Response (types_impl.js) and
// fetch (client_impl.js, over libcurl, loaded at the first fetch call) are compiled at first
// use, so none of them is in the startup snapshot. P.fetchTypes() gives the types and their
// internals to the client and to the HTTP server.
(function (P) {
  "use strict";
  P.fetchTypes = P.lazyGlobals(["Headers", "Request", "Response"],
    () => P.loadBuiltin("core/ext/fetch/types_impl.js"));
  P.fetchClient = P.lazyGlobals(["fetch"], () => P.loadBuiltin("core/ext/fetch/client_impl.js"));
});
