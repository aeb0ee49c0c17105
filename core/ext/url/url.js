// url.js: the URL and URLSearchParams globals (WHATWG URL Standard), defined on first use:
// their code (url_impl.js) is compiled from the binary then, not kept in the startup snapshot.
(function (P) {
  "use strict";
  // P.loadURL() gives { URL, URLSearchParams } to other extensions (loading them if needed).
  P.loadURL = P.lazyGlobals(["URL", "URLSearchParams"],
    () => P.loadBuiltin("core/ext/url/url_impl.js"));
});
