// UTF-16LE/BE decoding: BOM, surrogate pairs, lone surrogates and an odd last byte (U+FFFD,
// or a TypeError when fatal), unaligned views, and streaming split at every byte position.
const hex = (s) => Array.from(s, (c) => c.charCodeAt(0).toString(16)).join(" ");
function le(units) {
  const b = new Uint8Array(units.length * 2);
  units.forEach((u, i) => { b[2 * i] = u & 0xff; b[2 * i + 1] = u >> 8; });
  return b;
}
function be(units) {
  const b = new Uint8Array(units.length * 2);
  units.forEach((u, i) => { b[2 * i] = u >> 8; b[2 * i + 1] = u & 0xff; });
  return b;
}
const cases = [
  [0x41, 0x42],
  [0xfeff, 0x41],
  [0xfeff, 0xfeff, 0x41],
  [0xd83d, 0xde00, 0x41],
  [0xd83d, 0x41],
  [0xde00, 0x41],
  [0x41, 0xd83d],
  [0xdbff, 0xdfff, 0xd800],
  [0xe9, 0x20ac, 0xffff],
];
for (const units of cases) {
  for (const [name, enc] of [["utf-16le", le], ["utf-16be", be]]) {
    const bytes = enc(units);
    const plain = new TextDecoder(name).decode(bytes);
    const keep = new TextDecoder(name, { ignoreBOM: true }).decode(bytes);
    let fatal;
    try { fatal = hex(new TextDecoder(name, { fatal: true }).decode(bytes)); } catch (e) { fatal = e.name; }
    console.log(name, hex(plain), "|", hex(keep), "|", fatal);
  }
}
// Odd length: the last byte is an error, once (also after a lead surrogate).
for (const bytes of [[0x41], [0x41, 0x00, 0x42], [0x3d, 0xd8, 0x00], [0x00, 0xd8]]) {
  const u8 = new Uint8Array(bytes);
  let fatal;
  try { new TextDecoder("utf-16le", { fatal: true }).decode(u8); fatal = "ok"; } catch (e) { fatal = e.name; }
  console.log("odd", bytes.length, hex(new TextDecoder("utf-16le").decode(u8)), fatal);
}
// An unaligned view.
{
  const buf = new Uint8Array(9);
  buf.set([0x00, 0x48, 0x00, 0x69, 0x00, 0xe9, 0x20, 0xac], 1);
  console.log(new TextDecoder("utf-16be").decode(buf.subarray(1)));
  const buf2 = new Uint8Array(7);
  buf2.set([0x48, 0, 0x69, 0, 0x3d, 0xd8], 1);
  console.log(hex(new TextDecoder("utf-16le").decode(buf2.subarray(1))));
}
// Streaming: every split into three chunks gives the whole decode.
const text = "\ufeffa\u00e9\u20ac\ud83d\ude00z\udbff\udfff";
for (const [name, enc] of [["utf-16le", le], ["utf-16be", be]]) {
  const units = Array.from(text, (c) => c.charCodeAt(0));
  const bytes = enc([...units, 0xd800, 0x41]); // a lone lead inside
  const whole = new TextDecoder(name).decode(bytes);
  let ok = 0, bad = 0;
  for (let i = 0; i <= bytes.length; i++) {
    for (let j = i; j <= bytes.length; j++) {
      const d = new TextDecoder(name);
      const out = d.decode(bytes.subarray(0, i), { stream: true }) +
        d.decode(bytes.subarray(i, j), { stream: true }) + d.decode(bytes.subarray(j));
      if (out === whole) ok++;
      else if (bad++ < 3) console.log("split", i, j, hex(out));
    }
  }
  console.log(name, hex(whole), "splits ok", ok, "bad", bad);
  // Ending a stream in the middle of a pair or of a unit.
  const d = new TextDecoder(name);
  console.log(hex(d.decode(bytes.subarray(0, 9), { stream: true })), "/", hex(d.decode()));
  console.log(hex(d.decode(bytes.subarray(0, 12), { stream: true })), "/", hex(d.decode()));
}
// A decoder is reusable after an error in fatal mode.
{
  const d = new TextDecoder("utf-16le", { fatal: true });
  try { d.decode(new Uint8Array([0x00, 0xd8]), { stream: false }); } catch (e) { console.log(e.name); }
  console.log(d.decode(new Uint8Array([0x41, 0x00])));
}
