// text.js: the TextEncoder and TextDecoder globals (the Encoding standard), made on first use:
// their code (text_impl.js) is compiled from the binary then, not kept in the startup snapshot.
(function (P) {
  "use strict";
  P.textEncoding = P.lazyGlobals(["TextEncoder", "TextDecoder"],
    () => P.loadBuiltin("core/ext/encoding/text_impl.js"));
});
