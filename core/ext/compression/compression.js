// compression.js: the CompressionStream and DecompressionStream globals (Compression
// Standard: gzip, deflate, deflate-raw). Their code (compression_impl.js) is compiled from the
// binary at first use, and zlib is loaded at the first stream made (zlib_loader.c).
(function (P) {
  "use strict";
  P.lazyGlobals(["CompressionStream", "DecompressionStream"],
    () => P.loadBuiltin("core/ext/compression/compression_impl.js"));
});
