// node: skip
// listen on an ephemeral port, accept / connect, addresses, read into the caller's buffer,
// write, closeWrite (the peer reads null), for await over a listener ending at close().
(async () => {
  const listener = mrt.listen({ port: 0 });
  const { hostname, port, transport } = listener.addr;
  console.log("listen:", hostname, transport, port > 0, listener instanceof mrt.Listener);

  const accepted = listener.accept();
  const client = await mrt.connect({ hostname: "127.0.0.1", port });
  const server = await accepted;
  console.log("conn:", client instanceof mrt.Conn, typeof client.rid, client.rid !== server.rid);
  console.log("addrs:", client.remoteAddr.port === port, server.localAddr.port === port,
    client.localAddr.port === server.remoteAddr.port, client.remoteAddr.hostname, client.localAddr.transport);
  client.setNoDelay(true);
  server.setNoDelay(false);
  client.setKeepAlive(true);

  // Write then read: the bytes land in the caller's buffer.
  console.log("write:", await client.write(new Uint8Array([104, 101, 108, 108, 111])));
  const buf = new Uint8Array(3);
  const n1 = await server.read(buf);
  console.log("read 1:", n1, String.fromCharCode(...buf.subarray(0, n1)));
  const n2 = await server.read(buf);
  console.log("read 2:", n2, String.fromCharCode(...buf.subarray(0, n2)));

  // A read that waits, then is satisfied.
  const big = new Uint8Array(100);
  const waiting = server.read(big);
  await client.write(new Uint8Array([33]));
  console.log("waiting read:", await waiting, big[0]);

  // Two reads waiting at once are served in order.
  const b1 = new Uint8Array(2), b2 = new Uint8Array(2);
  const r1 = server.read(b1), r2 = server.read(b2);
  await client.write(new Uint8Array([1, 2, 3, 4]));
  console.log("queued reads:", await r1, await r2, Array.from(b1).join(","), Array.from(b2).join(","));

  // Zero-length buffers.
  console.log("zero:", await server.read(new Uint8Array(0)), await client.write(new Uint8Array(0)));

  // closeWrite: the peer sees EOF after the data; the other direction still works.
  await client.write(new Uint8Array([7]));
  await client.closeWrite();
  console.log("after closeWrite:", await server.read(big), await server.read(big), await server.read(big));
  await server.write(new Uint8Array([8, 9]));
  console.log("reverse still open:", await client.read(big), big[0], big[1]);
  server.close();
  console.log("peer closed:", await client.read(big));
  client.close();

  // for await over a listener: two connections, then close() ends the loop.
  const seen = [];
  const loop = (async () => {
    for await (const conn of listener) {
      const b = new Uint8Array(1);
      await conn.read(b);
      seen.push(b[0]);
      conn.close();
      if (seen.length === 2) listener.close();
    }
    return "loop ended";
  })();
  for (const v of [10, 20]) {
    const c = await mrt.connect({ port }); // hostname defaults to 127.0.0.1
    await c.write(new Uint8Array([v]));
    console.log("peer of", v, "->", await c.read(big));
    c.close();
  }
  console.log(await loop, seen.join(","));

  // "localhost" goes through the resolver.
  const l2 = mrt.listen({ hostname: "localhost", port: 0 });
  const acc = l2.accept();
  const c2 = await mrt.connect({ hostname: "localhost", port: l2.addr.port });
  (await acc).close();
  c2.close();
  l2.close();
  console.log("localhost: ok");
})();
