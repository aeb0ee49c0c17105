// node:v8's statistics, flags, the Serializer/Deserializer classes and bad input: the shapes
// and messages of Node 20 (values differ between V8 versions: their types are printed).
import v8, { getHeapStatistics } from "node:v8";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);

console.log(Object.keys(v8).join(" "));
console.log(require("v8") === v8, getHeapStatistics === v8.getHeapStatistics);
const hs = v8.getHeapStatistics();
console.log(Object.entries(hs).map(([k, v]) => `${k}:${typeof v}`).join(" "));
console.log("used <= total:", hs.used_heap_size <= hs.total_heap_size, "limit > 0:", hs.heap_size_limit > 0,
  "contexts:", hs.number_of_native_contexts >= 1);
const spaces = v8.getHeapSpaceStatistics();
console.log(spaces.every((s) => Object.keys(s).join() ===
  "space_name,space_size,space_used_size,space_available_size,physical_space_size" &&
  Object.values(s).slice(1).every((n) => typeof n === "number" && n >= 0)));
// The spaces both V8s have (10.2 has a map_space; 11.3 a shared_space and others).
const names = spaces.map((s) => s.space_name);
console.log(["read_only_space", "new_space", "old_space", "code_space", "large_object_space",
  "new_large_object_space", "code_large_object_space"].map((n) => `${n}:${names.includes(n)}`).join(" "));
const cs = v8.getHeapCodeStatistics();
console.log(Object.entries(cs).map(([k, v]) => `${k}:${typeof v}`).join(" "));
const tag = v8.cachedDataVersionTag();
console.log(typeof tag, Number.isInteger(tag), tag === v8.cachedDataVersionTag());

// setFlagsFromString: a string; any other type is ERR_INVALID_ARG_TYPE.
v8.setFlagsFromString("--allow-natives-syntax");
console.log(new Function("return %IsSmi(1)")());
v8.setFlagsFromString("--no-allow-natives-syntax");
function attempt(label, f) {
  try {
    console.log(label, "->", f());
  } catch (e) {
    console.log(label, "threw", e.name, e.code, JSON.stringify(e.message));
  }
}
for (const bad of [123, undefined, null, { toString: () => "--x" }, Symbol("s")]) {
  attempt(`setFlagsFromString(${typeof bad})`, () => v8.setFlagsFromString(bad));
}

// The classes, as a program writing its own format would use them.
const ser = new v8.Serializer();
ser.writeHeader();
ser.writeValue({ a: [1, 2] });
ser.writeUint32(4000000000);
ser.writeUint64(0x12345678, 0x9abcdef0);
ser.writeDouble(-2.5);
ser.writeRawBytes(new Uint8Array([7, 8, 9]));
ser.writeValue("tail");
const bytes = ser.releaseBuffer();
console.log(bytes.toString("hex"));
const des = new v8.Deserializer(bytes);
console.log(des.readHeader(), des.getWireFormatVersion(), des.readValue(), des.readUint32(), des.readUint64(),
  des.readDouble(), des.readRawBytes(3), des.readValue(), des.buffer === bytes);
attempt("read past the end", () => des.readUint32());
attempt("readDouble past the end", () => des.readDouble());
attempt("readRawBytes past the end", () => des.readRawBytes(10));

// A plain Serializer writes views as V8 does; DefaultSerializer as Node's host objects.
const pv = new v8.Serializer();
pv.writeHeader();
pv.writeValue(new Uint16Array([1, 2]));
const plain = pv.releaseBuffer();
console.log(plain.toString("hex"));
const pd = new v8.Deserializer(plain);
pd.readHeader();
console.log(pd.readValue());
// A program's own DataCloneError and host-object writer.
class MySer extends v8.DefaultSerializer {
  _getDataCloneError(message) { return new RangeError(`mine: ${message}`); }
}
attempt("own _getDataCloneError", () => { const s = new MySer(); s.writeHeader(); s.writeValue(() => 1); });
class Tagged extends v8.DefaultSerializer {
  _writeHostObject(view) { this.writeUint32(99); super._writeHostObject(view); }
}
const t = new Tagged();
t.writeHeader();
t.writeValue(new Int8Array([-1]));
console.log(t.releaseBuffer().toString("hex"));
class Thrower extends v8.DefaultSerializer {
  _writeHostObject() { throw new Error("no hosts here"); }
}
attempt("_writeHostObject throws", () => { const s = new Thrower(); s.writeHeader(); s.writeValue([new Uint8Array(1)]); });

// Bad input: never a crash, Node's errors.
attempt("serialize(function)", () => v8.serialize(() => 1));
attempt("serialize(symbol)", () => v8.serialize(Symbol("s")));
attempt("serialize({f})", () => v8.serialize({ a: function f() {} }));
attempt("serialize(WeakMap)", () => v8.serialize(new WeakMap()));
attempt("serialize(Promise)", () => v8.serialize(Promise.resolve()));
attempt("serialize(SharedArrayBuffer)", () => v8.serialize(new SharedArrayBuffer(4)));
attempt("serialize(Proxy)", () => v8.serialize(new Proxy({}, {})));
attempt("deserialize(string)", () => v8.deserialize("abc"));
attempt("deserialize(number)", () => v8.deserialize(123));
attempt("deserialize(ArrayBuffer)", () => v8.deserialize(new ArrayBuffer(4)));
attempt("deserialize(empty)", () => v8.deserialize(Buffer.alloc(0)));
attempt("deserialize(no header)", () => v8.deserialize(Buffer.from([1, 2, 3])));
attempt("deserialize(header only)", () => v8.deserialize(Buffer.from("ff0f", "hex")));
attempt("deserialize(truncated object)", () => v8.deserialize(Buffer.from("ff0f6f", "hex")));
attempt("deserialize(truncated string)", () => v8.deserialize(Buffer.from("ff0f2210616263", "hex")));
attempt("deserialize(truncated view)", () => v8.deserialize(Buffer.from("ff0f5c010a0102", "hex")));
attempt("deserialize(view of a bad length)", () => v8.deserialize(Buffer.from("ff0f5c0303010203", "hex")));
attempt("deserialize(future version)", () => v8.deserialize(Buffer.from("ff7f5f", "hex")));
attempt("writeRawBytes(string)", () => new v8.Serializer().writeRawBytes("x"));
attempt("new Deserializer({})", () => new v8.Deserializer({}));
// What mrt leaves out does not crash when touched.
console.log(typeof v8.takeCoverage, typeof v8.stopCoverage, v8.takeCoverage(), v8.stopCoverage());
console.log(typeof v8.promiseHooks.createHook, typeof v8.queryObjects, typeof v8.GCProfiler,
  !v8.startupSnapshot.isBuildingSnapshot());
attempt("startupSnapshot.addSerializeCallback", () => v8.startupSnapshot.addSerializeCallback(() => {}));
attempt("setHeapSnapshotNearHeapLimit(0)", () => v8.setHeapSnapshotNearHeapLimit(0));
attempt("writeHeapSnapshot(5)", () => v8.writeHeapSnapshot(5));
