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

  // What the other files of lang (es_*.js, run next) share: the spec's abstract operations
  // they all use, and install(), which puts an object literal's methods and accessors on a
  // built-in as the engine's own are, unless the engine has them (literal methods already
  // have the spec's `name` and `length`, are strict and not constructors, as built-ins are).
  const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const ownKeys = Reflect.ownKeys;
  // Not Object.hasOwn: V8 adds it (as its other flagged built-ins) after the snapshot.
  const hasOwn = Function.prototype.call.bind(Object.prototype.hasOwnProperty);
  const construct = Reflect.construct;
  const apply = Reflect.apply;
  const bind = Function.prototype.bind;
  const call = Function.prototype.call;
  const constructTrap = { construct: () => constructTrap };
  const L = (P.lang = {
    __proto__: null,
    // What the engine has already is left alone (a newer V8's own is better).
    install(target, source) {
      for (const key of ownKeys(source)) {
        if (hasOwn(target, key)) continue;
        const d = getOwnPropertyDescriptor(source, key);
        d.enumerable = false;
        defineProperty(target, key, d);
      }
    },
    // Methods whose bodies load at their first call, so that the snapshot (deserialized at
    // every start) holds only a small stub per method, all of one shared function: path is a
    // lazy file (MRT_JS_LAZY) returning { part: { name: implementation } }; lengths maps
    // each name to its spec length. The stub passes `this` and the arguments as they came.
    installLazy(target, path, part, lengths) {
      let impl;
      const load = () => impl || (impl = P.loadBuiltin(path)[part]);
      const makeStub = (key) => {
        let fn; // the implementation, once loaded
        return {
          // A rest parameter: on V8 10.2 half the cost of applying `arguments`.
          [key](...args) {
            return apply(fn || (fn = load()[key]), this, args);
          },
        }[key];
      };
      for (const key of ownKeys(lengths)) {
        if (hasOwn(target, key)) continue;
        const stub = makeStub(key);
        defineProperty(stub, "length", { value: lengths[key], configurable: true });
        defineProperty(target, key, { value: stub, writable: true, enumerable: false, configurable: true });
      }
    },
    // What a lazy implementation calls, as it was at start (a program may replace built-ins
    // before the first call loads it): each es_*.js file keeps its own here.
    saved: { __proto__: null },
    // A method f as a plain function of (this, ...args), unaffected by later changes to
    // Function.prototype.call.
    uncurry: (f) => apply(bind, call, [f]),
    isObject: (v) => (typeof v === "object" && v !== null) || typeof v === "function",
    toIntegerOrInfinity(v) {
      const n = +v; // ToNumber: a TypeError for a Symbol or BigInt, as the spec's
      return n !== n ? 0 : Math.trunc(n) + 0; // + 0: -0 is 0
    },
    toLength(v) {
      const n = L.toIntegerOrInfinity(v);
      return n <= 0 ? 0 : n < 9007199254740991 ? n : 9007199254740991;
    },
    // IsConstructor without calling C or reading its properties: a Proxy has [[Construct]]
    // exactly when its target has, and this one's trap answers without touching C.
    isConstructor(C) {
      if (typeof C !== "function") return false;
      try {
        construct(new Proxy(C, constructTrap), []);
        return true;
      } catch {
        return false;
      }
    },
    // GetMethod(V, P): undefined for undefined or null, else a function or a TypeError.
    getMethod(v, key) {
      const f = v[key];
      if (f === undefined || f === null) return undefined;
      if (typeof f !== "function") throw new TypeError(`${String(key)} is not a function`);
      return f;
    },
  });

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
