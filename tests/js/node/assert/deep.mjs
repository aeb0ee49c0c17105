// Deep equality (internal/deep_equal.js) through assert: strict and loose, over every kind of
// value Node distinguishes; true means the two compare equal.
import assert from "node:assert";

function both(a, b) {
  const strict = (() => { try { assert.deepStrictEqual(a, b); return true; } catch { return false; } })();
  const loose = (() => { try { assert.deepEqual(a, b); return true; } catch { return false; } })();
  return `${strict} ${loose}`;
}

const cyc1 = { a: 1 }; cyc1.self = cyc1;
const cyc2 = { a: 1 }; cyc2.self = cyc2;
const cyc3 = { a: 2 }; cyc3.self = cyc3;
class A { constructor() { this.x = 1; } }
const sym = Symbol("s");
const cases = [
  ["numbers", 1, 1], ["1 vs '1'", 1, "1"], ["NaN", NaN, NaN], ["0 vs -0", 0, -0],
  ["null vs undefined", null, undefined], ["objects", { a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }],
  ["extra key", { a: 1 }, { a: 1, b: undefined }], ["arrays", [1, 2, 3], [1, 2, 3]],
  ["array vs object", [1], { 0: 1 }], ["sparse", [1, , 3], [1, undefined, 3]],
  ["dates", new Date(5), new Date(5)], ["dates differ", new Date(5), new Date(6)],
  ["regexps", /a/g, /a/g], ["regexp flags", /a/g, /a/i],
  ["errors", new Error("x"), new Error("x")], ["error message", new Error("x"), new Error("y")],
  ["error class", new TypeError("x"), new Error("x")],
  ["maps", new Map([[1, { a: 1 }], [2, 2]]), new Map([[2, 2], [1, { a: 1 }]])],
  ["maps differ", new Map([[1, 1]]), new Map([[1, 2]])],
  ["map object keys", new Map([[{ k: 1 }, "v"]]), new Map([[{ k: 1 }, "v"]])],
  ["sets", new Set([1, 2, { a: 1 }]), new Set([{ a: 1 }, 2, 1])], ["sets differ", new Set([1]), new Set(["1"])],
  ["typed arrays", new Uint8Array([1, 2]), new Uint8Array([1, 2])],
  ["typed arrays differ", new Uint8Array([1, 2]), new Uint8Array([1, 3])],
  ["typed array kinds", new Uint8Array([1]), new Int8Array([1])],
  ["array buffers", new Uint8Array([1, 2]).buffer, new Uint8Array([1, 2]).buffer],
  ["boxed", new Number(1), new Number(1)], ["boxed differ", new String("a"), new String("b")],
  ["class vs plain", new A(), { x: 1 }], ["null proto", Object.create(null), {}],
  ["cycles", cyc1, cyc2], ["cycles differ", cyc1, cyc3],
  ["symbol keys", { [sym]: 1 }, { [sym]: 1 }], ["symbol keys differ", { [sym]: 1 }, { [sym]: 2 }],
  ["functions", () => 1, () => 1], ["nested sets of objects", new Set([{ a: [1] }, { a: [2] }]), new Set([{ a: [2] }, { a: [1] }])],
  ["loose number string", { a: 1 }, { a: "1" }], ["arrays length", [1, 2], [1, 2, 3]],
];
for (const [name, a, b] of cases) console.log(name, both(a, b));
