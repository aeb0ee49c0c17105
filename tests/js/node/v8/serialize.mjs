// v8.serialize / v8.deserialize in Node's wire format: the bytes of many kinds of value (the
// same under V8 10.2 as under Node 20's V8: both write version 15), a round trip of a rich
// value, and bytes written by Node 20 (the fixture below) read back.
import v8 from "node:v8";
import { Buffer } from "node:buffer";

const sparse = [1, , 3];
sparse[20] = "end";
const cyclic = { n: 1 };
cyclic.self = cyclic;
const cases = {
  undef: undefined, nul: null, t: true, f: false, int: 42, neg: -7, dbl: 3.5, nan: NaN, negz: -0,
  big: 12345678901234567890n, str: "hello", latin1: "café", utf16: "Ωmega ✓ 😀", empty: "",
  arr: [1, "two", 3], sparse, obj: { a: 1, b: { c: [true, null] } },
  map: new Map([[1, "a"], ["b", { x: 2 }]]), set: new Set([1, "x"]), date: new Date(0), re: /ab+c/gi,
  boxed: [Object(1), Object("s"), Object(true), Object(2n)], ab: new Uint8Array([1, 2, 3]).buffer,
  i8: new Int8Array([-1, 2]), u8: new Uint8Array([255]), u8c: new Uint8ClampedArray([300]),
  i16: new Int16Array([-2]), u16: new Uint16Array([65535]), i32: new Int32Array([-3]),
  u32: new Uint32Array([4e9]), f32: new Float32Array([1.5]), f64: new Float64Array([Math.PI]),
  bi64: new BigInt64Array([-5n]), bu64: new BigUint64Array([2n ** 63n]),
  dv: new DataView(new Uint8Array([9, 8, 7]).buffer, 1), buf: Buffer.from("buf"),
  sub: new Uint8Array([1, 2, 3, 4]).subarray(1, 3), cyclic,
  err: Object.assign(new RangeError("boom"), { stack: undefined }),
};
// A view's kind and bytes (mrt's deserialized views own their bytes, Node's share the input's
// memory or a pool's: their byteOffset and buffer differ).
function show(v) {
  if (!ArrayBuffer.isView(v)) return v;
  const hex = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("hex");
  return `${v.constructor.name}(${v.byteLength}: ${hex})`;
}
for (const [k, v] of Object.entries(cases)) {
  const bytes = v8.serialize(v);
  console.log(k, Buffer.isBuffer(bytes), bytes.toString("hex"));
  console.log("  back:", show(v8.deserialize(bytes)));
}

// A round trip of one rich value.
const rich = { cases, nested: [[1, [2, [3, [4]]]], { deep: { deeper: new Map([[cases.set, cases.map]]) } }] };
const back = v8.deserialize(v8.serialize(rich));
const { dv, ...noDataView } = back.cases;
console.log(noDataView, back.nested, show(dv));
console.log("cycle kept:", back.cases.cyclic.self === back.cases.cyclic);
console.log("buffer is a Buffer:", Buffer.isBuffer(back.cases.buf), back.cases.buf.toString());
console.log("sparse:", back.cases.sparse.length, 1 in back.cases.sparse, Object.keys(back.cases.sparse));
for (const k of ["i8", "u8", "u8c", "i16", "u16", "i32", "u32", "f32", "f64", "bi64", "bu64", "dv", "sub"]) {
  const v = back.cases[k];
  console.log(k, show(v), Array.from(k === "dv" ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : v));
}
console.log("error:", back.cases.err instanceof RangeError, back.cases.err.message);

// Written by Node 20.20 (v8.serialize of the value in the comment's place: the same shape as
// above plus views of every kind, one unaligned).
const fromNode = Buffer.from("ff0f6f22016f6f22016e490222017300631ea9036d006500670061002000132720003dd800de2000630061006600e90022066e65737465646f220361727241024902410249044101490624000124000224000222046e6567304e000000000000008022036e616e4e000000000000f87f2203696e664e000000000000f0ff7b04220473656c665e017b0422067370617273656115490049024904490649282203656e6440031522036d61703b490222036f6e656f22016b49027b01272201785a1002000000000000002c023a042204646174654400008056febc78422202726552220a615b622d645d2b5c2f781322036269675a21ea7e26e5384da55a05000000000000002205626f78656441036e0000000000001440732201737824000322026162420305060722036275665c0a0a42756666657220e29c9322057669657773410d5c0002807f5c010200ff5c0201ff5c030200805c0402ffff5c0504000000805c0604ffffffff5c07080000003f000080bf5c08086957148b0abf05405c0b0800000000000000805c0c08ffffffffffffffff5c090202035c0402020324000d220365727272546d22036261642e7b0b", "hex");
const v = v8.deserialize(fromNode);
const { views, ...rest } = v;
console.log(rest, views.map(show));
console.log("self:", v.o.self === v.o, "views:", v.views.map((x) => x.constructor.name).join());
console.log("re-serialized equal:", v8.serialize(v).equals(fromNode));
// Any typed array or DataView is accepted as input.
console.log(v8.deserialize(new Uint8Array(fromNode)).big, v8.deserialize(new DataView(fromNode.buffer, fromNode.byteOffset, fromNode.length)).date.toISOString());
