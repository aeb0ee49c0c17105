// CompressionStream/DecompressionStream round trips in each format: empty input, small
// chunks, and inputs whose chunks cross the worker-pool threshold (256 KiB), in order.
import { collect, same, sample, through } from "./_compression_lib.mjs";

(async () => {
  const inputs = [
    ["empty", new Uint8Array(0), 1],
    ["hello", new TextEncoder().encode("hello, world"), 3],
    ["1 MB in 1000-byte chunks", sample(1 << 20), 1000],
    ["1 MB in 100 KB chunks", sample(1 << 20), 100000],
    ["3 MB in one chunk", sample(3 << 20), 3 << 20],
  ];
  for (const format of ["gzip", "deflate", "deflate-raw"]) {
    for (const [name, data, size] of inputs) {
      const compressed = await through(new CompressionStream(format), data, size);
      const back = await through(new DecompressionStream(format), compressed, 4096);
      const back2 = await through(new DecompressionStream(format), compressed, 200000);
      console.log(format, name, "->", compressed.length < data.length + 64 ? "smaller" : "larger",
        same(back, data), same(back2, data));
    }
  }
  // Fixed streams from another implementation decompress (gzip header with a name).
  const gz = Uint8Array.from([31, 139, 8, 0, 0, 0, 0, 0, 0, 3, 203, 72, 205, 201, 201, 87, 40,
    207, 47, 202, 73, 1, 0, 133, 17, 74, 13, 11, 0, 0, 0]);
  console.log(new TextDecoder().decode(await through(new DecompressionStream("gzip"), gz, 5)));
  // Output chunks are Uint8Arrays.
  const r = await through(new CompressionStream("deflate"), new Uint8Array(10), 10);
  console.log(r[0].toString(16), Object.prototype.toString.call(r));
  // DataView and other typed arrays are accepted (ArrayBuffer too: compression_errors.js).
  const cs = new CompressionStream("gzip");
  const w = cs.writable.getWriter();
  w.write(new Uint16Array(5));
  w.write(new DataView(new ArrayBuffer(7)));
  w.close();
  const z = await collect(cs.readable);
  console.log((await through(new DecompressionStream("gzip"), z, 100)).length);
})();
