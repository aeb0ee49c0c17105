// Worker start to first message under node (worker_threads; node has no Web Worker), measured
// as workers.mjs measures it for the others: median of 30, in ms.
import { Worker } from "node:worker_threads";
const now = () => performance.now();
const starts = [];
for (let i = 0; i < 30; i++) {
  const t = now();
  await new Promise((r) => {
    const x = new Worker(new URL("./node_hello_worker.mjs", import.meta.url));
    x.on("message", () => { starts.push(now() - t); x.terminate().then(r); });
  });
}
starts.sort((a, b) => a - b);
console.log(JSON.stringify({ start_to_first_message_ms: +starts[starts.length >> 1].toFixed(2) }));
