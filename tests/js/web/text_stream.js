// Streaming decode: every split position of a multi-byte text, BOM split across chunks,
// incomplete sequence at the end of the stream.
const te = new TextEncoder();
const text = "a\u00e9\u20ac\ud83d\ude00z\u0800\uffff\u{10ffff}";
const bytes = te.encode(text);
let ok = 0;
for (let i = 0; i <= bytes.length; i++) {
  for (let j = i; j <= bytes.length; j++) {
    const d = new TextDecoder();
    const out = d.decode(bytes.subarray(0, i), { stream: true }) +
      d.decode(bytes.subarray(i, j), { stream: true }) + d.decode(bytes.subarray(j));
    if (out === text) ok++;
    else console.log("split", i, j, JSON.stringify(out));
  }
}
console.log("splits ok", ok);
// One byte at a time.
{
  const d = new TextDecoder();
  let out = "";
  for (const b of bytes) out += d.decode(new Uint8Array([b]), { stream: true });
  out += d.decode();
  console.log(out === text);
}
// BOM split.
for (const ignoreBOM of [false, true]) {
  const d = new TextDecoder("utf-8", { ignoreBOM });
  const parts = [[0xef], [0xbb], [0xbf, 0x41], [0xef, 0xbb, 0xbf]];
  const out = parts.map((p) => d.decode(new Uint8Array(p), { stream: true })).join("") + d.decode();
  console.log(ignoreBOM, JSON.stringify(out), out.length);
  // After a non-streaming call the BOM is looked for again.
  console.log(JSON.stringify(d.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x42]))));
}
// Incomplete at the end: replacement, or an error when fatal.
{
  const d = new TextDecoder();
  console.log(JSON.stringify(d.decode(new Uint8Array([0x41, 0xf0, 0x9f]), { stream: true }) + d.decode()));
  const f = new TextDecoder("utf-8", { fatal: true });
  f.decode(new Uint8Array([0xf0, 0x9f]), { stream: true });
  try { f.decode(); } catch (e) { console.log(e.code); }
  console.log(JSON.stringify(f.decode(new Uint8Array([0x42]))));
}
// Invalid bytes in a stream are not held back.
{
  const d = new TextDecoder();
  console.log(JSON.stringify(d.decode(new Uint8Array([0x41, 0xf0, 0x41]), { stream: true })),
    JSON.stringify(d.decode(new Uint8Array([0xc3]), { stream: true })),
    JSON.stringify(d.decode(new Uint8Array([0xa9]))));
}
