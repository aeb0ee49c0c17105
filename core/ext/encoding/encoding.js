// encoding.js: web globals for bytes and values: TextEncoder, TextDecoder (UTF-8), atob,
// btoa and structuredClone (DOMException is the events extension's, P.DOMException). The work is native (core/ext/encoding/encoding.c):
// UTF-8 is written straight from a JS string into a Uint8Array and strings are made
// straight from bytes.
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

  // ------------------------------------------------------------------ TextEncoder

  const intoResult = new Float64Array(2);

  class TextEncoder {
    get encoding() { return "utf-8"; }

    encode(input = "") {
      return ops.encode(`${input}`);
    }

    encodeInto(src, dest) {
      if (!(dest instanceof Uint8Array)) {
        throw codeError(TypeError, "ERR_INVALID_ARG_TYPE",
          `The "dest" argument must be an instance of Uint8Array.${describe(dest)}`);
      }
      ops.encodeInto(`${src}`, dest, intoResult);
      return { read: intoResult[0], written: intoResult[1] };
    }
  }
  Object.defineProperty(TextEncoder.prototype, Symbol.toStringTag, {
    value: "TextEncoder", configurable: true,
  });

  // ------------------------------------------------------------------ TextDecoder

  const utf8Labels = new Set([
    "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8",
  ]);
  const empty = new Uint8Array(0);

  // A detached buffer (its length reads 0; a DataView's own length throws) decodes as empty,
  // as in browsers and Node.
  function toBytes(input) {
    if (ArrayBuffer.isView(input)) {
      if (input.buffer.byteLength === 0) return empty;
      return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    }
    if (input instanceof ArrayBuffer ||
        (typeof SharedArrayBuffer === "function" && input instanceof SharedArrayBuffer)) {
      return input.byteLength === 0 ? empty : new Uint8Array(input);
    }
    throw codeError(TypeError, "ERR_INVALID_ARG_TYPE",
      'The "input" argument must be an instance of ArrayBuffer or ArrayBufferView.' +
      describe(input));
  }

  class TextDecoder {
    #fatal;
    #ignoreBOM;
    #pending = null; // bytes of an incomplete sequence kept between streaming calls
    #started = false; // output began (the BOM is only looked for at the start)

    constructor(encoding = "utf-8", options = {}) {
      const label = `${encoding}`.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, "").toLowerCase();
      if (!utf8Labels.has(label)) {
        throw codeError(RangeError, "ERR_ENCODING_NOT_SUPPORTED",
          `The "${encoding}" encoding is not supported`);
      }
      if (options !== undefined && options !== null && typeof options !== "object" &&
          typeof options !== "function") {
        throw codeError(TypeError, "ERR_INVALID_ARG_TYPE",
          `The "options" argument must be of type object.${describe(options)}`);
      }
      this.#fatal = Boolean(options && options.fatal);
      this.#ignoreBOM = Boolean(options && options.ignoreBOM);
    }

    get encoding() { return "utf-8"; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }

    decode(input = empty, options = {}) {
      let bytes = toBytes(input);
      const stream = Boolean(options && options.stream);
      if (this.#pending !== null) {
        const joined = new Uint8Array(this.#pending.length + bytes.length);
        joined.set(this.#pending, 0);
        joined.set(bytes, this.#pending.length);
        bytes = joined;
        this.#pending = null;
      }
      if (stream) {
        const tail = ops.utf8Tail(bytes);
        if (tail > 0) {
          this.#pending = bytes.slice(bytes.length - tail);
          bytes = bytes.subarray(0, bytes.length - tail);
        }
      }
      if (!this.#started && bytes.length > 0) {
        this.#started = true;
        if (!this.#ignoreBOM && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb &&
            bytes[2] === 0xbf) {
          bytes = bytes.subarray(3);
        }
      }
      let out;
      try {
        out = ops.decode(bytes, this.#fatal);
      } catch (e) {
        this.#pending = null;
        this.#started = false;
        throw e;
      }
      if (!stream) {
        this.#pending = null;
        this.#started = false;
      }
      return out;
    }
  }
  Object.defineProperty(TextDecoder.prototype, Symbol.toStringTag, {
    value: "TextDecoder", configurable: true,
  });

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

  const globals = { TextEncoder, TextDecoder, atob, btoa, structuredClone };
  for (const name of Object.keys(globals)) {
    Object.defineProperty(globalThis, name, {
      value: globals[name], writable: true, enumerable: false, configurable: true,
    });
  }
});
