// node:assert: every check passing and failing, with Node 20's messages, operators and
// generatedMessage (the diff of strictEqual/deepStrictEqual included).
import assert from "node:assert";
import strict from "node:assert/strict";
import { AssertionError, deepStrictEqual } from "node:assert";

const t = (f) => {
  try {
    f();
    console.log("ok");
  } catch (e) {
    console.log(e.name, e.code, JSON.stringify(e.message), e.operator, e.generatedMessage,
      e instanceof AssertionError);
  }
};

t(() => assert.strictEqual(1, 2));
t(() => assert.strictEqual("a\nb", "a\nc"));
t(() => assert.deepStrictEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] }));
t(() => assert.equal(1, 2));
t(() => assert.ok(false));
t(() => assert(0));
t(() => assert.ok(null));
t(() => assert.ok());
t(() => assert.ok(false, "custom"));
t(() => assert.notStrictEqual(1, 1));
t(() => assert.notEqual(1, "1"));
t(() => assert.throws(() => {}));
t(() => assert.throws(() => { throw new Error("x"); }, /y/));
t(() => assert.throws(() => { throw new Error("x"); }, /x/));
t(() => assert.doesNotThrow(() => { throw new Error("boom"); }));
t(() => assert.doesNotThrow(() => { throw new Error("boom"); }, "msg"));
t(() => assert.doesNotThrow(() => {}));
t(() => assert.match("abc", /x/));
t(() => assert.match("abc", /b/));
t(() => assert.doesNotMatch("abc", /b/));
t(() => assert.match(1, /b/));
t(() => assert.fail("boom"));
t(() => assert.fail());
t(() => assert.ifError(new Error("e")));
t(() => assert.ifError("x"));
t(() => assert.ifError(null));
t(() => assert.deepEqual([1], [2]));
t(() => assert.deepEqual({ a: 1 }, { a: "1" }));
t(() => assert.strictEqual(1, 2, "custom"));
t(() => assert.deepStrictEqual({ a: 1 }, { a: 2 }, "custom"));
t(() => assert.equal(1, 2, "custom"));
t(() => assert.throws(() => { throw new TypeError("x"); }, RangeError));
t(() => assert.throws(() => { throw new TypeError("x"); }, TypeError));
t(() => assert.throws(() => { throw new Error("x"); }, { message: "y" }));
t(() => assert.throws(() => { throw new Error("x"); }, { message: "x", name: "Error" }));
t(() => assert.throws(() => { throw new Error("x"); }, { message: /x/ }));
t(() => assert.throws(() => {}, TypeError));
t(() => assert.throws(() => {}, "msg"));
t(() => assert.throws(() => { throw new Error("x"); }, (e) => false));
t(() => assert.throws(() => { throw new Error("x"); }, (e) => e.message === "x"));
t(() => assert.notDeepStrictEqual({ a: 1 }, { a: 1 }));
t(() => assert.notDeepEqual({ a: 1 }, { a: 1 }));
t(() => assert.notStrictEqual({ a: 1 }, { a: 1 }));
t(() => assert.strictEqual({ a: 1 }, { a: 1 }));
t(() => assert.deepStrictEqual([1, 2, 3], [1, 2, 4]));
t(() => assert.strictEqual("a".repeat(10), "b"));
t(() => assert.strictEqual("hello world", "hello there"));
t(() => assert.strictEqual(NaN, NaN));
t(() => assert.deepStrictEqual({ a: 1 }, { a: "1" }));
t(() => assert.strictEqual(1, "1"));
t(() => assert.deepStrictEqual(Array.from({ length: 30 }, (_, i) => i), Array.from({ length: 30 }, (_, i) => (i === 15 ? -1 : i))));
t(() => assert.deepStrictEqual({ a: [1, { b: 2 }], c: "x" }, { a: [1, { b: 3 }], c: "x", d: 1 }));
t(() => assert.strictEqual());
t(() => assert.throws("not a function"));
t(() => assert.fail(new TypeError("own error")));
t(() => assert.strictEqual(1, 2, new RangeError("own")));

// assert/strict and assert.strict: loose names are the strict checks.
console.log(strict === assert.strict, strict.strict === strict, strict.equal === assert.strictEqual);
t(() => strict.equal(1, "1"));
t(() => strict.deepEqual({ a: 1 }, { a: "1" }));
t(() => strict(false));
t(() => deepStrictEqual(new Set([1]), new Set([2])));

// AssertionError made by hand.
const e = new AssertionError({ actual: 1, expected: 2, operator: "strictEqual" });
console.log(e.message, e.code, e.actual, e.expected, e.operator, e.generatedMessage, e.name);
console.log(String(new AssertionError({ message: "mine" })));

// rejects / doesNotReject.
(async () => {
  const r = async (f) => {
    try {
      await f();
      console.log("ok");
    } catch (e) {
      console.log(e.name, e.code, JSON.stringify(e.message), e.operator);
    }
  };
  await r(() => assert.rejects(Promise.reject(new Error("no")), /no/));
  await r(() => assert.rejects(Promise.resolve(1)));
  await r(() => assert.rejects(async () => { throw new TypeError("t"); }, TypeError));
  await r(() => assert.rejects(async () => { throw new TypeError("t"); }, RangeError));
  await r(() => assert.rejects(() => 5));
  await r(() => assert.doesNotReject(Promise.resolve(1)));
  await r(() => assert.doesNotReject(Promise.reject(new Error("bad"))));
})();
