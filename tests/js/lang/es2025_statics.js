// node: skip
// RegExp.escape, Math.f16round (ES2025); Math.sumPrecise, Error.isError, Atomics.pause
// (ES2026). Node 20 lacks them; .out checked against deno and bun.
const err = (f) => {
  try {
    f();
    return "no error";
  } catch (e) {
    return e.constructor.name;
  }
};
for (const s of ["", "abc", "1x", "_a", "a.b*c", "(x)[y]{z}|", "a-b,c=d", " \t\n", "\u2028\uFEFF", "\uD800", "😀", "/path/"]) {
  const e = RegExp.escape(s);
  console.log(JSON.stringify(s), JSON.stringify(e), new RegExp(`^${e}$`, "u".repeat(s === "\uD800" ? 0 : 1)).test(s));
}
console.log(err(() => RegExp.escape(1)), err(() => RegExp.escape({ toString: () => "a" })));
console.log([0, -0, 1.337, 65504, 65519.99, 65520, 5.960464477539063e-8, 2.9e-8, 3e-8, -1.5, NaN, Infinity, 1 + 2 ** -11, 1 + 3 * 2 ** -11].map((x) => Object.is(Math.f16round(x), -0) ? "-0" : String(Math.f16round(x))).join());
const sum = (a) => { const r = Math.sumPrecise(a); return Object.is(r, -0) ? "-0" : String(r); };
console.log(sum([]), sum([-0, -0]), sum([-0, 0]), sum([1e20, 0.1, -1e20]), sum([0.1, 0.2, 0.3]), sum([1, Infinity]), sum([Infinity, -Infinity]));
console.log(sum([Number.MAX_VALUE, Number.MAX_VALUE]), sum([Number.MAX_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE]), sum([5e-324, 5e-324]), sum([2 ** 53, 1, 1]));
console.log(sum(new Set([1, 2])), err(() => Math.sumPrecise([1, "2"])), err(() => Math.sumPrecise(1)), err(() => Math.sumPrecise([1n])));
class MyError extends TypeError {}
console.log(Error.isError(new Error()), Error.isError(new MyError()), Error.isError(Object.create(Error.prototype)), Error.isError(new Proxy(new Error(), {})), Error.isError("Error"), Error.isError());
console.log(Atomics.pause(), Atomics.pause(3), Atomics.pause(-0), err(() => Atomics.pause(1.5)), err(() => Atomics.pause("1")));
for (const [o, k] of [[RegExp, "escape"], [Math, "f16round"], [Math, "sumPrecise"], [Error, "isError"], [Atomics, "pause"]]) {
  const d = Object.getOwnPropertyDescriptor(o, k);
  console.log(k, d.value.name, d.value.length, d.writable, d.enumerable, d.configurable, Object.hasOwn(d.value, "prototype"));
}

// Math.sumPrecise's two-double fast path hands over to the exact partials at the first
// value whose rounding error it cannot hold, with the same result.
{
  const show = (v) => (Object.is(v, -0) ? "-0" : String(v));
  const cases = [[], [-0, -0], [-0, 0], [1, -1], [1e308, 1e308, -1e308], [1e308, 1e308], [0.1, 0.2, 0.3],
    [1e16, 1, -1e16], [2 ** 53, 1, 1], [2 ** 53, 1], [0.1, 0.2, -0.3], [3, 0.5, 2 ** -60, 2 ** -70, 2 ** 60],
    [1e20, 0.1, -1e20, 0.3], [2 ** 1023, 2 ** 1023, -(2 ** 1023)], [5e-324, -5e-324], [1, 2, Infinity, 3], [1, NaN],
    [1.7976931348623157e308, 9.979201547673598e291], Array(10).fill(0.1), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]];
  console.log(cases.map((c) => show(Math.sumPrecise(c))).join(" "));
  const log = [];
  const g = [1, 2, 0.5];
  Object.defineProperty(g, 1, { get() { log.push("get 1"); return 0.1; } });
  console.log(Math.sumPrecise(g), log.join());
  try {
    Math.sumPrecise([1, 2, "3"]);
  } catch (e) {
    console.log(e.constructor.name);
  }
}
