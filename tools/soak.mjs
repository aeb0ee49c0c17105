// soak.mjs: the workload of tools/soak.sh, for mrt. For SECONDS seconds (mrt.args[0]) it runs
// at once: TCP echo (a server on 127.0.0.1 and CLIENTS connections sending chunks of random
// size and content, each echoed back and compared by checksum), timers (chains of timeouts,
// intervals, immediates, clears; every timer made must fire or have been cleared), files
// (write, read back and compare, append, stat, remove in a temporary directory) and heap
// churn (objects, strings, arrays and ArrayBuffers made and dropped, a bounded set kept).
// Every 10 s it prints a "sample" line (seconds, RSS, heap used and ArrayBuffer KiB at a
// quiet point after a full collection; echoes, file rounds, timers so far); at the end a
// "summary" JSON line.
// Exit 1 if anything was lost or corrupted.
const seconds = Number(mrt.args[0] ?? 600);
// Which parts run (mrt.args[1], comma-separated; default all): tcp, timers, files, churn,
// fetch.
const parts = new Set((mrt.args[1] ?? "tcp,timers,files,churn,fetch").split(","));
const CLIENTS = 4;
const deadline = performance.now() + seconds * 1000;
const running = () => performance.now() < deadline;

let seed = 12345;
const rand = (n) => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed % n;
};
function fnv(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 16777619) >>> 0;
  return h;
}
function randomBytes(n) {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = rand(256);
  return b;
}

// Every 10 s the workload stops at a quiet point (every worker parked between two rounds,
// nothing in flight) and the sample is taken there, after a full collection: what is
// compared is the memory the process keeps, not how much happened to be in flight.
let gate = null; // a promise while paused
let parked = 0;
let retired = 0; // workers that finished: they count as parked
// What each fetch worker is doing, for the report if the run does not end (see the end).
const activity = [];
let onParked = null;
function retire() {
  retired++;
  if (onParked) onParked();
}
async function checkpoint() {
  while (gate) {
    parked++;
    if (onParked) onParked();
    await gate;
    parked--;
  }
}

const stats = {
  echoRoundTrips: 0, echoBytes: 0, echoMismatches: 0, echoErrors: 0,
  timersMade: 0, timersFired: 0, timersCleared: 0, intervalTicks: 0, immediates: 0,
  fileOps: 0, fileMismatches: 0, fileErrors: 0,
  churnRounds: 0,
  fetches: 0, fetchBytes: 0, fetchMismatches: 0, fetchErrors: 0, fetchAborts: 0,
};

// ------------------------------------------------------------------ TCP echo
const listener = mrt.listen({ hostname: "127.0.0.1", port: 0 });
const port = listener.addr.port;
(async () => {
  for await (const conn of listener) {
    (async () => {
      const buf = new Uint8Array(64 * 1024);
      try {
        for (;;) {
          const n = await conn.read(buf);
          if (n === null) break;
          await conn.write(buf.subarray(0, n));
        }
      } catch {
        stats.echoErrors++;
      }
      conn.close();
    })();
  }
})();

async function client() {
  const conn = await mrt.connect({ hostname: "127.0.0.1", port });
  const buf = new Uint8Array(64 * 1024);
  while (running()) {
    await checkpoint();
    const out = randomBytes(1 + rand(32 * 1024));
    const want = fnv(out);
    const got = new Uint8Array(out.length);
    let have = 0;
    const w = conn.write(out);
    while (have < out.length) {
      const n = await conn.read(buf.subarray(0, Math.min(buf.length, out.length - have)));
      if (n === null) throw new Error("echo: early EOF");
      got.set(buf.subarray(0, n), have);
      have += n;
    }
    await w;
    if (fnv(got) !== want) stats.echoMismatches++;
    stats.echoRoundTrips++;
    stats.echoBytes += out.length;
  }
  retire();
  await conn.closeWrite();
  conn.close();
}

// ------------------------------------------------------------------ timers
const liveTimers = new Map(); // id -> true while it may still fire
function timerChain() {
  if (!running()) return;
  if (gate) return void gate.then(timerChain);
  for (let i = 0; i < 20; i++) {
    const id = setTimeout(() => {
      if (!liveTimers.delete(id)) stats.timersFired = NaN; // fired after being cleared
      stats.timersFired++;
    }, rand(20));
    liveTimers.set(id, true);
    stats.timersMade++;
  }
  // Clear a few of the pending ones.
  let k = 0;
  for (const id of liveTimers.keys()) {
    if (k++ % 7 === 3) {
      clearTimeout(id);
      liveTimers.delete(id);
      stats.timersCleared++;
    }
  }
  setImmediate(() => {
    stats.immediates++;
    setTimeout(timerChain, 5);
  });
}
let ticks = 0;
const iv = setInterval(() => {
  stats.intervalTicks++;
  if (++ticks % 100 === 0) queueMicrotask(() => {});
}, 3);

// ------------------------------------------------------------------ files
const dir = await mrt.makeTempDir({ prefix: "mrt-soak-" });
async function files(worker) {
  while (running()) {
    await checkpoint();
    const path = `${dir}/f${worker}`;
    const data = randomBytes(1 + rand(256 * 1024));
    try {
      await mrt.writeFile(path, data);
      const back = await mrt.readFile(path);
      if (back.length !== data.length || fnv(back) !== fnv(data)) stats.fileMismatches++;
      await mrt.writeFile(path, data.subarray(0, 100), { append: true });
      const st = await mrt.stat(path);
      if (st.size !== data.length + Math.min(100, data.length)) stats.fileMismatches++;
      const text = `line ${worker} ${stats.fileOps}\n`;
      await mrt.writeTextFile(path + ".txt", text);
      if ((await mrt.readTextFile(path + ".txt")) !== text) stats.fileMismatches++;
      await mrt.remove(path);
      await mrt.remove(path + ".txt");
      stats.fileOps++;
    } catch (e) {
      stats.fileErrors++;
      console.error("file error:", e.message);
    }
  }
  retire();
}

// ------------------------------------------------------------------ fetch
// The server: keep-alive HTTP/1.1 on mrt's TCP. GET /gen?n=N&s=S answers N bytes made from
// seed S (the client makes the same to compare); POST /echo (Content-Length) answers the body.
function generated(n, s) {
  const out = new Uint8Array(n);
  let x = s >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}
const httpListener = parts.has("fetch") ? mrt.listen({ hostname: "127.0.0.1", port: 0 }) : null;
const CRLF2 = new TextEncoder().encode("\r\n\r\n");
function indexOfHeadEnd(buf, len) {
  for (let i = 0; i + 3 < len; i++) {
    if (buf[i] === 13 && buf[i + 1] === 10 && buf[i + 2] === 13 && buf[i + 3] === 10) return i;
  }
  return -1;
}
const httpConns = new Set(); // open server sides: their pending reads keep the process alive
async function serveHttp(conn) {
  httpConns.add(conn);
  let buf = new Uint8Array(64 * 1024), len = 0;
  const fill = async () => {
    if (len === buf.length) {
      const bigger = new Uint8Array(buf.length * 2);
      bigger.set(buf);
      buf = bigger;
    }
    const n = await conn.read(buf.subarray(len));
    if (n === null) return false;
    len += n;
    return true;
  };
  try {
    for (;;) {
      let end;
      while ((end = indexOfHeadEnd(buf, len)) < 0) if (!(await fill())) return;
      const head = new TextDecoder().decode(buf.subarray(0, end));
      let rest = buf.slice(end + CRLF2.length, len);
      const [method, target] = head.split("\r\n")[0].split(" ");
      const cl = /\r\ncontent-length: *(\d+)/i.exec(head);
      const bodyLen = cl ? Number(cl[1]) : 0;
      buf = new Uint8Array(Math.max(64 * 1024, rest.length, bodyLen));
      buf.set(rest);
      len = rest.length;
      while (len < bodyLen) if (!(await fill())) return;
      const body = buf.slice(0, bodyLen);
      rest = buf.slice(bodyLen, len);
      buf = new Uint8Array(Math.max(64 * 1024, rest.length));
      buf.set(rest);
      len = rest.length;
      let out;
      if (method === "POST") out = body;
      else {
        const q = new URL(target, "http://x").searchParams;
        out = generated(Number(q.get("n")), Number(q.get("s")));
      }
      await conn.write(new TextEncoder().encode(
        `HTTP/1.1 200 OK\r\ncontent-length: ${out.length}\r\ncontent-type: application/octet-stream\r\n\r\n`));
      // Big bodies in pieces, so that a client can abort in the middle.
      for (let at = 0; at < out.length; at += 256 * 1024) {
        await conn.write(out.subarray(at, Math.min(out.length, at + 256 * 1024)));
      }
    }
  } catch {
    // A client that aborted mid-body resets the connection (or the run closed it): expected.
  } finally {
    if (httpConns.delete(conn)) conn.close();
  }
}
if (httpListener) {
  (async () => {
    for await (const conn of httpListener) serveHttp(conn);
  })();
}

async function bytesOf(readable) {
  const parts = [];
  let n = 0;
  for await (const c of readable) {
    parts.push(c);
    n += c.length;
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of parts) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function mismatch(how, want, got) {
  stats.fetchMismatches++;
  console.error(`fetch mismatch: mode ${how}, ${want} bytes expected, ${got} received`);
}

async function fetcher(worker) {
  const base = `http://127.0.0.1:${httpListener.addr.port}`;
  while (running()) {
    await checkpoint();
    const n = rand(4) === 0 ? rand(1 << 20) : rand(64 * 1024);
    const seedN = rand(1 << 30);
    const want = fnv(generated(n, seedN));
    const how = rand(5);
    activity[worker] = `mode ${how}, ${n} bytes`;
    try {
      if (how === 0) { // whole body
        const got = new Uint8Array(await (await fetch(`${base}/gen?n=${n}&s=${seedN}`)).arrayBuffer());
        if (got.length !== n || fnv(got) !== want) mismatch(how, n, got.length);
      } else if (how === 1) { // streamed, and through gzip and back
        const r = await fetch(`${base}/gen?n=${n}&s=${seedN}`);
        const got = await bytesOf(r.body.pipeThrough(new CompressionStream("gzip"))
          .pipeThrough(new DecompressionStream("gzip")));
        if (got.length !== n || fnv(got) !== want) mismatch(how, n, got.length);
      } else if (how === 2) { // POST echo
        const body = generated(n, seedN);
        const r = await fetch(`${base}/echo`, { method: "POST", body });
        const got = new Uint8Array(await r.arrayBuffer());
        if (got.length !== n || fnv(got) !== want) mismatch(how, n, got.length);
      } else if (how === 3 && n > 256 * 1024) { // abort mid-body
        // A body that had all arrived may come whole in the first read, and a stream that is
        // closed no longer errors: then what was read must be all of it, intact.
        const ac = new AbortController();
        const r = await fetch(`${base}/gen?n=${n}&s=${seedN}`, { signal: ac.signal });
        const reader = r.body.getReader();
        const chunks = [(await reader.read()).value];
        ac.abort();
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            chunks.push(value);
          }
          const got = new Uint8Array(await new Blob(chunks).arrayBuffer());
          if (got.length !== n || fnv(got) !== want) mismatch(how, n, got.length);
        } catch (e) {
          if (e.name === "AbortError") stats.fetchAborts++;
          else throw e;
        }
      } else { // text of a small body, and a Response made from it
        const r = await fetch(`${base}/gen?n=${n % 4096}&s=${seedN}`);
        const t = await new Response(await r.blob()).arrayBuffer();
        if (fnv(new Uint8Array(t)) !== fnv(generated(n % 4096, seedN))) mismatch(how, n % 4096, t.byteLength);
      }
      activity[worker] = "between fetches";
      stats.fetches++;
      stats.fetchBytes += n;
    } catch (e) {
      stats.fetchErrors++;
      console.error(`fetch error (worker ${worker}):`, e.message, e.cause?.message ?? "");
    }
  }
  activity[worker] = "done";
  retire();
}

// ------------------------------------------------------------------ heap churn
const kept = [];
function churn() {
  if (!running()) return;
  if (gate) return void gate.then(churn);
  for (let i = 0; i < 200; i++) {
    const o = { i, s: "x".repeat(rand(200)) + i, a: new Array(rand(50)).fill(i),
                b: new ArrayBuffer(rand(8192)) };
    if (rand(10) === 0) kept[rand(500)] = o; // a bounded set survives for a while
  }
  JSON.parse(JSON.stringify(kept.slice(0, 20)));
  stats.churnRounds++;
  setTimeout(churn, 2);
}

// ------------------------------------------------------------------ run
const started = performance.now();
// Echo clients and file workers park at checkpoints.
const FETCHERS = parts.has("fetch") ? 4 : 0;
const WORKERS = (parts.has("tcp") ? CLIENTS : 0) + (parts.has("files") ? 2 : 0) + FETCHERS;
async function sample() {
  let open;
  gate = new Promise((r) => (open = r));
  await new Promise((r) => {
    onParked = () => parked + retired === WORKERS && r();
    onParked();
  });
  onParked = null;
  if (typeof gc === "function") gc(); // with --v8-flags=--expose-gc
  await new Promise((r) => setTimeout(r, 200)); // the allocator's delayed page release
  const m = mrt.memoryUsage();
  console.log(`sample ${Math.round((performance.now() - started) / 1000)} ${Math.round(m.rss / 1024)} ` +
    `${Math.round(m.heapUsed / 1024)} ${Math.round(m.arrayBuffers / 1024)} ${Math.round(m.heapTotal / 1024)} ` +
    `${stats.echoRoundTrips} ${stats.fileOps} ${stats.timersFired} ${stats.fetches}`);
  gate = null;
  open();
}
let sampling = false;
const progress = setInterval(() => {
  if (sampling || !running()) return;
  sampling = true;
  sample().finally(() => (sampling = false));
}, 10_000);
// A run that has not ended a minute after its deadline has lost a completion somewhere: say
// where the workers are and fail, rather than hang.
const stuck = setTimeout(() => {
  console.error(`soak: stuck a minute after the deadline: ${parked} parked, ${retired} of ` +
    `${WORKERS} workers finished; fetch workers: ${JSON.stringify(activity)}`);
  mrt.exit(1);
}, (seconds + 60) * 1000);
if (parts.has("timers")) timerChain();
if (parts.has("churn")) churn();
await Promise.all([
  ...Array.from({ length: parts.has("tcp") ? CLIENTS : 0 }, () => client().catch((e) => {
    retire();
    stats.echoErrors++;
    console.error("client error:", e.message);
  })),
  ...(parts.has("files") ? [files(0), files(1)] : []),
  ...Array.from({ length: FETCHERS }, (_, i) => fetcher(i)),
  new Promise((r) => setTimeout(r, seconds * 1000)),
]);
// Let the last timers fire: everything made and not cleared must have fired.
await new Promise((r) => setTimeout(r, 100));
clearInterval(iv);
clearInterval(progress);
clearTimeout(stuck);
listener.close();
httpListener?.close();
for (const conn of httpConns) { // keep-alive connections idle in fetch's pool
  httpConns.delete(conn);
  conn.close();
}
await mrt.remove(dir, { recursive: true });
stats.timersPending = liveTimers.size;
const lost = stats.echoMismatches + stats.echoErrors + stats.fileMismatches + stats.fileErrors +
  stats.fetchMismatches + stats.fetchErrors +
  stats.timersPending + (Number.isNaN(stats.timersFired) ? 1 : 0) +
  (stats.timersMade - stats.timersCleared !== stats.timersFired ? 1 : 0);
console.log("summary " + JSON.stringify({ ...stats, lost }));
if (lost) mrt.exit(1);
