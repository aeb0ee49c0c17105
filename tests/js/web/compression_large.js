// timeout: 40000
// A small input that decompresses to much more than itself (48 MiB from ~48 KiB) pushed as one
// chunk: the output comes in pieces of at most 16 MiB and nothing is lost; a chunk pushed
// after it still works, and so does the same through deflate and deflate-raw.
async function bytesOf(readable) {
  const parts = [];
  for await (const c of readable) parts.push(c);
  return parts;
}
async function compress(format, bytes) {
  const parts = await bytesOf(new Blob([bytes]).stream().pipeThrough(new CompressionStream(format)));
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}
(async () => {
  const size = 48 << 20;
  const plain = new Uint8Array(size);
  plain[size - 1] = 7;
  for (const format of ["gzip", "deflate", "deflate-raw"]) {
    const packed = await compress(format, plain);
    console.log(format, "packed small:", packed.length < 100000);
    const ds = new DecompressionStream(format);
    const w = ds.writable.getWriter();
    w.write(packed.subarray(0, packed.length - 8));
    w.write(packed.subarray(packed.length - 8));
    w.close();
    const pieces = await bytesOf(ds.readable);
    let total = 0, nonzero = 0, largest = 0;
    for (const p of pieces) {
      total += p.length;
      largest = Math.max(largest, p.length);
      for (let i = 0; i < p.length; i++) if (p[i] !== 0) nonzero = p[i];
    }
    console.log(" total", total, "pieces <= 16 MiB:", largest <= 16 << 20, "last byte", nonzero);
  }
})();
