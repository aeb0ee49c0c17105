// structuredClone errors: DataCloneError (a DOMException, code 25) for what can't be cloned,
// anywhere in the value; a getter's own error passes through untouched; the options argument
// is checked; Error objects keep name, message, cause and stack, and lose other properties.
const bad = [
  ["function", () => {}], ["symbol", Symbol("x")], ["nested", { a: [{ f() {} }] }],
  ["weakmap", new WeakMap()], ["weakset", new WeakSet()], ["promise", Promise.resolve()],
  ["proxy", new Proxy({}, {})], ["map value", new Map([[1, Symbol.iterator]])],
  ["generator", (function* () {})()], ["weakref", new WeakRef({})],
];
for (const [name, v] of bad) {
  try {
    structuredClone(v);
    console.log(name, "cloned");
  } catch (e) {
    console.log(name, e instanceof DOMException, e.name, e.code, e.message);
  }
}
const own = new RangeError("mine");
try {
  structuredClone({ get x() { throw own; } });
} catch (e) {
  console.log(e === own);
}
for (const options of [1, "s", true]) {
  try { structuredClone(1, options); } catch (e) { console.log(typeof options, e.name); }
}
console.log(structuredClone(2, null), structuredClone(3, undefined), structuredClone(4, {}),
  structuredClone(5, { transfer: [] }));
try { structuredClone(1, { transfer: 5 }); } catch (e) { console.log("transfer 5", e.name); }
try { structuredClone(1, { transfer: [5] }); } catch (e) { console.log("transfer [5]", e.name); }
console.log(structuredClone.name);
const errs = [new Error("plain"), new TypeError("t", { cause: { why: 1 } }), new URIError()];
errs[0].extra = "dropped";
for (const e of errs) {
  const c = structuredClone(e);
  console.log(Object.getPrototypeOf(c) === Object.getPrototypeOf(e), c.name, JSON.stringify(c.message),
    Object.hasOwn(c, "message"), c.extra, JSON.stringify(c.cause), c.stack === e.stack);
}
const named = new Error("n");
named.name = "CustomError";
const cn = structuredClone(named);
console.log(Object.getPrototypeOf(cn) === Error.prototype, cn.name);
class MyError extends TypeError {}
const cm = structuredClone(new MyError("sub"));
console.log(Object.getPrototypeOf(cm) === TypeError.prototype, cm.message);
