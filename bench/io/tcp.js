// mrt version of /work/shared/workloads/tcp_lib.mjs (tcp1.mjs: `mrt tcp.js 1`, tcp16.mjs:
// `mrt tcp.js 16`): server + client(s) in one process on 127.0.0.1; each connection does
// ROUNDS round trips of 64 bytes (write 64, wait until 64 came back); the server echoes what
// it reads. Same output line as the peers.
(async () => {
  const CONNS = Number(mrt.args[0] ?? 1), ROUNDS = Number(mrt.args[1] ?? 2e4);
  const MSG = new Uint8Array(64).fill(97);
  const listener = mrt.listen({ hostname: "127.0.0.1", port: 0 });
  const port = listener.addr.port;
  async function echo(conn) {
    conn.setNoDelay(true);
    const buf = new Uint8Array(16384);
    try {
      for (;;) {
        const n = await conn.read(buf);
        if (n === null) break;
        await conn.write(buf.subarray(0, n));
      }
    } catch {
      // the client closed first
    } finally {
      conn.close();
    }
  }
  const server = (async () => {
    const conns = [];
    for (let i = 0; i < CONNS; i++) conns.push(echo(await listener.accept()));
    listener.close();
    await Promise.all(conns);
  })();
  async function client() {
    const conn = await mrt.connect({ hostname: "127.0.0.1", port });
    conn.setNoDelay(true);
    const buf = new Uint8Array(16384);
    for (let done = 0; done < ROUNDS; done++) {
      await conn.write(MSG);
      let got = 0;
      while (got < 64) {
        const n = await conn.read(buf);
        if (n === null) throw new Error("unexpected EOF");
        got += n;
      }
    }
    conn.close();
  }
  const t0 = globalThis.performance.now();
  await Promise.all(Array.from({ length: CONNS }, client));
  const ms = globalThis.performance.now() - t0;
  await server;
  const total = CONNS * ROUNDS;
  console.log(`tcp_echo_c${CONNS} ${(total / ms * 1000).toFixed(0)} rt/s ${ms.toFixed(1)} ms`);
})();
