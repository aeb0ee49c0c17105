// node: skip (node's ICU decoders differ from the Encoding standard; this .out is the
// standard's, checked against deno)
// Multi-byte legacy encodings: everyday text, every one- and two-byte input of shift_jis and
// euc-kr (hashes; errors, ASCII bytes after a bad lead, private-use areas), fatal mode,
// and streaming: any split of the bytes gives the same text as one call.
const hex = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(" ");
const samples = {
  shift_jis: [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea, 0x83, 0x65, 0x83, 0x4c, 0x83, 0x58, 0x83, 0x67, 0x41, 0xb1],
  "euc-jp": [0xc6, 0xfc, 0xcb, 0xdc, 0xb8, 0xec, 0x8e, 0xb1, 0x41],
  "iso-2022-jp": [0x1b, 0x24, 0x42, 0x46, 0x7c, 0x4b, 0x5c, 0x1b, 0x28, 0x42, 0x41],
  "euc-kr": [0xc7, 0xd1, 0xb1, 0xb9, 0xbe, 0xee, 0x20, 0x41],
  gbk: [0xc4, 0xe3, 0xba, 0xc3, 0x80, 0x41],
  gb18030: [0xc4, 0xe3, 0xba, 0xc3, 0x81, 0x30, 0x81, 0x30, 0x95, 0x32, 0x82, 0x36],
  big5: [0xa4, 0xa4, 0xa4, 0xe5, 0xa6, 0x72, 0x41],
};
for (const [name, bytes] of Object.entries(samples)) {
  const u8 = new Uint8Array(bytes);
  const whole = new TextDecoder(name).decode(u8);
  let splits = 0;
  for (let i = 0; i <= u8.length; i++) {
    for (let j = i; j <= u8.length; j++) {
      const d = new TextDecoder(name);
      const out = d.decode(u8.subarray(0, i), { stream: true }) +
        d.decode(u8.subarray(i, j), { stream: true }) + d.decode(u8.subarray(j));
      if (out === whole) splits++;
    }
  }
  console.log(name, whole, hex(whole), "splits", splits);
}
for (const name of ["shift_jis", "euc-kr"]) {
  let h = 0, rows = 0;
  const d = new TextDecoder(name), f = new TextDecoder(name, { fatal: true });
  const mix = (s) => { for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0; };
  mix(d.decode(new Uint8Array(256).map((_, i) => i)));
  // One call per lead byte: every trail byte after it, each pair followed by a space.
  for (let a = 0x80; a < 256; a++) {
    const row = new Uint8Array(256 * 3);
    for (let b = 0; b < 256; b++) row.set([a, b, 0x20], 3 * b);
    mix(d.decode(row));
    try { f.decode(row); } catch (e) { if (e instanceof TypeError) rows++; }
  }
  console.log(name, "pairs", h.toString(16), "rows with errors", rows);
}
// Errors: a bad pair with an ASCII trail keeps the ASCII; end of input inside a character.
for (const [name, bytes] of [["big5", [0x81, 0x40]], ["big5", [0x87, 0x87, 0x40]],
  ["shift_jis", [0x81]], ["euc-kr", [0xb0, 0x41]], ["gb18030", [0x81, 0x30]],
  ["euc-jp", [0x8e, 0x80]], ["shift_jis", [0x80, 0xa0, 0xfd]]]) {
  console.log(name, hex(new TextDecoder(name).decode(new Uint8Array(bytes))));
}
// A stream ended in the middle of a character, then the decoder used again.
{
  const d = new TextDecoder("shift_jis");
  console.log(hex(d.decode(new Uint8Array([0x93]), { stream: true })), "|", hex(d.decode()),
    "|", d.decode(new Uint8Array([0x93, 0xfa])));
  const f = new TextDecoder("gbk", { fatal: true });
  try { f.decode(new Uint8Array([0xc4]), { stream: true }); f.decode(); } catch (e) { console.log(e.name); }
  console.log(f.decode(new Uint8Array([0xc4, 0xe3])));
}
