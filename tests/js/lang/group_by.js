// node: skip
// ES2024 Object.groupBy / Map.groupBy (node 20 lacks them; .out checked against deno and bun).
const err = (f) => {
  try {
    f();
    return "no error";
  } catch (e) {
    return e.constructor.name;
  }
};
const o = Object.groupBy([1, 2, 3, 4, 5], (x, i) => (x % 2 ? "odd" : i < 2 ? 10 : "even"));
console.log(Object.getPrototypeOf(o), JSON.stringify(o), Object.keys(o).join());
console.log(JSON.stringify(Object.groupBy("abca", (c) => c)));
const keyObj = { toString: () => "k" };
console.log(JSON.stringify(Object.groupBy([1, 2], () => keyObj)));
const m = Map.groupBy([1, -0, 0, 2], (x) => (x === 2 ? keyObj : x));
console.log(m instanceof Map, m.size, JSON.stringify([...m.keys()].map(String)), Object.is([...m.keys()][1], 0), m.get(keyObj).join());
// The iterator is closed when the callback throws.
let closed = 0;
const iterable = {
  [Symbol.iterator]() {
    return { next: () => ({ value: 1, done: false }), return() { closed++; return {}; } };
  },
};
console.log(err(() => Object.groupBy(iterable, () => { throw new RangeError(); })), closed);
console.log(err(() => Map.groupBy(iterable, () => { throw new RangeError(); })), closed);
console.log(err(() => Object.groupBy(null, () => 1)), err(() => Object.groupBy([], null)), err(() => Map.groupBy(1, () => 1)));
for (const C of [Object, Map]) {
  const d = Object.getOwnPropertyDescriptor(C, "groupBy");
  console.log(C.name, d.value.name, d.value.length, d.writable, d.enumerable, d.configurable, Object.hasOwn(d.value, "prototype"));
}
