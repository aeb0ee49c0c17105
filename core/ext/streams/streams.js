// streams.js: the Streams Standard's globals; their code (streams_impl.js, over the bundled
// web-streams-polyfill) is compiled at first use of any of them, so it is not in the startup
// snapshot. P.streams() gives the classes to other extensions (fetch bodies, files, sockets).
(function (P) {
  "use strict";
  P.streams = P.lazyGlobals([
    "ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader",
    "ReadableStreamBYOBRequest", "ReadableStreamDefaultController", "ReadableByteStreamController",
    "WritableStream", "WritableStreamDefaultWriter", "WritableStreamDefaultController",
    "TransformStream", "TransformStreamDefaultController",
    "ByteLengthQueuingStrategy", "CountQueuingStrategy",
  ], () => P.loadBuiltin("core/ext/streams/streams_impl.js"));
});
