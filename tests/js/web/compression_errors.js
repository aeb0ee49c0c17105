// node: skip (node 20 rejects ArrayBuffer chunks and errors with plain Errors, not the
// TypeErrors the Compression Standard requires)
// CompressionStream/DecompressionStream: WebIDL shape and the spec's TypeErrors.
async function collect(readable) {
  const chunks = [];
  for await (const c of readable) chunks.push(c);
  return chunks.reduce((n, c) => n + c.length, 0);
}
async function feed(stream, chunks) {
  const writer = stream.writable.getWriter();
  for (const c of chunks) writer.write(c).catch(() => {});
  writer.close().catch(() => {});
  try {
    console.log("  ok", await collect(stream.readable));
  } catch (e) {
    console.log("  ", e.constructor.name, e.message);
  }
}
async function gz(bytes) {
  const cs = new CompressionStream("gzip");
  const w = cs.writable.getWriter();
  w.write(bytes);
  w.close();
  const parts = [];
  for await (const c of cs.readable) parts.push(...c);
  return Uint8Array.from(parts);
}
(async () => {
  for (const f of ["zip", "GZIP", "", undefined]) {
    try { new CompressionStream(f); } catch (e) { console.log(e.constructor.name, e.message); }
    try { new DecompressionStream(f); } catch (e) { console.log(e.constructor.name, e.message); }
  }
  try { new CompressionStream(); } catch (e) { console.log(e.constructor.name, e.message); }
  try { CompressionStream("gzip"); } catch (e) { console.log(e.constructor.name); }
  const rg = Object.getOwnPropertyDescriptor(CompressionStream.prototype, "readable").get;
  try { rg.call({}); } catch (e) { console.log("brand", e.constructor.name); }
  try { rg.call(new DecompressionStream("gzip")); } catch (e) { console.log("brand", e.constructor.name); }
  console.log(Object.prototype.toString.call(new DecompressionStream("deflate")),
    typeof CompressionStream, CompressionStream.length, CompressionStream.name);

  console.log("bad chunks");
  const sab = new SharedArrayBuffer(4);
  for (const [name, chunk] of [["undefined", undefined], ["null", null], ["number", 3.14],
    ["string", "abc"], ["array", [1, 2]], ["object", {}], ["SharedArrayBuffer", sab],
    ["shared view", new Uint8Array(sab)]]) {
    console.log(name);
    await feed(new CompressionStream("gzip"), [chunk]);
    await feed(new DecompressionStream("gzip"), [chunk]);
  }
  console.log("ArrayBuffer");
  await feed(new CompressionStream("deflate"), [new ArrayBuffer(9)]);

  const good = await gz(new TextEncoder().encode("some text to compress, some text"));
  console.log("corrupt header");
  await feed(new DecompressionStream("gzip"), [Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])]);
  console.log("corrupt body");
  const bad = good.slice(); bad[12] ^= 0xff; bad[13] ^= 0x55;
  await feed(new DecompressionStream("gzip"), [bad]);
  console.log("bad checksum");
  const sum = good.slice(); sum[sum.length - 6] ^= 1;
  await feed(new DecompressionStream("gzip"), [sum]);
  console.log("junk after the end, same chunk");
  await feed(new DecompressionStream("gzip"), [Uint8Array.from([...good, 0])]);
  console.log("junk after the end: the output before it is read first, then the error");
  {
    const ds = new DecompressionStream("gzip");
    const reader = ds.readable.getReader();
    ds.writable.getWriter().write(Uint8Array.from([...good, 0])).catch(() => {});
    const first = await reader.read();
    console.log("  first read", first.done, first.value.length);
    try { await reader.read(); } catch (e) { console.log("  then", e.constructor.name, e.message); }
  }
  console.log("junk after the end, next chunk");
  await feed(new DecompressionStream("gzip"), [good, Uint8Array.of(1, 2)]);
  console.log("an empty chunk after the end is fine");
  await feed(new DecompressionStream("gzip"), [good, new Uint8Array(0)]);
  console.log("truncated");
  await feed(new DecompressionStream("gzip"), [good.subarray(0, good.length - 3)]);
  console.log("empty input");
  await feed(new DecompressionStream("deflate"), []);
  console.log("wrong format");
  await feed(new DecompressionStream("deflate"), [good]);
  console.log("large corrupt chunk (worker pool)");
  const big = new Uint8Array(200000).fill(7);
  await feed(new DecompressionStream("deflate-raw"), [big]);

  console.log("cancel mid-stream");
  const cs = new CompressionStream("gzip");
  const w = cs.writable.getWriter();
  w.write(new Uint8Array(300000)).catch(() => {});
  await cs.readable.cancel(new Error("stop"));
  console.log("  cancelled", await w.closed.catch((e) => e.message));
  const ws = new DecompressionStream("gzip");
  const w2 = ws.writable.getWriter();
  await w2.abort(new Error("gone"));
  console.log("  aborted");
  // Left open at exit: the runtime frees their zlib state (checked under LSan).
  const open = new CompressionStream("gzip");
  open.writable.getWriter().write(new Uint8Array(100000));
  globalThis.keep = [open, new DecompressionStream("deflate")];
  console.log("done");
})();
