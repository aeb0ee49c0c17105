// node: skip
// Conn.readable / .writable (Deno's semantics): an echo server made of
// conn.readable.pipeTo(conn.writable), a file piped to a socket, BYOB reads from a socket,
// cancel while a read waits (the connection is closed: the peer reads EOF), writes after
// close reject, a closed connection errors the stream with the read op's error.
(async () => {
  const dir = await mrt.makeTempDir({ prefix: "mrt-tcp-streams-" });
  const p = dir + "/data.bin";
  const data = new Uint8Array(1 << 20);
  for (let i = 0; i < data.length; i++) data[i] = (i * 131 + (i >> 9)) & 255;
  await mrt.writeFile(p, data);
  const listener = mrt.listen({ port: 0 });
  const port = listener.addr.port;

  // Echo: the server pipes its readable into its writable; the client sends a file through
  // pipeTo (preventClose, then closeWrite) and reads the echo back through its readable.
  const served = (async () => {
    const conn = await listener.accept();
    await conn.readable.pipeTo(conn.writable);
    return "piped";
  })();
  const client = await mrt.connect({ port });
  const file = await mrt.open(p);
  const sending = file.readable.pipeTo(client.writable, { preventClose: true })
    .then(() => client.closeWrite());
  let got = 0, equal = true;
  for await (const chunk of client.readable) {
    if (chunk.length > 65536) equal = false;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] !== data[got + i]) equal = false;
    got += chunk.length;
  }
  await sending;
  console.log("echo:", got, equal, await served);
  try {
    client.close();
  } catch (err) {
    console.log("client closed at end of data:", err.code);
  }

  // file -> socket with pipeTo closing the writable: the peer reads it all, then EOF.
  const acceptedPipe = listener.accept();
  const sender = await mrt.connect({ port });
  const receiver = await acceptedPipe;
  const src = await mrt.open(p);
  const piped = src.readable.pipeTo(sender.writable);
  const buf = new Uint8Array(100000);
  let n, total = 0, ok = true;
  while ((n = await receiver.read(buf)) !== null) {
    for (let i = 0; i < n; i++) if (buf[i] !== data[total + i]) ok = false;
    total += n;
  }
  await piped;
  console.log("pipeTo file->socket:", total, ok);
  receiver.close();

  // BYOB reads from a socket; min gathers several segments.
  const acceptedByob = listener.accept();
  const a = await mrt.connect({ port });
  const b = await acceptedByob;
  const byob = b.readable.getReader({ mode: "byob" });
  await a.write(data.subarray(0, 10));
  let r = await byob.read(new Uint8Array(4));
  console.log("byob:", r.done, Array.from(r.value).join(","));
  const rest = byob.read(new Uint8Array(3000), { min: 3000 });
  await a.write(data.subarray(10, 1000));
  await a.write(data.subarray(1000, 3004));
  r = await rest;
  console.log("byob min:", r.done, r.value.length, r.value.every((x, i) => x === data[4 + i]));

  // Cancel while a read waits: the read ends done and the connection closes (a reads EOF).
  const waiting = byob.read(new Uint8Array(10));
  await byob.cancel();
  console.log("cancel mid-read:", (await waiting).done, "peer reads:", await a.read(new Uint8Array(10)));
  try {
    b.close();
  } catch (err) {
    console.log("closed by cancel:", err.code);
  }

  // The writable after close rejects; the connection is closed by it.
  const writer = a.writable.getWriter();
  await writer.close();
  await writer.write(new Uint8Array(1)).catch((err) => console.log("write after close:", err.constructor.name));
  try {
    a.close();
  } catch (err) {
    console.log("closed by writable close:", err.code);
  }

  // A connection closed under its readable: the read op's error.
  const acceptedLast = listener.accept();
  const c = await mrt.connect({ port });
  const d = await acceptedLast;
  const crs = c.readable;
  c.close();
  await crs.getReader().read().catch((err) => console.log("read closed conn:", err.constructor.name, err.code));
  d.close();

  listener.close();
  await mrt.remove(dir, { recursive: true });
})();
