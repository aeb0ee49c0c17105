// crypto.getRandomValues and crypto.randomUUID: types, quota, errors, WebIDL shape.
const show = (f) => {
  try {
    const r = f();
    console.log("ok", r && r.constructor ? r.constructor.name : r);
  } catch (e) {
    console.log(e.name, e instanceof DOMException ? `DOMException ${e.code}` : "");
  }
};
for (const T of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
  Uint32Array, BigInt64Array, BigUint64Array, Float32Array, Float64Array]) {
  const a = new T(8);
  let same;
  try { same = crypto.getRandomValues(a) === a; } catch (e) { same = e.name; }
  console.log(T.name, same);
}
show(() => crypto.getRandomValues(new DataView(new ArrayBuffer(4))));
show(() => crypto.getRandomValues());
show(() => crypto.getRandomValues(new Uint8Array(65536)));
show(() => crypto.getRandomValues(new Uint8Array(65537)));
show(() => crypto.getRandomValues(new Uint32Array(16385)));
show(() => crypto.getRandomValues(new Uint8Array(0)));
show(() => Crypto.prototype.getRandomValues.call({}, new Uint8Array(1)));
show(() => Crypto.prototype.randomUUID.call(undefined));
show(() => new Crypto());
show(() => new SubtleCrypto());
show(() => new CryptoKey());

// Randomness: 64 KiB has every byte value, and is not all zero.
const big = crypto.getRandomValues(new Uint8Array(65536));
console.log("distinct bytes", new Set(big).size);
const part = new Uint8Array(32);
crypto.getRandomValues(part.subarray(8, 16));
console.log("outside the view untouched", part.slice(0, 8).every((x) => x === 0) && part.slice(16).every((x) => x === 0));

const re = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const seen = new Set();
let good = true;
for (let i = 0; i < 1000; i++) {
  const u = crypto.randomUUID();
  if (!re.test(u)) good = false;
  seen.add(u);
}
console.log("uuids", good, seen.size);

console.log(typeof crypto, Object.prototype.toString.call(crypto), crypto instanceof Crypto);
console.log(Object.prototype.toString.call(crypto.subtle), crypto.subtle === crypto.subtle,
  crypto.subtle instanceof SubtleCrypto);
console.log(Crypto.name, Crypto.length, SubtleCrypto.name, CryptoKey.name);
console.log(Crypto.prototype.getRandomValues.length, Crypto.prototype.getRandomValues.name,
  Crypto.prototype.randomUUID.length);
for (const [n, len] of [["encrypt", 3], ["decrypt", 3], ["sign", 3], ["verify", 4], ["digest", 2],
  ["generateKey", 3], ["deriveKey", 5], ["deriveBits", 2], ["importKey", 5], ["exportKey", 2],
  ["wrapKey", 4], ["unwrapKey", 7]]) {
  const f = SubtleCrypto.prototype[n];
  console.log(n, f.name, f.length === len);
}
const d = Object.getOwnPropertyDescriptor(Crypto.prototype, "subtle");
console.log(typeof d.get, d.set, d.enumerable, d.configurable);
const kd = Object.getOwnPropertyDescriptor(CryptoKey.prototype, "algorithm");
console.log(typeof kd.get, kd.enumerable);
console.log(Object.keys(Crypto.prototype).sort().join());
console.log(Object.keys(SubtleCrypto.prototype).sort().join());
console.log(Object.keys(CryptoKey.prototype).sort().join());
