// node: skip
// Map and WeakMap getOrInsert / getOrInsertComputed (upsert; node 20 lacks them; .out
// checked against deno and bun).
const err = (f) => {
  try {
    f();
    return "no error";
  } catch (e) {
    return e.constructor.name;
  }
};
const m = new Map([["a", 1]]);
console.log(m.getOrInsert("a", 9), m.getOrInsert("b", 2), JSON.stringify([...m]));
let calls = 0;
console.log(m.getOrInsertComputed("a", () => calls++), m.getOrInsertComputed("c", (k) => k + "!"), calls);
console.log(Object.is(m.getOrInsertComputed(-0, (k) => Object.is(k, -0)), false), m.has(0));
// The callback may set the key itself: its result wins.
console.log(m.getOrInsertComputed("d", (k) => { m.set(k, "inner"); return "outer"; }), m.get("d"));
const w = new WeakMap();
const key = {};
console.log(w.getOrInsert(key, 1), w.getOrInsert(key, 2), w.getOrInsertComputed(Symbol("s"), () => 3));
console.log(err(() => w.getOrInsert(1, 1)), err(() => w.getOrInsert(Symbol.for("r"), 1)), err(() => w.getOrInsertComputed(key, 1)),
  err(() => m.getOrInsertComputed("x", null)), err(() => Map.prototype.getOrInsert.call(w, key, 1)), err(() => WeakMap.prototype.getOrInsert.call(m, key, 1)));
// The original set is used, not one put on the prototype.
const set = Map.prototype.set;
Map.prototype.set = () => { throw new Error("patched"); };
console.log(new Map().getOrInsert("k", "v"));
Map.prototype.set = set;
for (const [C, k] of [[Map, "getOrInsert"], [Map, "getOrInsertComputed"], [WeakMap, "getOrInsert"], [WeakMap, "getOrInsertComputed"]]) {
  const d = Object.getOwnPropertyDescriptor(C.prototype, k);
  console.log(C.name, d.value.name, d.value.length, d.writable, d.enumerable, d.configurable, Object.hasOwn(d.value, "prototype"));
}
