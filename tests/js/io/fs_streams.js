// node: skip
// FsFile.readable / .writable (Deno's semantics): a byte stream read only on demand, BYOB reads
// (with min), end of file and cancel close the file, a closed file errors the stream with the
// read op's error, the writable writes every chunk and closes the file; the Streams code loads
// only when a stream is first asked for.
(async () => {
  const dir = await mrt.makeTempDir({ prefix: "mrt-fs-streams-" });
  const p = dir + "/data.bin";
  const data = new Uint8Array(200000);
  for (let i = 0; i < data.length; i++) data[i] = (i * 31 + (i >> 8)) & 255;
  await mrt.writeFile(p, data);
  const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  const lazy = () => typeof Object.getOwnPropertyDescriptor(globalThis, "ReadableStream").get === "function";

  // Opening, reading and writing files does not load the Streams code; touching .readable does.
  const f = await mrt.open(p);
  console.log("streams lazy after open:", lazy());
  const rs = f.readable;
  console.log("streams lazy after .readable:", lazy(), rs instanceof ReadableStream, f.readable === rs);

  // Nothing is read until the consumer asks: the file's own read still starts at 0.
  const head = new Uint8Array(4);
  console.log("read before the stream:", await f.read(head), same(head, data.subarray(0, 4)));

  // A default reader: chunks of up to 256 KiB (the rest of the file), then done; the file is closed.
  const sizes = [];
  const parts = [head];
  for await (const chunk of rs) {
    sizes.push(chunk.length);
    parts.push(chunk);
  }
  const all = new Uint8Array(data.length);
  let off = 0;
  for (const part of parts) {
    all.set(part, off);
    off += part.length;
  }
  console.log("chunks:", sizes.join(" "), "equal:", off === data.length && same(all, data));
  try {
    f.close();
  } catch (err) {
    console.log("close after end:", err.code, err.message);
  }

  // BYOB: the caller's buffer is filled; min waits for that many bytes.
  const g = await mrt.open(p);
  const byob = g.readable.getReader({ mode: "byob" });
  let r = await byob.read(new Uint8Array(1000));
  console.log("byob 1:", r.done, r.value.length, same(r.value, data.subarray(0, 1000)));
  r = await byob.read(new Uint8Array(150000), { min: 150000 });
  console.log("byob min:", r.done, r.value.length, same(r.value, data.subarray(1000, 151000)));
  r = await byob.read(new Uint16Array(100000));
  console.log("byob rest:", r.done, r.value.constructor.name, r.value.byteLength);
  r = await byob.read(new Uint8Array(10));
  console.log("byob end:", r.done, r.value.length);

  // Cancel while a read is in flight: the read ends done, the file is closed, no leak.
  const h = await mrt.open(p);
  const reader = h.readable.getReader();
  const pending = reader.read();
  await reader.cancel("enough");
  console.log("cancel mid-read:", JSON.stringify(await pending));
  try {
    h.close();
  } catch (err) {
    console.log("close after cancel:", err.code);
  }

  // A file closed under the stream: the read op's error (Error, EBADF) errors the stream.
  const k = await mrt.open(p);
  const krs = k.readable;
  k.close();
  try {
    await krs.getReader().read();
  } catch (err) {
    console.log("read closed file:", err.constructor.name, err.code, err.message);
  }

  // A write-only file: reading fails with the op's error (EBADF from read(2)).
  const wo = await mrt.open(dir + "/wo.bin", { write: true, create: true });
  try {
    await wo.readable.getReader().read();
  } catch (err) {
    console.log("read write-only:", err.constructor.name, err.code);
  }

  // The writable: every chunk written in order, close() closes the file.
  const w = await mrt.open(dir + "/out.bin", { write: true, create: true, truncate: true });
  const writer = w.writable.getWriter();
  await writer.write(data.subarray(0, 10));
  await writer.write(data.subarray(10, 150000));
  await writer.write(new DataView(data.buffer, 150000, 50000));
  await writer.close();
  console.log("written:", same(await mrt.readFile(dir + "/out.bin"), data));
  try {
    w.close();
  } catch (err) {
    console.log("close after writable close:", err.code);
  }
  await writer.write(new Uint8Array(1)).then(
    () => console.log("write after close: resolved"),
    (err) => console.log("write after close:", err.constructor.name));

  // A chunk that is not bytes errors the stream (TypeError) and closes the file.
  const w2 = await mrt.open(dir + "/out2.bin", { write: true, create: true });
  const writer2 = w2.writable.getWriter();
  await writer2.write("text").catch((err) => console.log("string chunk:", err.constructor.name, err.code));
  await writer2.closed.catch((err) => console.log("writable errored:", err.constructor.name));
  try {
    w2.close();
  } catch (err) {
    console.log("closed by the error:", err.code);
  }

  // abort() closes the file.
  const w3 = await mrt.open(dir + "/out3.bin", { write: true, create: true });
  await w3.writable.abort(new Error("stop"));
  try {
    w3.close();
  } catch (err) {
    console.log("closed by abort:", err.code);
  }

  // file -> file through pipeTo.
  const src = await mrt.open(p);
  const dst = await mrt.open(dir + "/copy.bin", { write: true, create: true, truncate: true });
  await src.readable.pipeTo(dst.writable);
  console.log("pipeTo copy:", same(await mrt.readFile(dir + "/copy.bin"), data));

  await mrt.remove(dir, { recursive: true });
})();
