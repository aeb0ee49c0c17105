// structuredClone of every serialisable type, each checked on the clone: typed arrays and
// views with offsets, sparse arrays, own enumerable string keys only (getters run,
// non-enumerable and symbol keys skipped), boxed primitives, shared references and cycles.
const kinds = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
  Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array];
for (const T of kinds) {
  const buf = new ArrayBuffer(64);
  const isBig = T === BigInt64Array || T === BigUint64Array;
  const a = new T(buf, 8, 3);
  for (let i = 0; i < 3; i++) a[i] = isBig ? BigInt(i * 7 + 1) : i * 7 + 1;
  const c = structuredClone(a);
  console.log(T.name, c.constructor === T, c.byteOffset, c.length, c.buffer.byteLength,
    c.buffer !== buf, Array.from(c, String).join());
}
const dv = new DataView(new ArrayBuffer(16), 4, 8);
dv.setUint16(0, 0xbeef);
const cdv = structuredClone(dv);
console.log(cdv instanceof DataView, cdv.byteOffset, cdv.byteLength, cdv.getUint16(0).toString(16));
const sparse = [1, , , 4];
sparse[10] = 11;
sparse.extra = "x";
const cs = structuredClone(sparse);
console.log(cs.length, Object.keys(cs).join(), 1 in cs, cs.extra);
const order = [];
const obj = {
  a: 1,
  get b() { order.push("b"); return 2; },
  [Symbol("s")]: 3,
  c: { get d() { order.push("d"); return 4; } },
};
Object.defineProperty(obj, "hidden", { value: 5, enumerable: false });
const co = structuredClone(obj);
console.log(JSON.stringify(co), order.join(), Object.getOwnPropertySymbols(co).length,
  "hidden" in co, Object.getOwnPropertyDescriptor(co, "b").value);
console.log(Object.getPrototypeOf(structuredClone(new (class K { constructor() { this.k = 1; } })())) === Object.prototype);
const boxed = structuredClone([Object(1n), new String("s"), new Number(-0), new Boolean(true)]);
console.log(boxed.map((b) => `${typeof b}:${Object.prototype.toString.call(b)}:${String(b.valueOf())}`).join(" "));
console.log(Object.is(boxed[2].valueOf(), -0));
const d = structuredClone([new Date(NaN), new Date(-1), new Date(8.64e15)]);
console.log(d.map((x) => x.getTime()).join());
const re = /x(y)/gimsuy;
re.lastIndex = 5;
const cre = structuredClone(re);
console.log(cre.source, cre.flags, cre.lastIndex, cre !== re);
const shared = { s: 1 };
const m = new Map([[shared, shared], ["set", new Set([shared])]]);
m.set("self", m);
const cm = structuredClone({ m, shared, list: [shared, shared] });
const key = [...cm.m.keys()][0];
console.log(key === cm.shared, cm.m.get(key) === key, cm.m.get("self") === cm.m,
  [...cm.m.get("set")][0] === key, cm.list[0] === cm.list[1]);
const big = structuredClone([0n, -1n, 2n ** 100n, -(2n ** 64n)]);
console.log(big.join());
const strs = structuredClone(["", "\0", "\ud800", "\udc00", "\u{1f600}", "é".repeat(3)]);
console.log(strs.map((s) => s.length).join(), strs[4].codePointAt(0).toString(16));
const ab = new ArrayBuffer(4);
const views = structuredClone([new Uint8Array(ab), new Uint16Array(ab, 2, 1), ab]);
console.log(views[0].buffer === views[2], views[1].buffer === views[2], views[1].byteOffset);
console.log(structuredClone(Object.prototype) !== Object.prototype,
  Object.getPrototypeOf(structuredClone(Object.prototype)) === Object.prototype);
