// node: skip
// EADDRINUSE, ECONNREFUSED, the peer closing mid-read (null), writing to a closed
// connection (EPIPE or ECONNRESET), reads and writes after close (EBADF), a read pending
// when the connection is closed locally, bad ports and arguments.
(async () => {
  const show = (label, e) => console.log(`${label}: ${e.code} ${e.syscall ?? "-"} ${e instanceof Error}`);

  const l = mrt.listen({ port: 0 });
  const port = l.addr.port;
  try { mrt.listen({ port }); console.log("no error"); } catch (e) {
    show("EADDRINUSE", e);
    console.log("message:", e.message === `listen EADDRINUSE: address already in use 127.0.0.1:${port}`);
  }

  // A port nobody listens on: take an ephemeral one and close it.
  const tmp = mrt.listen({ port: 0 });
  const closedPort = tmp.addr.port;
  tmp.close();
  try { await mrt.connect({ port: closedPort }); console.log("no error"); } catch (e) {
    show("ECONNREFUSED", e);
    console.log("message:", e.message === `connect ECONNREFUSED 127.0.0.1:${closedPort}`);
  }

  // The peer closes while we wait in read: null, and again null.
  let acc = l.accept();
  let c = await mrt.connect({ port });
  let s = await acc;
  const buf = new Uint8Array(16);
  const pending = s.read(buf);
  c.close();
  console.log("peer closed mid-read:", await pending, await s.read(buf));

  // Writing to a connection the peer closed fails (after at most a few writes that the
  // kernel still takes), with EPIPE or ECONNRESET.
  let err = null;
  const chunk = new Uint8Array(65536);
  for (let i = 0; i < 200 && !err; i++) {
    try { await s.write(chunk); } catch (e) { err = e; }
    await new Promise((r) => setTimeout(r, 1));
  }
  console.log("write to closed peer:", err !== null && (err.code === "EPIPE" || err.code === "ECONNRESET"),
    err?.syscall);
  s.close();

  // Use after close: EBADF, as rejections.
  await s.read(buf).catch((e) => show("read after close", e));
  await s.write(buf).catch((e) => show("write after close", e));
  await s.closeWrite().catch((e) => show("closeWrite after close", e));
  try { s.close(); } catch (e) { show("close twice", e); }

  // A read pending when we close our side rejects.
  acc = l.accept();
  c = await mrt.connect({ port });
  s = await acc;
  const p = c.read(buf);
  c.close();
  await p.then((v) => console.log("unexpected", v), (e) => show("read pending at close", e));
  s.close();

  // An accept pending at close rejects (for await just ends: see tcp_basic).
  const pa = l.accept();
  l.close();
  await pa.then(() => console.log("unexpected"), (e) => show("accept pending at close", e));
  await l.accept().catch((e) => show("accept after close", e));

  // Argument checks.
  try { mrt.listen({ port: 70000 }); } catch (e) { console.log("bad port:", e.name, e.code); }
  await mrt.connect({ port: -1 }).catch((e) => console.log("bad connect port:", e.name, e.code));
  await mrt.connect({}).catch((e) => console.log("no port:", e.name, e.code));
  await mrt.connect({ hostname: "no-such-host.invalid", port: 1 }).catch((e) => console.log("bad host:", e.syscall));
  const l3 = mrt.listen({ port: 0 });
  const a3 = l3.accept();
  const c3 = await mrt.connect({ port: l3.addr.port });
  await c3.read("nope").catch((e) => console.log("read non-buffer:", e.name, e.code));
  await c3.write("nope").catch((e) => console.log("write non-buffer:", e.name, e.code));
  c3.close();
  (await a3).close();
  l3.close();
  console.log("done");
})();
