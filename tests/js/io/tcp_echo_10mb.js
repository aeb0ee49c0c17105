// node: skip
// timeout: 60000
// Nothing is lost: 10 MB sent in random chunk sizes through an echo server comes back byte
// for byte (length and checksum compared), with writes and reads interleaved.
(async () => {
  const TOTAL = 10 * 1024 * 1024;
  let seed = 42;
  const rand = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed; };
  const data = new Uint8Array(TOTAL);
  for (let i = 0; i < TOTAL; i++) data[i] = rand() >>> 24;
  const sum = (u8, n, h) => { for (let i = 0; i < n; i++) h = (Math.imul(h, 31) + u8[i]) >>> 0; return h; };
  const expected = sum(data, TOTAL, 7);

  const listener = mrt.listen({ port: 0 });
  const server = (async () => {
    const conn = await listener.accept();
    listener.close();
    const buf = new Uint8Array(1 + (rand() % 70000));
    let n, echoed = 0;
    while ((n = await conn.read(buf)) !== null) {
      // Echo in two random parts, to mix partial and whole writes.
      const cut = rand() % (n + 1);
      await Promise.all([conn.write(buf.slice(0, cut)), conn.write(buf.slice(cut, n))]);
      echoed += n;
    }
    conn.close();
    return echoed;
  })();

  const conn = await mrt.connect({ port: listener.addr.port });
  const reader = (async () => {
    const buf = new Uint8Array(50000);
    let got = 0, h = 7, n;
    while ((n = await conn.read(buf.subarray(0, 1 + (rand() % buf.length)))) !== null) {
      h = sum(buf, n, h);
      got += n;
    }
    return [got, h];
  })();
  let off = 0, writes = 0;
  while (off < TOTAL) {
    const size = Math.min(TOTAL - off, 1 + (rand() % 200000));
    await conn.write(data.subarray(off, off + size));
    off += size;
    writes++;
  }
  await conn.closeWrite();
  const [got, h] = await reader;
  conn.close();
  console.log("server echoed:", await server);
  console.log("client got:", got, "checksum ok:", h === expected, "writes > 50:", writes > 50);
})();
