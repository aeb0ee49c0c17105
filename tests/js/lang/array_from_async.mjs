// node: skip
// ES2026 Array.fromAsync (node 20 lacks it; .out checked against deno and bun).
async function* gen() {
  yield 1;
  yield Promise.resolve(2); // an async generator awaits what it yields
  yield 3;
}
const log = (...a) => console.log(...a.map((x) => JSON.stringify(x)));
log(await Array.fromAsync(gen()));
log(await Array.fromAsync([1, Promise.resolve(2), 3], (x, i) => x * 10 + i));
log(await Array.fromAsync({ length: 2, 0: "a", 1: Promise.resolve("b") }));
log(await Array.fromAsync(new Set(["x", "y"])));
log(await Array.fromAsync([1, 2], function (x) { return this.k + x; }, { k: 100 }));
class C {
  constructor(...args) {
    this.args = args;
  }
}
const c = await Array.fromAsync.call(C, [7, 8]);
log(c instanceof C, c.args, c.length, c[0], c[1]);
const c2 = await Array.fromAsync.call(C, { length: 1, 0: "z" });
log(c2 instanceof C, c2.args, c2.length);
// Errors reject (never throw synchronously).
for (const bad of [() => Array.fromAsync(null), () => Array.fromAsync([], 5), () => Array.fromAsync({ [Symbol.asyncIterator]: 1 })]) {
  const p = bad();
  await p.then(() => log("resolved"), (e) => log(p instanceof Promise, e.constructor.name));
}
// A rejecting value from a sync iterable closes it.
let closed = false;
const it = {
  [Symbol.iterator]() {
    return {
      next: () => ({ value: Promise.reject(new RangeError("no")), done: false }),
      return() {
        closed = true;
        return {};
      },
    };
  },
};
await Array.fromAsync(it).catch((e) => log(e.constructor.name, closed));
const d = Object.getOwnPropertyDescriptor(Array, "fromAsync");
log(d.value.name, d.value.length, d.writable, d.enumerable, d.configurable, Object.getPrototypeOf(d.value) === Function.prototype);
