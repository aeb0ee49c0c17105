// soak.mjs: the workload of tools/soak.sh, for mrt. For SECONDS seconds (mrt.args[0]) it runs
// at once: TCP echo (a server on 127.0.0.1 and CLIENTS connections sending chunks of random
// size and content, each echoed back and compared by checksum), timers (chains of timeouts,
// intervals, immediates, clears; every timer made must fire or have been cleared), files
// (write, read back and compare, append, stat, remove in a temporary directory) and heap
// churn (objects, strings, arrays and ArrayBuffers made and dropped, a bounded set kept).
// Every 10 s it prints one "progress" line; at the end a "summary" JSON line. Exit 1 if
// anything was lost or corrupted.
const seconds = Number(mrt.args[0] ?? 600);
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

const stats = {
  echoRoundTrips: 0, echoBytes: 0, echoMismatches: 0, echoErrors: 0,
  timersMade: 0, timersFired: 0, timersCleared: 0, intervalTicks: 0, immediates: 0,
  fileOps: 0, fileMismatches: 0, fileErrors: 0,
  churnRounds: 0,
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
  await conn.closeWrite();
  conn.close();
}

// ------------------------------------------------------------------ timers
const liveTimers = new Map(); // id -> true while it may still fire
function timerChain() {
  if (!running()) return;
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
}

// ------------------------------------------------------------------ heap churn
const kept = [];
function churn() {
  if (!running()) return;
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
const progress = setInterval(() => {
  console.log(`progress ${Math.round((performance.now() - started) / 1000)}s ` +
    `${stats.echoRoundTrips} echoes ${stats.fileOps} file rounds ${stats.timersFired} timers`);
}, 10_000);
timerChain();
churn();
await Promise.all([
  ...Array.from({ length: CLIENTS }, () => client().catch((e) => {
    stats.echoErrors++;
    console.error("client error:", e.message);
  })),
  files(0), files(1),
]);
// Let the last timers fire: everything made and not cleared must have fired.
await new Promise((r) => setTimeout(r, 100));
clearInterval(iv);
clearInterval(progress);
listener.close();
await mrt.remove(dir, { recursive: true });
stats.timersPending = liveTimers.size;
const lost = stats.echoMismatches + stats.echoErrors + stats.fileMismatches + stats.fileErrors +
  stats.timersPending + (Number.isNaN(stats.timersFired) ? 1 : 0) +
  (stats.timersMade - stats.timersCleared !== stats.timersFired ? 1 : 0);
console.log("summary " + JSON.stringify({ ...stats, lost }));
if (lost) mrt.exit(1);
