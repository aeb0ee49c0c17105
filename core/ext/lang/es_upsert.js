// es_upsert.js: Map.prototype.getOrInsert/getOrInsertComputed and WeakMap's (upsert, stage 4
// in 2025; deno and bun have them). Through the original get/has/set, never the ones a
// program may put on the prototypes.
(function (P) {
  "use strict";
  const { install, uncurry, isObject } = P.lang;
  const methods = (proto, name, weak) => {
    const has = uncurry(proto.has);
    const get = uncurry(proto.get);
    const set = uncurry(proto.set);
    // CanBeHeldWeakly: an object, or a symbol not in the global registry.
    const keyFor = Symbol.keyFor;
    const checkKey = (key) => {
      if (weak && !isObject(key) && !(typeof key === "symbol" && keyFor(key) === undefined)) {
        throw new TypeError(`Invalid value used as ${name} key`);
      }
    };
    const check = (M, method) => {
      // has() is the brand check: a TypeError for anything but this kind of map.
      try {
        has(M, undefined);
      } catch {
        throw new TypeError(`Method ${name}.prototype.${method} called on incompatible receiver`);
      }
    };
    return {
      getOrInsert(key, value) {
        check(this, "getOrInsert");
        checkKey(key);
        if (has(this, key)) return get(this, key);
        set(this, key, value);
        return value;
      },
      getOrInsertComputed(key, callbackfn) {
        check(this, "getOrInsertComputed");
        if (weak) checkKey(key);
        if (typeof callbackfn !== "function") throw new TypeError(`${name}.prototype.getOrInsertComputed: the callback is not a function`);
        if (key === 0) key = 0; // -0 as +0, as the callback sees it
        if (has(this, key)) return get(this, key);
        const value = callbackfn(key);
        set(this, key, value); // the callback may have set the key: overwritten, as the spec's
        return value;
      },
    };
  };
  install(Map.prototype, methods(Map.prototype, "Map", false));
  install(WeakMap.prototype, methods(WeakMap.prototype, "WeakMap", true));
});
