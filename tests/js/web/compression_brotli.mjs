// node: skip (node 20's CompressionStream has no 'brotli'; the expected output is the data
// itself: round trips must give back their input, and a stream node's zlib made decodes)
// CompressionStream/DecompressionStream('brotli'): round trips (empty, tiny chunks, chunks
// past the worker-pool threshold), a stream from another implementation, and the errors.
import { same, sample, through } from "./_compression_lib.mjs";

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
