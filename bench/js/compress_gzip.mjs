// CompressionStream('gzip') of 10 MB of JSON-like text with random fields (compresses about
// 4:1), fed in 64 KiB chunks through pipeThrough; MB/s of input (higher is better).
// Portable: mrt, node, deno, bun.
const now = () => globalThis.performance.now();
const CHUNK = 64 * 1024;
const TOTAL = 10 * 1000 * 1000;

function makeData(n) {
  const out = new Uint8Array(n);
  const enc = new TextEncoder();
  let seed = 12345, at = 0, i = 0;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  while (at < n) {
    const rec = enc.encode(`{"id":${i++},"user":"u${rand() % 5000}","score":${rand() % 100000 / 100},` +
      `"token":"${rand().toString(36)}${rand().toString(36)}","tags":["alpha","beta","gamma"],` +
      `"active":${rand() % 2 === 0}}\n`);
    const k = Math.min(rec.length, n - at);
    out.set(rec.subarray(0, k), at);
    at += k;
  }
  return out;
}
const data = makeData(TOTAL);

async function compress() {
  let off = 0, outBytes = 0;
  const source = new ReadableStream({
    pull(controller) {
      if (off >= data.length) return controller.close();
      controller.enqueue(data.subarray(off, off + CHUNK));
      off += CHUNK;
    },
  });
  const reader = source.pipeThrough(new CompressionStream("gzip")).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    outBytes += value.byteLength;
  }
  if (outBytes < 1000 || outBytes > TOTAL / 2) throw new Error(`unexpected output size ${outBytes}`);
  return outBytes;
}

await compress(); // warm-up
const rounds = 3;
const t0 = now();
for (let r = 0; r < rounds; r++) await compress();
const ms = now() - t0;
console.log(`compress_gzip: ${((TOTAL * rounds) / 1e6 / (ms / 1000)).toFixed(1)} MB/s`);
