// core.js: the async-op machinery. Runs first; the C core reads P.asyncOp and P.settle.
(function (P) {
  "use strict";

  // Resolvers of the promises of async ops in flight. Ids are handed out in order, so a ring
  // indexed by id holds them without a map; an op still in flight when its slot comes round
  // again (more than RING ops outstanding) moves to the overflow map.
  const RING = 4096;
  const ids = new Int32Array(RING);
  const resolves = new Array(RING).fill(undefined);
  const rejects = new Array(RING).fill(undefined);
  const overflow = new Map();
  let nextId = 1;
  let inFlight = 0;

  function track(id, resolve, reject) {
    const slot = id & (RING - 1);
    if (ids[slot] !== 0) overflow.set(ids[slot], [resolves[slot], rejects[slot]]);
    ids[slot] = id;
    resolves[slot] = resolve;
    rejects[slot] = reject;
    inFlight++;
  }

  function settleOne(id, ok, value) {
    const slot = id & (RING - 1);
    let resolve, reject;
    if (ids[slot] === id) {
      resolve = resolves[slot];
      reject = rejects[slot];
      ids[slot] = 0;
      resolves[slot] = rejects[slot] = undefined;
    } else {
      const r = overflow.get(id);
      if (r === undefined) return;
      overflow.delete(id);
      resolve = r[0];
      reject = r[1];
    }
    inFlight--;
    if (ok) resolve(value);
    else reject(value);
  }

  // Wraps a raw async native `raw(id, ...args)` into `(...args) => Promise`. Arities up to
  // three take no rest array.
  P.asyncOp = function asyncOp(raw) {
    function call(a, b, c) {
      const id = nextId;
      nextId = nextId === 0x7fffffff ? 1 : nextId + 1;
      let resolve, reject;
      const promise = new Promise((res, rej) => {
        resolve = res;
        reject = rej;
      });
      track(id, resolve, reject);
      try {
        switch (arguments.length) {
          case 0: raw(id); break;
          case 1: raw(id, a); break;
          case 2: raw(id, a, b); break;
          case 3: raw(id, a, b, c); break;
          default: raw(id, ...arguments);
        }
      } catch (err) {
        settleOne(id, false, err);
      }
      return promise;
    }
    return call;
  };

  // One call from C settles a batch: [id, ok, value, id, ok, value, ...].
  P.settle = function settle(batch) {
    for (let i = 0; i < batch.length; i += 3) settleOne(batch[i], batch[i + 1], batch[i + 2]);
  };

  P.pendingOps = () => inFlight;

  // An embedded file of the runtime's, `(function (P) {...})`, compiled from the binary and
  // called with P on first use; its result is kept. The bodies of lazy APIs live in such
  // files (MRT_JS_LAZY in core/CMakeLists.txt), so the startup snapshot holds neither their
  // source nor their code. An exception propagates, and a later call tries again.
  const builtins = { __proto__: null };
  P.loadBuiltin = function loadBuiltin(name) {
    if (!(name in builtins)) builtins[name] = P.ops.compileBuiltin(name)(P);
    return builtins[name];
  };

  P.sourceTransforms = { __proto__: null }; // core/source_transform.h

  const defineProperty = Object.defineProperty;

  // WebIDL's shape for an interface made as a class: its operations and attributes (and the
  // named static operations) enumerable, @@toStringTag the interface's name, and constants
  // (name -> value) read-only on both the interface object and its prototype.
  P.webidlClass = function webidlClass(Class, tag, constants, statics) {
    const proto = Class.prototype;
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key !== "constructor") defineProperty(proto, key, { enumerable: true });
    }
    if (statics) for (const key of statics) defineProperty(Class, key, { enumerable: true });
    defineProperty(proto, Symbol.toStringTag, { value: tag, configurable: true });
    if (constants) {
      for (const k of Object.keys(constants)) {
        const d = { value: constants[k], enumerable: true, writable: false, configurable: false };
        defineProperty(Class, k, d);
        defineProperty(proto, k, d);
      }
    }
  };

  // Globals whose code runs on first use, so an API costs nothing at start until a program
  // touches it (the loader's closure sits in the snapshot uncompiled). `load()` runs once, when
  // any of `names` is first read or written on globalThis, and returns an object holding each
  // name's value; every name then becomes an ordinary global (writable, non-enumerable,
  // configurable, as WebIDL makes interface objects). Returns a function giving the loaded
  // object, for other extensions that need the API internally.
  P.lazyGlobals = function lazyGlobals(names, load) {
    let loaded;
    const getters = [];
    function get() {
      if (loaded === undefined) {
        loaded = load();
        for (let i = 0; i < names.length; i++) {
          const name = names[i];
          const desc = Object.getOwnPropertyDescriptor(globalThis, name);
          // A global the program replaced or deleted keeps what it did.
          if (desc !== undefined && desc.get === getters[i]) {
            defineProperty(globalThis, name, {
              value: loaded[name], writable: true, enumerable: false, configurable: true,
            });
          }
        }
      }
      return loaded;
    }
    for (const name of names) {
      const getter = { [name]() { return get()[name]; } }[name];
      getters.push(getter);
      defineProperty(globalThis, name, {
        get: getter,
        set(value) {
          get();
          defineProperty(globalThis, name, {
            value, writable: true, enumerable: false, configurable: true,
          });
        },
        enumerable: false,
        configurable: true,
      });
    }
    return get;
  };
});
