// node:assert edge cases: long diffs (elided lines), length differences, Map/Set, -0,
// validation objects, an ambiguous message.
import assert from "node:assert";
const t = (f) => { try { f(); console.log("ok"); } catch (e) { console.log(e.code, JSON.stringify(e.message), e.operator, e.generatedMessage); } };
const big = (k) => Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`key${i}`, i === k ? -1 : i]));
t(() => assert.deepStrictEqual(big(-5), big(40)));
t(() => assert.deepStrictEqual(big(-5), big(2)));
t(() => assert.deepStrictEqual({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 }, { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 8 }));
t(() => assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9], [0, 2, 3, 4, 5, 6, 7, 8, 9]));
t(() => assert.deepStrictEqual([1, 2], [1, 2, 3, 4]));
t(() => assert.deepStrictEqual([1, 2, 3, 4], [1, 2]));
t(() => assert.deepStrictEqual(new Map([[1, 2]]), new Map([[1, 3]])));
t(() => assert.deepStrictEqual(new Set([1, 2]), new Set([1, 3])));
t(() => assert.deepStrictEqual("abc\ndef", "abc\nxyz"));
t(() => assert.strictEqual("a long string value here", "a long string value HERE"));
t(() => assert.strictEqual(0, -0));
t(() => assert.deepStrictEqual(0, -0));
t(() => assert.deepEqual(new Date(0), new Date(1)));
t(() => assert.notDeepEqual([1], ["1"]));
t(() => assert.equal({ a: 1 }, { a: 1 }));
t(() => assert.notEqual(NaN, NaN));
t(() => assert.deepStrictEqual(() => 1, () => 1));
t(() => assert.deepStrictEqual([1, [2, [3]]], [1, [2, [4]]]));
t(() => assert.strictEqual(null, undefined));
t(() => assert.throws(() => { throw new Error("e"); }, { code: "X" }));
t(() => assert.throws(() => { throw Object.assign(new Error("e"), { code: "X" }); }, { code: "X", message: "e" }));
t(() => assert.throws(() => { throw new Error("e"); }, {}));
t(() => assert.throws(() => { throw new Error("e"); }, "e"));
