// Blob.prototype.stream(): a byte stream of the blob's bytes, in order, for default and BYOB
// readers, slices, empty blobs; the blob itself is left intact; a non-Blob this is a TypeError.
async function readAll(stream) {
  const parts = [];
  for await (const c of stream) parts.push(c);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return { bytes: out, chunks: parts.length, allU8: parts.every((p) => p instanceof Uint8Array) };
}

const big = new Uint8Array(200_000);
for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
const blob = new Blob([big, "tail"]);
const s = blob.stream();
console.log(s instanceof ReadableStream, s.locked);
const all = await readAll(s);
console.log(all.bytes.length, all.allU8, all.chunks > 1);
console.log(all.bytes.subarray(0, 200_000).every((b, i) => b === ((i * 31) & 0xff)));
console.log(new TextDecoder().decode(all.bytes.subarray(200_000)));

// The blob still reads the same after its stream was consumed and its chunks written.
all.bytes.fill(0);
const again = new Uint8Array(await blob.arrayBuffer());
console.log(again[1] === 31, again.length);

// BYOB reads fill the caller's buffer.
const byob = new Blob(["abcdefghij"]).stream().getReader({ mode: "byob" });
const dec = new TextDecoder();
for (;;) {
  const { done, value } = await byob.read(new Uint8Array(4));
  if (done) { console.log("done", value.byteLength); break; }
  console.log(dec.decode(value));
}

// A slice streams only its range; an empty blob closes at once.
console.log(dec.decode((await readAll(blob.slice(200_000, 200_002).stream())).bytes));
const empty = await readAll(new Blob([]).stream());
console.log(empty.bytes.length, empty.chunks);
const emptyByob = await new Blob([]).stream().getReader({ mode: "byob" }).read(new Uint8Array(8));
console.log(emptyByob.done, emptyByob.value.byteLength);

// Cancelling stops it; a File streams too; text through TextDecoderStream.
const r = blob.stream().getReader();
await r.read();
await r.cancel();
console.log((await r.read()).done);
const file = new File(["file ", "contents"], "f.txt");
let joined = "";
for await (const t of file.stream().pipeThrough(new TextDecoderStream())) joined += t;
console.log(joined);

try { Blob.prototype.stream.call({}); } catch (e) { console.log(e.name); }
