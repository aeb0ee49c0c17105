// text.js: the TextEncoder and TextDecoder globals (the Encoding standard), and their stream
// forms TextEncoderStream and TextDecoderStream, made on first use: their code (text_impl.js,
// text_streams_impl.js) is compiled from the binary then, not kept in the startup snapshot.
(function (P) {
  "use strict";
  P.textEncoding = P.lazyGlobals(["TextEncoder", "TextDecoder"],
    () => P.loadBuiltin("core/ext/encoding/text_impl.js"));
  P.lazyGlobals(["TextEncoderStream", "TextDecoderStream"],
    () => P.loadBuiltin("core/ext/encoding/text_streams_impl.js"));
});
