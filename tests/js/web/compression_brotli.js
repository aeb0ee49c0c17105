// node: skip (node 20's CompressionStream has no 'brotli'; the expected output is the data
// itself: round trips must give back their input, and a stream node's zlib made decodes)
// CompressionStream/DecompressionStream('brotli'): round trips (empty, tiny chunks, chunks
// past the worker-pool threshold), a stream from another implementation, and the errors.
async function collect(readable) {
  const chunks = [];
  for await (const c of readable) chunks.push(c);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}
async function through(stream, data, chunkSize) {
  const writer = stream.writable.getWriter();
  for (let i = 0; i < data.length; i += chunkSize) {
    writer.write(data.subarray(i, i + chunkSize)).catch(() => {});
  }
  writer.close().catch(() => {});
  return collect(stream.readable);
}
function sample(n) {
  const out = new Uint8Array(n);
  const text = new TextEncoder().encode('{"id":1234,"name":"brotli","tags":["a","b"]},');
  let seed = 7;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out[i] = i % 1024 < 900 ? text[i % text.length] : seed & 255;
  }
  return out;
}
function same(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
(async () => {
  const inputs = [
    ["empty", new Uint8Array(0), 1],
    ["hello in 3-byte chunks", new TextEncoder().encode("hello, world"), 3],
    ["256 KiB in 1000-byte chunks", sample(1 << 18), 1000],
    ["1 MiB in one chunk", sample(1 << 20), 1 << 20],
  ];
  for (const [name, data, size] of inputs) {
    const packed = await through(new CompressionStream("brotli"), data, size);
    const back = await through(new DecompressionStream("brotli"), packed, 7);
    const back2 = await through(new DecompressionStream("brotli"), packed, 1 << 20);
    console.log(name, "->", packed.length < data.length + 16, same(back, data),
      same(back2, data));
  }
  // From node's zlib.brotliCompressSync("hello, brotli from node").
  const fromNode = Uint8Array.from([11, 11, 128, 104, 101, 108, 108, 111, 44, 32, 98, 114, 111,
    116, 108, 105, 32, 102, 114, 111, 109, 32, 110, 111, 100, 101, 3]);
  console.log(new TextDecoder().decode(await through(new DecompressionStream("brotli"), fromNode, 4)));
  const cases = [
    ["corrupt", Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8)],
    ["truncated", fromNode.subarray(0, 12)],
    ["junk after the end", Uint8Array.from([...fromNode, 0])],
  ];
  for (const [name, bytes] of cases) {
    try {
      await through(new DecompressionStream("brotli"), bytes, bytes.length);
      console.log(name, "no error?");
    } catch (e) {
      console.log(name, e.constructor.name);
    }
  }
})();
