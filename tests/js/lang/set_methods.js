// node: skip
// ES2025 Set methods (node 20 lacks them; .out checked against deno and bun).
const err = (f) => {
  try {
    f();
    return "no error";
  } catch (e) {
    return e.constructor.name;
  }
};
const show = (s) => `${s.constructor.name}{${[...s].join()}}`;
const a = new Set([1, 2, 3]);
const b = new Set([3, 4]);
console.log(show(a.union(b)), show(a.intersection(b)), show(a.difference(b)), show(a.symmetricDifference(b)));
console.log(a.isSubsetOf(b), new Set([3]).isSubsetOf(b), a.isSupersetOf(new Set([1, 3])), a.isDisjointFrom(new Set([9])), a.isDisjointFrom(b));
// A set-like: size, has and keys, each read once, in the spec's order.
const reads = [];
const setLike = {
  get size() {
    reads.push("size");
    return 2;
  },
  get has() {
    reads.push("has");
    return (v) => v === 1 || v === 5;
  },
  get keys() {
    reads.push("keys");
    return function* () {
      yield 1;
      yield 5;
    };
  },
};
console.log(show(a.union(setLike)), show(a.intersection(setLike)), show(a.difference(setLike)), reads.join());
// Maps are set-likes too (their keys).
console.log(show(a.intersection(new Map([[2, "x"], [7, "y"]]))));
// -0 from the other set is +0 in the result.
console.log(Object.is([...new Set().union({ size: 1, has: () => false, keys: () => [-0][Symbol.iterator]() })][0], 0));
// Results are new Sets whatever `this`'s subclass; the receiver must be a Set.
class MySet extends Set {}
console.log(new MySet([1]).union(b).constructor === Set, err(() => Set.prototype.union.call(new Map(), b)));
// Bad set-likes.
console.log(err(() => a.union([1])), err(() => a.union({ size: NaN, has() {}, keys() {} })), err(() => a.union({ size: -1, has() {}, keys() {} })),
  err(() => a.union({ size: 1, has: 1, keys() {} })), err(() => a.union({ size: 1, has() {}, keys: 1 })), err(() => a.union(1)));
// isSupersetOf closes the other's keys iterator when it answers early.
let returned = 0;
const other = { size: 1, has: () => true, keys: () => ({ next: () => ({ value: 9, done: false }), return() { returned++; return {}; } }) };
console.log(a.isSupersetOf(other), a.isDisjointFrom({ ...other, size: 0, keys: () => ({ next: () => ({ value: 1, done: false }), return() { returned++; return {}; } }) }), returned);
for (const k of ["union", "intersection", "difference", "symmetricDifference", "isSubsetOf", "isSupersetOf", "isDisjointFrom"]) {
  const d = Object.getOwnPropertyDescriptor(Set.prototype, k);
  console.log(k, d.value.name, d.value.length, d.writable, d.enumerable, d.configurable, Object.hasOwn(d.value, "prototype"));
}

// The fast paths (a genuine Set, original keys/has/iterator) give way to the spec's steps
// when any of those is replaced; each step is logged.
{
  const log = [];
  const SetIteratorPrototype = Object.getPrototypeOf(new Set().values());
  const next = SetIteratorPrototype.next;
  SetIteratorPrototype.next = function () {
    log.push("next");
    return next.call(this);
  };
  console.log([...new Set([1, 2]).union(new Set([2, 3]))], new Set([1]).isSubsetOf(new Set([1, 2])), log.length);
  SetIteratorPrototype.next = next;
  log.length = 0;
  Object.prototype.return = function () {
    log.push("return");
    return {};
  };
  console.log(new Set([1, 2, 3]).isSubsetOf(new Set([1, 5, 6])), [...new Set([1, 2]).difference(new Set([2, 9]))], log.length);
  delete Object.prototype.return;
  class LoggingSet extends Set {
    has(v) {
      log.push("has " + v);
      return super.has(v);
    }
  }
  console.log(new Set([1, 2]).isSubsetOf(new LoggingSet([1, 2, 3])), [...new Set([1, 2]).intersection(new LoggingSet([2, 3]))], log.join());
  try {
    new Set([1]).union(new Proxy(new Set([1]), {}));
  } catch (e) {
    console.log("proxy of a Set:", e.constructor.name);
  }
  const s = new Set([1, 2, 3]);
  const other = new Set([1, 2, 3, 4]);
  let deleted = 0;
  other.has = function (v) {
    if (!deleted++) s.delete(3);
    return Set.prototype.has.call(this, v);
  };
  console.log(s.isSubsetOf(other), [...s.intersection(new Set([1, 2, 3, 4]))]);
}
