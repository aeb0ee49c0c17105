// Server + client(s) in one process, 127.0.0.1 only; each connection does ROUNDS round trips
// of 64 bytes (one message in flight per connection). Bounded: the server accepts exactly CONNS
// connections, every loop ends after ROUNDS, then everything is closed.
//
// Host API: mrt.* or Deno.* (listen/accept/connect/read/write/close, Deno-like) where present,
// else node:net (node, bun) — each runtime runs its own idiomatic API.
const now = () => globalThis.performance.now();
const H = globalThis.mrt ?? globalThis.Deno;
const HOST = "127.0.0.1";

function report(CONNS, ROUNDS, ms) {
  console.log(`tcp${CONNS}: ${(CONNS * ROUNDS / ms).toFixed(2)} k rt/s`);
}

export async function run(CONNS, ROUNDS = 2e4) {
  if (H) await runHost(H, CONNS, ROUNDS); else await runNode(CONNS, ROUNDS);
}

async function writeAll(conn, data) {
  let off = 0;
  while (off < data.length) off += await conn.write(off ? data.subarray(off) : data);
}

async function runHost(H, CONNS, ROUNDS) {
  const listener = await H.listen({ hostname: HOST, port: 0 });
  const port = listener.addr.port;
  async function echo(conn) {
    conn.setNoDelay?.(true);
    const buf = new Uint8Array(16384);
    try {
      for (;;) {
        const n = await conn.read(buf);
        if (n === null) break;
        await writeAll(conn, buf.subarray(0, n));
      }
    } finally { conn.close(); }
  }
  const server = (async () => {
    const conns = [];
    for (let i = 0; i < CONNS; i++) conns.push(echo(await listener.accept()));
    listener.close();
    await Promise.all(conns);
  })();
  const MSG = new Uint8Array(64).fill(97);
  async function client() {
    const conn = await H.connect({ hostname: HOST, port });
    conn.setNoDelay?.(true);
    const buf = new Uint8Array(16384);
    for (let done = 0; done < ROUNDS; done++) {
      await writeAll(conn, MSG);
      let got = 0;
      while (got < 64) {
        const n = await conn.read(buf);
        if (n === null) throw new Error("unexpected EOF");
        got += n;
      }
    }
    conn.close();
  }
  const t0 = now();
  await Promise.all(Array.from({ length: CONNS }, client));
  const ms = now() - t0;
  await server;
  report(CONNS, ROUNDS, ms);
}

async function runNode(CONNS, ROUNDS) {
  const { default: net } = await import("node:net");
  const MSG = new Uint8Array(64).fill(97);
  const server = net.createServer((s) => { s.setNoDelay(true); s.on("data", (d) => s.write(d)); });
  await new Promise((r) => server.listen(0, HOST, r));
  const port = server.address().port;
  const t0 = now();
  await Promise.all(Array.from({ length: CONNS }, () => new Promise((resolve, reject) => {
    const c = net.connect(port, HOST);
    c.setNoDelay(true);
    let done = 0, got = 0;
    c.on("error", reject);
    c.on("connect", () => c.write(MSG));
    c.on("data", (d) => {
      got += d.length;
      while (got >= 64) {
        got -= 64;
        if (++done === ROUNDS) { c.end(); c.destroy(); resolve(); return; }
        c.write(MSG);
      }
    });
  })));
  const ms = now() - t0;
  server.close();
  report(CONNS, ROUNDS, ms);
}
