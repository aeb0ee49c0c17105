// node: skip
// timeout: 30000
// Channels of one name opened and closed over and over by three workers while they post:
// this thread's channel, open throughout, gets every message once, in each sender's order.
const listen = new BroadcastChannel("churn");
const got = { A: [], B: [], C: [] };
listen.onmessage = (e) => got[e.data.from].push(e.data.seq);
const url = new URL("./fixtures/bc_churner.mjs", import.meta.url);
const workers = ["A", "B", "C"].map((name) => new Worker(url, { type: "module", name }));
await Promise.all(workers.map((w) => new Promise((resolve) => { w.onmessage = resolve; })));
// The broadcasts and the worker's "done" come through different queues: wait for the
// broadcasts (a lost one shows as a short count after 10 s).
for (let i = 0; i < 1000 && Object.values(got).some((s) => s.length < 200); i++) {
  await new Promise((resolve) => setTimeout(resolve, 10));
}
for (const [name, seqs] of Object.entries(got)) {
  console.log(name, seqs.length, seqs.every((v, i) => v === i));
}
listen.close();
