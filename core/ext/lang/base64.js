// base64.js: ES2026 Uint8Array.fromBase64 / fromHex and Uint8Array.prototype.toBase64 /
// toHex / setFromBase64 / setFromHex (TC39 proposal-arraybuffer-base64), over one native op
// (base64.c). Here: the options, read in the spec's order (their getters are observable);
// there: the receiver, string and detached-buffer checks, and the codec. With no options the
// op is called at once: it makes the same checks in the same order. Installed at bootstrap
// (in the startup snapshot) as built-ins are: writable, configurable, not enumerable. An
// engine that has them (V8 13.6 and later) keeps its own.
(function (P) {
  "use strict";
  if (typeof Uint8Array.fromBase64 === "function") return;
  const codec = P.ops.uint8Codec;
  const TO_BASE64 = 0, FROM_BASE64 = 1, SET_FROM_BASE64 = 2, TO_HEX = 3, FROM_HEX = 4,
    SET_FROM_HEX = 5;
  const LOOSE = 0, STRICT = 1, STOP_BEFORE_PARTIAL = 2;
  const defineProperty = Object.defineProperty;
  const Uint8ArrayPrototype = Uint8Array.prototype;
  // %TypedArray%.prototype[@@toStringTag]: the [[TypedArrayName]] of a typed array, else
  // undefined (the spec's ValidateUint8Array, before the options are read).
  const typedArrayName = Function.prototype.call.bind(
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8ArrayPrototype), Symbol.toStringTag).get);
  // [read, written] of the last setFromBase64 / setFromHex.
  const result = new Float64Array(2);

  function validate(self, method) {
    if (typedArrayName(self) !== "Uint8Array") {
      throw new TypeError(`${method}: the receiver is not a Uint8Array`);
    }
  }

  function requireString(string, method) {
    if (typeof string !== "string") throw new TypeError(`${method}: the argument is not a string`);
  }

  // GetOptionsObject: an object (a function too), else a TypeError (undefined is handled by
  // the callers: no options to read).
  function requireObject(options, method) {
    if ((typeof options !== "object" || options === null) && typeof options !== "function") {
      throw new TypeError(`${method}: options must be an object`);
    }
  }

  // Get(opts, "alphabet"): 1 for base64url. Not converted: only these strings pass.
  function alphabetOf(options, method) {
    const alphabet = options.alphabet;
    if (alphabet === undefined || alphabet === "base64") return 0;
    if (alphabet === "base64url") return 1;
    throw new TypeError(`${method}: alphabet must be "base64" or "base64url"`);
  }

  function lastChunkHandlingOf(options, method) {
    const handling = options.lastChunkHandling;
    if (handling === undefined || handling === "loose") return LOOSE;
    if (handling === "strict") return STRICT;
    if (handling === "stop-before-partial") return STOP_BEFORE_PARTIAL;
    throw new TypeError(
      `${method}: lastChunkHandling must be "loose", "strict" or "stop-before-partial"`);
  }

  // The methods' names and lengths are the spec's: fromBase64(string [, options]) is 1,
  // toBase64([options]) 0 (a default value keeps a parameter out of `length`).
  const statics = {
    fromBase64(string, options = undefined) {
      if (options === undefined) return codec(FROM_BASE64, undefined, string, 0, LOOSE);
      const method = "Uint8Array.fromBase64";
      requireString(string, method);
      requireObject(options, method);
      const url = alphabetOf(options, method);
      return codec(FROM_BASE64, undefined, string, url, lastChunkHandlingOf(options, method));
    },
    fromHex(string) {
      return codec(FROM_HEX, undefined, string);
    },
  };

  const methods = {
    toBase64(options = undefined) {
      if (options === undefined) return codec(TO_BASE64, this, undefined, 0, false);
      const method = "Uint8Array.prototype.toBase64";
      validate(this, method);
      requireObject(options, method);
      const url = alphabetOf(options, method);
      return codec(TO_BASE64, this, undefined, url, !!options.omitPadding);
    },
    toHex() {
      return codec(TO_HEX, this);
    },
    setFromBase64(string, options = undefined) {
      if (options === undefined) {
        codec(SET_FROM_BASE64, this, string, 0, LOOSE, result);
      } else {
        const method = "Uint8Array.prototype.setFromBase64";
        validate(this, method);
        requireString(string, method);
        requireObject(options, method);
        const url = alphabetOf(options, method);
        codec(SET_FROM_BASE64, this, string, url, lastChunkHandlingOf(options, method), result);
      }
      return { read: result[0], written: result[1] };
    },
    setFromHex(string) {
      codec(SET_FROM_HEX, this, string, 0, 0, result);
      return { read: result[0], written: result[1] };
    },
  };

  for (const [target, source] of [[Uint8Array, statics], [Uint8ArrayPrototype, methods]]) {
    for (const name of Object.keys(source)) {
      defineProperty(target, name, {
        value: source[name],
        writable: true,
        enumerable: false,
        configurable: true,
      });
    }
  }
});
