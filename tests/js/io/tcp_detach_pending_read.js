// node: skip
// flags: "--v8-flags=--expose-gc --no-concurrent-array-buffer-sweeping"
// A read waiting on a socket holds its buffer's memory: when JS detaches (transfers) the
// buffer and the collector frees the transferred copy, the read must not write into memory
// that was reused meanwhile. The read then rejects (the bytes are not in the buffer) and the
// connection goes on working.
(async () => {
  const SIZE = 64 * 1024;
  const listener = mrt.listen({ port: 0 });
  const accepted = listener.accept();
  const client = await mrt.connect({ hostname: "127.0.0.1", port: listener.addr.port });
  const server = await accepted;

  const ab = new ArrayBuffer(SIZE);
  const target = new Uint8Array(ab);
  const pending = server.read(target);
  structuredClone(ab, { transfer: [ab] }); // the clone is garbage at once
  console.log("detached:", ab.byteLength, target.byteLength);
  gc();

  // Fresh buffers of the same size: the freed block is a candidate for each.
  const fresh = [];
  for (let i = 0; i < 64; i++) fresh.push(new Uint8Array(SIZE).fill(7));

  await client.write(new Uint8Array(SIZE).fill(65));
  try {
    console.log("read:", await pending);
  } catch (err) {
    console.log("read rejected:", err.name, err.code, err.message);
  }
  const touched = fresh.filter((u8) => u8.some((b) => b !== 7)).length;
  console.log("fresh buffers written by the read:", touched);

  // The connection still works; drain what the detached read did not take.
  await client.write(new Uint8Array([1, 2, 3]));
  client.closeWrite();
  let total = 0, last;
  const buf = new Uint8Array(SIZE);
  for (let n; (n = await server.read(buf)) !== null;) {
    total += n;
    last = buf[n - 1];
  }
  console.log("after:", total <= SIZE + 3, last);
  client.close();
  server.close();
  listener.close();
})();
