// es_iterator.js: iterator helpers (ES2025) and Iterator.concat (ES2026): the global
// Iterator and Iterator.prototype's accessors here, in the snapshot, with a stub for each
// method (Iterator.from, concat; map, filter, take, drop, flatMap, reduce, toArray, forEach,
// some, every, find) whose body is in es_iterator_impl.js, loaded at the first call.
(function (P) {
  "use strict";
  if (typeof globalThis.Iterator === "function") return; // the engine has them
  const { install, installLazy, isObject } = P.lang;
  const { defineProperty, getPrototypeOf, setPrototypeOf, getOwnPropertyDescriptor } = Object;
  const IteratorPrototype = getPrototypeOf(getPrototypeOf([][Symbol.iterator]()));
  P.lang.saved.iterator = {
    defineProperty,
    setPrototypeOf,
    call: Function.prototype.call,
    isPrototypeOf: Object.prototype.isPrototypeOf,
    iteratorSymbol: Symbol.iterator,
    toStringTag: Symbol.toStringTag,
    IteratorPrototype,
  };

  // The global Iterator: abstract (only a subclass constructs), its prototype the
  // existing %IteratorPrototype%.
  function Iterator() {
    if (new.target === undefined || new.target === Iterator) {
      throw new TypeError("Abstract class Iterator not directly constructable");
    }
  }
  defineProperty(Iterator, "prototype", { value: IteratorPrototype, writable: false });


  // Iterator.prototype[@@toStringTag] and .constructor: accessors whose setters ignore
  // Iterator.prototype itself and define an own property on anything inheriting from it
  // (SetterThatIgnoresPrototypeProperties), so old code assigning them keeps working.
  function setIgnoringPrototype(O, key, v) {
    if (!isObject(O)) throw new TypeError("Iterator.prototype setter called on non-object");
    if (O === IteratorPrototype) throw new TypeError(`Cannot assign to read only property '${String(key)}' of Iterator.prototype`);
    if (getOwnPropertyDescriptor(O, key) === undefined) {
      defineProperty(O, key, { value: v, writable: true, enumerable: true, configurable: true });
    } else {
      O[key] = v;
    }
  }
  install(IteratorPrototype, {
    get [Symbol.toStringTag]() {
      return "Iterator";
    },
    set [Symbol.toStringTag](v) {
      setIgnoringPrototype(this, Symbol.toStringTag, v);
    },
    get constructor() {
      return Iterator;
    },
    set constructor(v) {
      setIgnoringPrototype(this, "constructor", v);
    },
  });

  const impl = "core/ext/lang/es_iterator_impl.js";
  installLazy(Iterator, impl, "statics", { concat: 0, from: 1 });
  installLazy(IteratorPrototype, impl, "proto", {
    map: 1,
    filter: 1,
    take: 1,
    drop: 1,
    flatMap: 1,
    reduce: 1,
    toArray: 0,
    forEach: 1,
    some: 1,
    every: 1,
    find: 1,
  });
  defineProperty(globalThis, "Iterator", { value: Iterator, writable: true, enumerable: false, configurable: true });
});
