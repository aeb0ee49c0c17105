// encoding.js: web globals for bytes and values: atob, btoa and structuredClone (TextEncoder
// and TextDecoder: text.js; DOMException is the events extension's, P.DOMException). The work
// is native (core/ext/encoding/encoding.c).
(function (P) {
  "use strict";
  const ops = P.ops;

  function codeError(Ctor, code, message) {
    const err = new Ctor(message);
    err.code = code;
    return err;
  }

  function describe(v) {
    if (v === null) return " Received null";
    if (v === undefined) return " Received undefined";
    if (typeof v === "function") return ` Received function ${v.name}`;
    if (typeof v === "object") {
      const name = v.constructor && v.constructor.name;
      return name ? ` Received an instance of ${name}` : " Received an instance of Object";
    }
    let s = typeof v === "string" ? `'${v}'` : String(v);
    if (s.length > 28) s = `${s.slice(0, 25)}...`;
    return ` Received type ${typeof v} (${s})`;
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

  // ------------------------------------------------------------------ structuredClone

  function structuredClone(value, options) {
    if (arguments.length === 0) throw missing("value");
    let transfer;
    if (options !== undefined && options !== null) {
      if (typeof options !== "object") {
        throw codeError(TypeError, "ERR_INVALID_ARG_TYPE",
          `The "options" argument must be of type object.${describe(options)}`);
      }
      if (options.transfer !== undefined) transfer = [...options.transfer];
    }
    try {
      return ops.structuredClone(value, transfer);
    } catch (e) {
      if (e instanceof Error && e.code === "DataCloneError" && !(e instanceof P.DOMException)) {
        throw new P.DOMException(e.message, "DataCloneError");
      }
      throw e;
    }
  }

  const globals = { atob, btoa, structuredClone };
  for (const name of Object.keys(globals)) {
    Object.defineProperty(globalThis, name, {
      value: globals[name], writable: true, enumerable: false, configurable: true,
    });
  }
});
