// es_set.js: the Set methods of ES2025 (union, intersection, difference,
// symmetricDifference, isSubsetOf, isSupersetOf, isDisjointFrom): stubs here, in the
// snapshot; their bodies in es_set_impl.js, loaded at the first call.
(function (P) {
  "use strict";
  const SetPrototype = Set.prototype;
  P.lang.saved.set = {
    Set,
    size: Object.getOwnPropertyDescriptor(SetPrototype, "size").get,
    has: SetPrototype.has,
    add: SetPrototype.add,
    delete: SetPrototype.delete,
    values: SetPrototype.values,
    SetIteratorPrototype: Object.getPrototypeOf(new Set().values()),
    setIteratorNext: Object.getPrototypeOf(new Set().values()).next,
    call: Function.prototype.call,
    // for-of over a Set iterator takes the spec's steps when these are the originals.
    iteratorSelf: Object.getPrototypeOf(Object.getPrototypeOf(new Set().values()))[Symbol.iterator],
    iteratorSymbol: Symbol.iterator,
  };
  P.lang.installLazy(SetPrototype, "core/ext/lang/es_set_impl.js", "set", {
    union: 1,
    intersection: 1,
    difference: 1,
    symmetricDifference: 1,
    isSubsetOf: 1,
    isSupersetOf: 1,
    isDisjointFrom: 1,
  });
});
