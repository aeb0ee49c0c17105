// TextEncoderStream and TextDecoderStream: surrogate pairs and UTF-8 sequences split across
// chunks, a lone surrogate at the end, fatal decoding, labels, bad chunks.
async function collect(readable) {
  const out = [];
  for await (const c of readable) out.push(c);
  return out;
}

async function encode(chunks) {
  const s = new TextEncoderStream();
  const w = s.writable.getWriter();
  for (const c of chunks) w.write(c);
  w.close();
  return (await collect(s.readable)).map((u) => Array.from(u).join(","));
}

async function decode(chunks, label, opts) {
  const s = new TextDecoderStream(label, opts);
  const w = s.writable.getWriter();
  const writes = chunks.map((c) => w.write(c).catch((e) => `write: ${e.name}`));
  w.close().catch(() => {});
  try {
    return JSON.stringify(await collect(s.readable));
  } catch (e) {
    return `${e.name}; ${(await Promise.all(writes)).filter(Boolean).join(" ")}`;
  }
}

const enc = new TextEncoderStream();
console.log(enc.encoding, typeof enc.readable, typeof enc.writable);
console.log(await encode(["ab", "", "\u00e9"]));
console.log(await encode(["x\uD83D", "\uDE00y"]));
console.log(await encode(["\uD83D", "\uD83D", "\uDE00"]));
console.log(await encode(["end\uD800"]));
console.log(await encode(["\uDC00lead"]));
console.log(await encode([42, null, { toString() { return "obj"; } }]));

const dec = new TextDecoderStream("UTF-16LE", { fatal: true, ignoreBOM: true });
console.log(dec.encoding, dec.fatal, dec.ignoreBOM);
const u = (...b) => new Uint8Array(b);
console.log(await decode([u(0xe2, 0x82), u(0xac), u(0xf0, 0x9f), u(0x98, 0x80)]));
console.log(await decode([u(0xef, 0xbb, 0xbf, 0x41)]));
console.log(await decode([u(0xef, 0xbb, 0xbf, 0x41)], "utf-8", { ignoreBOM: true }));
console.log(await decode([u(0xe2, 0x82)]));
console.log(await decode([u(0xff)], "utf-8", { fatal: true }));
console.log(await decode([u(0x41, 0x00, 0x42), u(0x00)], "utf-16le"));
console.log(await decode([new Uint8Array([0xe9]).buffer, new DataView(u(0x41).buffer)], "latin1"));
console.log(await decode(["not bytes"]));
try { new TextDecoderStream("nope"); } catch (e) { console.log(e.name); }
try { Object.getOwnPropertyDescriptor(TextDecoderStream.prototype, "readable").get.call({}); }
catch (e) { console.log(e.name); }

// Through pipeThrough, as applications use them.
const text = "héllo wörld €".repeat(3);
const bytes = new TextEncoder().encode(text);
const src = new ReadableStream({
  start(c) {
    for (let i = 0; i < bytes.length; i += 5) c.enqueue(bytes.slice(i, i + 5));
    c.close();
  },
});
const parts = await collect(src.pipeThrough(new TextDecoderStream()));
console.log(parts.join("") === text, parts.length > 1);
const round = await collect(new ReadableStream({
  start(c) { c.enqueue("a\uD83D"); c.enqueue("\uDE00"); c.close(); },
}).pipeThrough(new TextEncoderStream()).pipeThrough(new TextDecoderStream()));
console.log(JSON.stringify(round.join("")));
