// structuredClone: collections, dates, regexps, typed arrays, cycles, errors, transfer,
// and DataCloneError.
const src = {
  n: 1, s: "str", b: true, nil: null, u: undefined, big: 10n, neg0: -0, nan: NaN,
  arr: [1, , 3], date: new Date(86400000), re: /a+b/gi,
  map: new Map([["k", { v: 1 }], [2, [3]]]), set: new Set([1, "two", 3]),
  u8: new Uint8Array([1, 2, 3]), f64: new Float64Array([1.5, -2]), dv: new DataView(new ArrayBuffer(4)),
  boxed: [new Number(3), new String("s"), new Boolean(false)],
};
src.self = src;
src.arr.push(src.map);
const c = structuredClone(src);
console.log(c !== src, c.self === c, c.arr[3] === c.map, c.map !== src.map);
console.log(c.n, c.s, c.b, c.nil, c.u, "u" in c, c.big, Object.is(c.neg0, -0), Number.isNaN(c.nan));
console.log(c.arr.length, 1 in c.arr, c.date instanceof Date, c.date.getTime());
console.log(c.re instanceof RegExp, c.re.source, c.re.flags, c.re.lastIndex);
console.log(JSON.stringify([...c.map.keys()]), c.map.get("k").v, JSON.stringify([...c.set]));
console.log(c.u8 instanceof Uint8Array, Array.from(c.u8).join(), c.u8.buffer !== src.u8.buffer, Array.from(c.f64).join(), c.dv.byteLength);
console.log(c.boxed.map((x) => typeof x + ":" + x.valueOf()).join());
const shared = new Uint8Array(new ArrayBuffer(8));
const views = structuredClone({ a: shared.subarray(0, 2), b: shared.subarray(4) });
console.log(views.a.buffer === views.b.buffer, views.a.byteOffset, views.b.byteOffset);
for (const e of [new Error("e1"), new RangeError("e2"), new TypeError("e3"), new SyntaxError("e4"), new EvalError("e5"), new URIError("e6"), new ReferenceError("e7")]) {
  const ce = structuredClone(e);
  console.log(ce !== e, ce instanceof Error, ce.constructor.name, ce.name, ce.message, typeof ce.stack);
}
class Custom { constructor() { this.x = 1; } get y() { return 2; } }
const cc = structuredClone(new Custom());
console.log(cc.constructor === Object, cc.x, cc.y);
const getters = structuredClone({ get g() { return 5; } });
console.log(Object.getOwnPropertyDescriptor(getters, "g").value);
for (const [name, v] of [["function", () => {}], ["symbol", Symbol("x")], ["nested fn", { f() {} }], ["weakmap", new WeakMap()], ["promise", Promise.resolve()]]) {
  try { structuredClone(v); console.log(name, "cloned"); }
  catch (e) { console.log(name, e.name, e.constructor.name, e.code, e instanceof DOMException, e.message); }
}
const ab = new ArrayBuffer(16);
new Uint8Array(ab)[0] = 42;
const moved = structuredClone({ ab }, { transfer: [ab] });
console.log(ab.byteLength, moved.ab.byteLength, new Uint8Array(moved.ab)[0]);
const u = new Uint8Array(4);
const m2 = structuredClone(u, { transfer: [u.buffer] });
console.log(u.byteLength, m2.byteLength);
try { structuredClone(); } catch (e) { console.log(e.name, e.code); }
console.log(structuredClone(undefined), structuredClone(null), structuredClone("s"), structuredClone(5));
try { structuredClone({ get bad() { throw new Error("from getter"); } }); } catch (e) { console.log(e.name, e.message); }
