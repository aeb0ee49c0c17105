// Web Worker figures, the same file under mrt, deno and bun (module workers):
//   round trip of a small object main -> worker -> main (median and p99 of 5000, in us),
//   one-way small messages per second, 64 KiB ArrayBuffers transferred there and back per
//   second, and worker start to its first message (median of 30, in ms).
// Run: bench/workers/run.sh (all three, alternating), or <runtime> bench/workers/workers.mjs
const here = (f) => new URL(f, import.meta.url).href;
const now = () => performance.now();
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };

const w = new Worker(here("./echo_worker.mjs"), { type: "module" });
let waiting = null;
w.onmessage = (e) => { const r = waiting; waiting = null; r(e.data); };
const ask = (v, t) => new Promise((r) => { waiting = r; w.postMessage(v, t); });

const small = { id: 1, op: "add", args: [1, 2], tag: "x" };
for (let i = 0; i < 1000; i++) await ask(small);
const rt = [];
for (let i = 0; i < 5000; i++) { const t0 = now(); await ask(small); rt.push((now() - t0) * 1000); }

const N = 100000;
let t0 = now();
const counted = ask(`count ${N}`);
for (let i = 0; i < N; i++) w.postMessage(i);
await counted;
const oneWay = N / ((now() - t0) / 1000);

const M = 2000;
let buf = new ArrayBuffer(64 * 1024);
t0 = now();
for (let i = 0; i < M; i++) buf = await ask(buf, [buf]);
const transfers = M / ((now() - t0) / 1000);
w.terminate();

const starts = [];
for (let i = 0; i < 30; i++) {
  const t = now();
  await new Promise((r) => {
    const x = new Worker(here("./hello_worker.mjs"), { type: "module" });
    x.onmessage = () => { starts.push(now() - t); x.terminate(); r(); };
  });
}
console.log(JSON.stringify({
  roundtrip_p50_us: +median(rt).toFixed(1), roundtrip_p99_us: +pct(rt, 0.99).toFixed(1),
  one_way_msgs_per_s: Math.round(oneWay), transfer_64k_roundtrips_per_s: Math.round(transfers),
  start_to_first_message_ms: +median(starts).toFixed(2),
}));
