// A 64 MiB file piped to a socket over 127.0.0.1, 4 passes (after one warm-up pass); the
// receiver (same process) drains with plain reads. MB/s from the start of a pass until the
// receiver has every byte (higher is better). Portable: mrt, node, deno, bun.
// Host API: mrt.* or Deno.*: file.readable.pipeTo(conn.writable) (Deno-like) where present,
// else node's idiomatic fs.createReadStream(path).pipe(socket) (node, bun).
const now = () => globalThis.performance.now();
const H = globalThis.mrt ?? globalThis.Deno;
const HOST = "127.0.0.1";
const SIZE = 64 * 1024 * 1024, PASSES = 4;

const data = new Uint8Array(SIZE);
for (let i = 0; i < SIZE; i += 4096) data[i] = i >> 12;

async function runHost() {
  const dir = await H.makeTempDir({ prefix: "mrt-bench-pipe-" });
  const file = dir + "/64m.bin";
  await H.writeFile(file, data);
  const listener = H.listen({ hostname: HOST, port: 0 });
  const port = listener.addr.port;
  async function pass() {
    const accepted = listener.accept();
    const sender = await H.connect({ hostname: HOST, port });
    const receiver = await accepted;
    const f = await H.open(file);
    const piping = f.readable.pipeTo(sender.writable); // closes the file and the socket
    const buf = new Uint8Array(256 * 1024);
    let got = 0, n;
    while ((n = await receiver.read(buf)) !== null) got += n;
    await piping;
    receiver.close();
    if (got !== SIZE) throw new Error(`received ${got} of ${SIZE} bytes`);
  }
  await pass();
  const t0 = now();
  for (let i = 0; i < PASSES; i++) await pass();
  const ms = now() - t0;
  listener.close();
  await H.remove(dir, { recursive: true });
  return ms;
}

async function runNode() {
  const fs = await import("node:fs");
  const { default: net } = await import("node:net");
  const { tmpdir } = await import("node:os");
  const dir = fs.mkdtempSync(tmpdir() + "/mrt-bench-pipe-");
  const file = dir + "/64m.bin";
  fs.writeFileSync(file, data);
  let onDone;
  const server = net.createServer((s) => {
    let got = 0;
    s.on("data", (d) => { got += d.length; });
    s.on("end", () => onDone(got));
  });
  await new Promise((r) => server.listen(0, HOST, r));
  const port = server.address().port;
  function pass() {
    return new Promise((resolve, reject) => {
      onDone = (got) => (got === SIZE ? resolve() : reject(new Error(`received ${got} of ${SIZE} bytes`)));
      const c = net.connect(port, HOST, () => fs.createReadStream(file).pipe(c));
      c.on("error", reject);
    });
  }
  await pass();
  const t0 = now();
  for (let i = 0; i < PASSES; i++) await pass();
  const ms = now() - t0;
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return ms;
}

const ms = H ? await runHost() : await runNode();
console.log(`pipe_file_tcp: ${(SIZE * PASSES / 1048576 / (ms / 1000)).toFixed(1)} MB/s`);
