// es_statics.js: the small static functions V8 10.2 lacks: Object.groupBy and Map.groupBy
// (ES2024), Promise.withResolvers (ES2024) and Promise.try (ES2025), Error.isError and
// Atomics.pause (ES2026).
(function (P) {
  "use strict";
  const { install, uncurry, isObject, isConstructor } = P.lang;
  const ops = P.ops;
  const ownKeys = Reflect.ownKeys;
  const mapGet = uncurry(Map.prototype.get);
  const mapSet = uncurry(Map.prototype.set);
  const OriginalMap = Map;

  // ToPropertyKey: a computed key converts its value exactly once, as the spec's does.
  function toPropertyKey(v) {
    if (typeof v === "string" || typeof v === "symbol") return v;
    if (!isObject(v)) return `${v}`;
    return ownKeys({ [v]: 0 })[0];
  }
  // GroupBy(items, callback, keyCoercion): for-of is GetIterator and IteratorStepValue,
  // and closes the iterator when the callback or the coercion throws.
  function groupBy(items, callback, method) {
    if (items === undefined || items === null) throw new TypeError(`${method} called on null or undefined`);
    if (typeof callback !== "function") throw new TypeError(`${method}: the callback is not a function`);
  }
  install(Object, {
    groupBy(items, callback) {
      groupBy(items, callback, "Object.groupBy");
      // A null-prototype object keeps its keys in the order the spec's list of groups
      // would give them (integer keys first, then the rest by first appearance).
      const groups = { __proto__: null };
      let k = 0;
      for (const value of items) {
        const key = toPropertyKey(callback(value, k++));
        const group = groups[key];
        if (group === undefined) groups[key] = [value];
        else group[group.length] = value;
      }
      return groups;
    },
  });
  install(Map, {
    groupBy(items, callback) {
      groupBy(items, callback, "Map.groupBy");
      const groups = new OriginalMap();
      let k = 0;
      for (const value of items) {
        let key = callback(value, k++);
        if (key === 0) key = 0; // -0 as +0
        const group = mapGet(groups, key);
        if (group === undefined) mapSet(groups, key, [value]);
        else group[group.length] = value;
      }
      return groups;
    },
  });

  // NewPromiseCapability(C).
  const OriginalPromise = Promise;
  function newPromiseCapability(C) {
    if (C !== OriginalPromise && !isConstructor(C)) throw new TypeError("Promise resolver: the receiver is not a constructor");
    let resolve;
    let reject;
    const promise = new C((res, rej) => {
      if (resolve !== undefined) throw new TypeError("Promise executor has already been invoked with non-undefined arguments");
      if (reject !== undefined) throw new TypeError("Promise executor has already been invoked with non-undefined arguments");
      resolve = res;
      reject = rej;
    });
    if (typeof resolve !== "function") throw new TypeError("Promise resolve function is not callable");
    if (typeof reject !== "function") throw new TypeError("Promise reject function is not callable");
    return { promise, resolve, reject };
  }
  const callFunction = uncurry(Function.prototype.call);
  const apply = Reflect.apply;
  // Promise.try on %Promise% itself: an async function takes the same steps (a new %Promise%,
  // the callback called at once, the promise resolved with its value or rejected with its
  // throw) at a third of the cost of a capability's closures.
  const tryIntrinsic = async (callbackfn, args) => apply(callbackfn, undefined, args);
  install(Promise, {
    withResolvers() {
      return newPromiseCapability(this);
    },
    try(callbackfn, ...args) {
      if (this === OriginalPromise) return tryIntrinsic(callbackfn, args);
      if (!isObject(this)) throw new TypeError("Promise.try called on a non-object");
      const cap = newPromiseCapability(this);
      let value;
      try {
        value = apply(callbackfn, undefined, args);
      } catch (e) {
        callFunction(cap.reject, undefined, e);
        return cap.promise;
      }
      callFunction(cap.resolve, undefined, value);
      return cap.promise;
    },
  });

  // Error.isError is the native op itself (only the engine knows [[ErrorData]]), named and
  // sized as the spec's.
  const isError = ops.isError;
  ops.setBuiltinName(isError, "isError");
  Object.defineProperty(isError, "length", { value: 1, configurable: true });
  install(Error, { isError });

  // Atomics.pause([N]): a hint for spin-wait loops; V8 10.2 has no pause instruction to
  // give it, so it checks its argument and returns (it must take no measurable time).
  // Installed at each start: V8 adds Atomics (as its other flagged globals) to a context
  // after deserializing the snapshot, not in it.
  const atomicsMethods = {
    pause(N = undefined) {
      if (N !== undefined && !(typeof N === "number" && N % 1 === 0)) {
        throw new TypeError("Atomics.pause: the argument must be undefined or an integral Number");
      }
      return undefined;
    },
  };
  const pause = { value: atomicsMethods.pause, writable: true, enumerable: false, configurable: true };
  const defineProperty = Object.defineProperty;
  P.lang.start = function start() {
    if (typeof Atomics === "object" && Atomics !== null) defineProperty(Atomics, "pause", pause);
  };
  P.lang.start(); // now, so that its code is in the snapshot, not compiled at every start
});
