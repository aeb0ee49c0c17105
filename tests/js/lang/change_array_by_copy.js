// ES2023 change-array-by-copy on Array and the typed arrays (node 20 has them: the oracle).
const err = (f) => {
  try {
    f();
    return "no error";
  } catch (e) {
    return e.constructor.name;
  }
};
const a = [3, 1, undefined, 2];
delete a[1]; // a hole reads as undefined in each copy
console.log(JSON.stringify([a.toReversed(), a.toSorted(), a.toSpliced(1, 2, "x"), a.with(-1, 9)]));
console.log(a.length, 1 in a, JSON.stringify(a)); // unchanged
console.log(JSON.stringify([[1, 2, 3].toSpliced(), [1, 2, 3].toSpliced(1), [1, 2, 3].toSpliced(-1, 0, 7, 8)]));
console.log(JSON.stringify([5, 10, 1].toSorted((x, y) => y - x)), JSON.stringify(["b", "a", "c"].toSorted()));
// Array-likes and the receiver's own length; the result is always a plain Array.
const like = { length: 3, 0: "a", 1: "b", 2: "c" };
console.log(JSON.stringify(Array.prototype.toReversed.call(like)), Array.isArray(Array.prototype.with.call(like, 0, "z")));
class MyArray extends Array {}
console.log(new MyArray(1, 2).toReversed().constructor === Array);
// Errors where the spec throws.
console.log(err(() => [1].with(1, 0)), err(() => [1].with(-2, 0)), err(() => [].toSorted(1)),
  err(() => Array.prototype.toReversed.call(null)), err(() => Array.prototype.with.call({ length: 2 ** 32 }, 0, 0)));
// Unscopables: all but `with`.
const u = Array.prototype[Symbol.unscopables];
console.log(u.toReversed, u.toSorted, u.toSpliced, u.with);
// Typed arrays: a new array of the same kind.
const t = new Int16Array([5, -2, 9]);
const r = t.toReversed();
console.log(r.constructor.name, Array.from(r).join(), Array.from(t.toSorted()).join(), Array.from(t.with(0, 70000)).join());
console.log(Array.from(new BigInt64Array([3n, 1n]).toSorted()).join(), err(() => new BigInt64Array(1).with(0, 1)));
console.log(err(() => t.with(3, 0)), err(() => Int8Array.prototype.toReversed.call([1])), err(() => t.toSorted("x")));
const detached = new Uint8Array(8);
structuredClone(detached.buffer, { transfer: [detached.buffer] });
console.log(err(() => detached.toReversed()), err(() => detached.with(0, 1)));
// Shapes: names, lengths, attributes.
for (const [o, k] of [[Array.prototype, "toReversed"], [Array.prototype, "toSorted"], [Array.prototype, "toSpliced"],
  [Array.prototype, "with"], [Object.getPrototypeOf(Int8Array.prototype), "with"]]) {
  const d = Object.getOwnPropertyDescriptor(o, k);
  console.log(k, d.value.name, d.value.length, d.writable, d.enumerable, d.configurable, Object.hasOwn(d.value, "prototype"));
}
