// lang.js: ECMAScript built-ins that V8 10.2 lacks, installed as the engine's own are:
// methods writable, configurable and not enumerable, accessors configurable and not
// enumerable, with the spec's `name` and `length`. Runs at bootstrap (in the startup
// snapshot), so each addition must stay a few property definitions.
(function (P) {
  "use strict";
  const ops = P.ops;
  const defineProperty = Object.defineProperty;

  // A native op as the built-in `name` (ops are named for P.ops; length 0 as ops are).
  function named(fn, name) {
    ops.setBuiltinName(fn, name);
    return fn;
  }

  // ES2024 ArrayBuffer.prototype.transfer / transferToFixedLength ([newLength], length 0)
  // and the detached getter (shim/array_buffer.cc).
  const AB = ArrayBuffer.prototype;
  defineProperty(AB, "transfer", {
    value: named(ops.arrayBufferTransfer, "transfer"),
    writable: true,
    enumerable: false,
    configurable: true,
  });
  defineProperty(AB, "transferToFixedLength", {
    value: named(ops.arrayBufferTransferToFixedLength, "transferToFixedLength"),
    writable: true,
    enumerable: false,
    configurable: true,
  });
  defineProperty(AB, "detached", {
    get: named(ops.arrayBufferDetached, "get detached"),
    set: undefined,
    enumerable: false,
    configurable: true,
  });
});
