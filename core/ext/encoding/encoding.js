// encoding.js: web globals for bytes: atob and btoa (TextEncoder and TextDecoder: text.js;
// DOMException is the events extension's, P.DOMException; structuredClone is messaging's).
// The work is native (core/ext/encoding/encoding.c).
(function (P) {
  "use strict";
  const ops = P.ops;

  function codeError(Ctor, code, message) {
    const err = new Ctor(message);
    err.code = code;
    return err;
  }

  // ------------------------------------------------------------------ base64

  function missing(name) {
    return codeError(TypeError, "ERR_MISSING_ARGS", `The "${name}" argument must be specified`);
  }

  function btoa(data) {
    if (arguments.length === 0) throw missing("input");
    const out = ops.btoa(`${data}`);
    if (out === undefined) throw new P.DOMException("Invalid character", "InvalidCharacterError");
    return out;
  }

  function atob(data) {
    if (arguments.length === 0) throw missing("input");
    const out = ops.atob(`${data}`);
    if (typeof out !== "string") {
      throw new P.DOMException(out === 1 ? "Invalid character"
        : "The string to be decoded is not correctly encoded.", "InvalidCharacterError");
    }
    return out;
  }

  // Operations of the global object: enumerable (WebIDL), unlike interface objects.
  const globals = { atob, btoa };
  for (const name of Object.keys(globals)) {
    Object.defineProperty(globalThis, name, {
      value: globals[name], writable: true, enumerable: true, configurable: true,
    });
  }
});
