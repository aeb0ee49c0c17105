// es_array.js: the Array and TypedArray methods V8 10.2 lacks: change-array-by-copy
// (ES2023: toReversed, toSorted, toSpliced, with) and Array.fromAsync (ES2026): stubs here,
// in the snapshot; their bodies in es_array_impl.js, loaded at the first call.
(function (P) {
  "use strict";
  const { installLazy } = P.lang;
  const TypedArrayPrototype = Object.getPrototypeOf(Int8Array.prototype);
  P.lang.saved.array = {
    Array,
    getOwnPropertyDescriptor: Object.getOwnPropertyDescriptor,
    defineProperty: Object.defineProperty,
    iteratorSymbol: Symbol.iterator,
    asyncIteratorSymbol: Symbol.asyncIterator,
    toStringTag: Symbol.toStringTag,
    sort: Array.prototype.sort,
    call: Function.prototype.call,
    TypedArrayPrototype,
    detached: Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "detached").get,
    typedArrays: [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
      Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array],
  };
  const impl = "core/ext/lang/es_array_impl.js";
  installLazy(Array.prototype, impl, "array", { toReversed: 0, toSorted: 1, toSpliced: 2, with: 2 });
  installLazy(TypedArrayPrototype, impl, "typedArray", { toReversed: 0, toSorted: 1, with: 2 });
  installLazy(Array, impl, "statics", { fromAsync: 1 });
  // The three that return a new array are unscopable (`with` is not: it is a keyword).
  const unscopables = Array.prototype[Symbol.unscopables];
  for (const name of ["toReversed", "toSorted", "toSpliced"]) {
    Object.defineProperty(unscopables, name, { value: true, writable: true, enumerable: true, configurable: true });
  }
});
