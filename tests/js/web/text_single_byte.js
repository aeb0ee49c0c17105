// node: skip (node maps koi8-u, windows-874, windows-1253 and windows-1255 its own way; this
// .out is the Encoding standard's, checked against deno)
// Single-byte legacy encodings: bytes 0x80..0xFF of each (the standard's index), bytes
// without a character (U+FFFD, TypeError when fatal), ASCII staying as it is.
const names = ["ibm866", "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5", "iso-8859-6",
  "iso-8859-7", "iso-8859-8", "iso-8859-8-i", "iso-8859-10", "iso-8859-13", "iso-8859-14",
  "iso-8859-15", "koi8-r", "koi8-u", "macintosh", "windows-874", "windows-1250",
  "windows-1251", "windows-1253", "windows-1254", "windows-1255", "windows-1256",
  "windows-1257", "windows-1258", "x-mac-cyrillic"];
const high = new Uint8Array(128).map((_, i) => 0x80 + i);
let sum = 0;
for (const name of names) {
  const s = new TextDecoder(name).decode(high);
  const bad = [];
  for (let b = 0x80; b <= 0xff; b++) {
    try { new TextDecoder(name, { fatal: true }).decode(new Uint8Array([b])); } catch (e) {
      if (!(e instanceof TypeError)) console.log("not a TypeError", name, b);
      bad.push(b.toString(16));
    }
  }
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  sum = (sum + h) >>> 0;
  console.log(name, s.length, h.toString(16), s.slice(0x60), "errors:", bad.join(" "));
}
console.log("sum", sum.toString(16));
const ascii = new Uint8Array(128).map((_, i) => i);
console.log(names.every((n) => new TextDecoder(n).decode(ascii) === String.fromCharCode(...ascii)));
// windows-1252 (latin1, ascii): bytes other than 0x80..0x9F are their own code point.
const latin = new Uint8Array([0x48, 0xe9, 0x6c, 0xa0, 0xff, 0x41]);
console.log(JSON.stringify(new TextDecoder("latin1").decode(latin)));
// Streaming makes no difference for single-byte encodings.
const d = new TextDecoder("koi8-r");
console.log(d.decode(new Uint8Array([0xc1, 0xc2]), { stream: true }) +
  d.decode(new Uint8Array([0xd7])) + d.decode());
