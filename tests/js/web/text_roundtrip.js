// TextEncoder / TextDecoder round trips over every code point, lone surrogates, encodeInto.
// (TextDecoder is UTF-8 only: labels of other encodings are not tested here.)
const te = new TextEncoder();
const td = new TextDecoder();
let bad = 0, total = 0, bytes = 0;
for (let start = 0; start < 0x110000; start += 0x1000) {
  let s = "";
  for (let cp = start; cp < start + 0x1000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    s += String.fromCodePoint(cp);
  }
  const b = te.encode(s);
  bytes += b.length;
  total++;
  if (td.decode(b) !== s) bad++;
}
console.log("chunks", total, "bad", bad, "bytes", bytes);
for (const s of ["\ud800", "\udc00", "a\ud800b", "\udbff\udfff", "\udfff\udbff", "x\ud83d"]) {
  console.log(JSON.stringify(s), Array.from(te.encode(s)).join(" "), JSON.stringify(td.decode(te.encode(s))));
}
console.log(te.encoding, te.encode().length, te.encode(undefined).length, Array.from(te.encode(null)).join(","));
console.log(Object.prototype.toString.call(te), Object.prototype.toString.call(td));
for (const [s, n] of [["a😀b", 5], ["a😀b", 4], ["a😀b", 1], ["a😀b", 0], ["héé", 3], ["\ud800x", 10], ["😀😀", 100], ["abc", 2]]) {
  const u = new Uint8Array(n);
  const r = te.encodeInto(s, u);
  console.log(JSON.stringify(s), n, r.read, r.written, Array.from(u).join(" "));
}
const big = new Uint8Array(16);
console.log(te.encodeInto("hello", big.subarray(4, 8)), Array.from(big).join(" "));
try { te.encodeInto("x", new Uint16Array(4)); } catch (e) { console.log(e.name, e.code); }
const long = "é".repeat(100000) + "😀".repeat(100000) + "a".repeat(100000);
const lb = te.encode(long);
console.log(lb.length, td.decode(lb) === long, lb.buffer.byteLength);
console.log(td.decode(new Uint16Array([0x6968, 0x0021])).length, td.decode(new Uint8Array([104, 105]).buffer));
console.log(td.decode(new DataView(new Uint8Array([0x41, 0x42, 0x43]).buffer, 1)));
for (const label of ["utf-8", "UTF8", " unicode-1-1-utf-8\n", "unicode11utf8", "unicode20utf8", "x-unicode20utf8", "utf-8x", ""]) {
  try { console.log(JSON.stringify(label), new TextDecoder(label).encoding); }
  catch (e) { console.log(JSON.stringify(label), e.name, e.code); }
}
const d2 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
console.log(d2.fatal, d2.ignoreBOM, td.fatal, td.ignoreBOM);
try { td.decode("abc"); } catch (e) { console.log(e.name, e.code); }
