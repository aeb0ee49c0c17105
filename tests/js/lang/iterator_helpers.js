// node: skip
// ES2025 iterator helpers and ES2026 Iterator.concat (node 20 lacks them; .out checked
// against deno and bun).
const err = (f) => {
  try {
    f();
    return "no error";
  } catch (e) {
    return e.constructor.name;
  }
};
function* nums() {
  yield 1;
  yield 2;
  yield 3;
  yield 4;
}
console.log(nums().map((x, i) => x * 10 + i).toArray().join(), nums().filter((x) => x % 2).toArray().join());
console.log(nums().take(2).toArray().join(), nums().drop(3).toArray().join(), nums().drop(9).toArray().length);
console.log(nums().flatMap((x) => (x < 3 ? [x, x] : new Set("ab"))).toArray().join(), err(() => nums().flatMap(() => "ab").next()));
console.log(nums().reduce((a, b) => a + b), nums().reduce((a, b) => a + b, 100), err(() => nums().take(0).reduce((a, b) => a)));
let seen = [];
nums().forEach((x, i) => seen.push(`${x}@${i}`));
console.log(seen.join(), nums().some((x) => x > 3), nums().every((x) => x > 3), nums().find((x) => x > 2));
// Helpers are lazy, one step per next().
const log = [];
const src = { i: 0, next() { log.push("next"); return { value: this.i++, done: this.i > 3 }; }, __proto__: Iterator.prototype };
const mapped = src.map((x) => { log.push(`map ${x}`); return x; });
console.log(log.length, JSON.stringify(mapped.next()), log.join());
// The shape of helper objects.
const helper = nums().map((x) => x);
const HelperProto = Object.getPrototypeOf(helper);
console.log(Object.prototype.toString.call(helper), Reflect.ownKeys(HelperProto).map(String).join(), Object.getPrototypeOf(HelperProto) === Iterator.prototype);
console.log(JSON.stringify(helper.return()), JSON.stringify(helper.next()), err(() => HelperProto.next.call({})));
// return() closes the underlying iterator; a throwing callback does too.
let closed = 0;
const closable = () => ({ __proto__: Iterator.prototype, next: () => ({ value: 1, done: false }), return() { closed++; return {}; } });
const h = closable().map((x) => x);
h.next();
h.return();
console.log(closed, err(() => closable().map(() => { throw new RangeError(); }).next()), closed);
console.log(err(() => closable().map(1)), closed, err(() => closable().take(-1)), err(() => closable().take(NaN)), closed);
console.log(closable().some((x) => x === 1), closable().find((x) => x === 1), closed);
// Iterator: abstract, a base for classes; Iterator.from wraps what lacks the prototype.
class Counter extends Iterator {
  n = 0;
  next() {
    return { value: this.n++, done: this.n > 3 };
  }
}
console.log(new Counter().map((x) => x * 2).toArray().join(), err(() => new Iterator()), err(() => Iterator()));
const plain = { next: () => ({ value: 7, done: false }) };
const wrapped = Iterator.from(plain);
console.log(wrapped instanceof Iterator, wrapped !== plain, wrapped.take(2).toArray().join(), JSON.stringify(wrapped.return()));
const arrayIter = [1, 2][Symbol.iterator]();
console.log(Iterator.from(arrayIter) === arrayIter, Iterator.from("ab").toArray().join(), err(() => Iterator.from(5)));
console.log(Iterator.concat([1, 2], new Set([3]), "xy" === "" ? [] : ["x"]).toArray().join(), err(() => Iterator.concat(1)));
// Iterator.prototype's toStringTag and constructor: accessors whose setters write own properties.
const d = Object.getOwnPropertyDescriptor(Iterator.prototype, Symbol.toStringTag);
console.log(typeof d.get, typeof d.set, Iterator.prototype[Symbol.toStringTag], Iterator.prototype.constructor === Iterator);
const o = Object.create(Iterator.prototype);
o[Symbol.toStringTag] = "Mine";
o.constructor = 1;
console.log(Object.hasOwn(o, Symbol.toStringTag), String(o), o.constructor, err(() => { Iterator.prototype[Symbol.toStringTag] = "x"; }));
console.log(typeof Iterator, Iterator.length, Iterator.name, JSON.stringify(Object.getOwnPropertyDescriptor(Iterator, "prototype")));
for (const k of ["map", "filter", "take", "drop", "flatMap", "reduce", "toArray", "forEach", "some", "every", "find"]) {
  const f = Iterator.prototype[k];
  const desc = Object.getOwnPropertyDescriptor(Iterator.prototype, k);
  console.log(k, f.name, f.length, desc.writable, desc.enumerable, desc.configurable, Object.hasOwn(f, "prototype"));
}
