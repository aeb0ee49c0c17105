// blob.js: the Blob, File and FormData globals; their code (blob_impl.js) is compiled from the
// binary at first use of any of them, so it is not in the startup snapshot.
(function (P) {
  "use strict";
  P.blob = P.lazyGlobals(["Blob", "File", "FormData"],
    () => P.loadBuiltin("core/ext/blob/blob_impl.js"));
});
