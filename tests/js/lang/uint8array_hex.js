// node: skip
// ES2026 Uint8Array.fromHex / prototype.toHex / prototype.setFromHex (TC39
// proposal-arraybuffer-base64). Node 20 lacks them: .out checked against deno and bun.
const bytes = (u) => Array.from(u).join(",");
const err = (f) => {
  try {
    const r = f();
    return "ok " + (r instanceof Uint8Array ? bytes(r) : JSON.stringify(r));
  } catch (e) {
    return e.constructor.name;
  }
};

for (const [obj, where, k] of [[Uint8Array, "Uint8Array", "fromHex"],
  [Uint8Array.prototype, "Uint8Array.prototype", "toHex"],
  [Uint8Array.prototype, "Uint8Array.prototype", "setFromHex"]]) {
  const d = Object.getOwnPropertyDescriptor(obj, k);
  console.log(where, k, typeof d.value, d.value.name, d.value.length, d.writable, d.enumerable,
    d.configurable, Object.hasOwn(d.value, "prototype"), err(() => new d.value("")));
}

// Every byte, lowercase out, either case in.
const all = new Uint8Array(256).map((_, i) => i);
const hex = all.toHex();
console.log(hex);
console.log(bytes(Uint8Array.fromHex(hex)) === bytes(all), bytes(Uint8Array.fromHex(hex.toUpperCase())) === bytes(all),
  bytes(Uint8Array.fromHex("aBcDeF")));
// Lengths around the bulk loops' blocks (16 bytes / 32 digits).
let ok = 0, total = 0;
for (const n of [...Array(70).keys(), 1000, 4096, 70001]) {
  const u = new Uint8Array(n);
  for (let i = 0; i < n; i++) u[i] = (i * 2654435761 + n) >>> 24;
  total++;
  const h = u.toHex();
  const into = new Uint8Array(n + 1);
  const r = into.setFromHex(h);
  if (h.length === 2 * n && bytes(Uint8Array.fromHex(h)) === bytes(u) && r.read === 2 * n &&
      r.written === n && bytes(into.subarray(0, n)) === bytes(u)) ok++;
}
console.log("round trips", ok, "of", total);

// Errors: odd length, a non-digit anywhere (no whitespace, no sign, no prefix), a character
// above U+00FF whatever its low byte, a string object or a non-string.
for (const s of ["", "0", "000", "0g", "g0", " 00", "00 ", "+0", "0x00", "\u0130\u0130", "0\u0100".slice(0, 1) + "\u0141",
  "00".repeat(40) + "zz", "ff".repeat(16) + "f\u0166"]) {
  console.log(JSON.stringify(s).slice(0, 30), err(() => Uint8Array.fromHex(s)).slice(0, 40));
}
console.log(err(() => Uint8Array.fromHex(new String("00"))), err(() => Uint8Array.fromHex()),
  err(() => Uint8Array.fromHex(12)), Uint8Array.fromHex.call(Int16Array, "0102").constructor.name);

// toHex: the receiver's own bytes; not a Uint8Array or detached: TypeError.
const whole = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
console.log(whole.subarray(3, 6).toHex(), err(() => Uint8Array.prototype.toHex.call(new Uint16Array(2))),
  err(() => Uint8Array.prototype.toHex.call({ length: 1, 0: 1 })));
const det = new Uint8Array(2);
det.buffer.transfer();
console.log(err(() => det.toHex()), err(() => det.setFromHex("00")), err(() => det.setFromHex("0")));

// setFromHex: {read, written}; fills what fits; on a bad pair, the pairs before it are
// written; an odd length writes nothing.
for (const [size, s] of [[0, "0102"], [0, "zz"], [0, "0"], [1, "0102"], [2, "0102"], [3, "0102"], [4, "010203zz"],
  [4, "01zz03"], [4, "0102030"], [2, "0102zz"], [20, "0a".repeat(19) + "0g"]]) {
  const into = new Uint8Array(size).fill(255);
  console.log(size, JSON.stringify(s), err(() => into.setFromHex(s)), bytes(into));
}
const outer = new Uint8Array(6).fill(9);
console.log(JSON.stringify(outer.subarray(1, 4).setFromHex("a1b2c3d4")), bytes(outer));
console.log(err(() => Uint8Array.prototype.setFromHex.call(new Int8Array(2), 5)),
  err(() => new Uint8Array(2).setFromHex(5)));
