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
