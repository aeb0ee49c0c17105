// A worker pool: CPU-bound tasks spread over N Web Workers, each taking the next task as soon
// as it answers (mrt, deno and bun run it as is). Prints one JSON line: the pool's wall time
// for the same tasks with 1 worker and with N, and their ratio.
//   mrt examples/worker_pool/pool.mjs [N=navigator.hardwareConcurrency] [TASKS=32]
const args = typeof mrt !== "undefined" ? mrt.args : globalThis.Deno ? Deno.args : process.argv.slice(2);
const n = Number(args[0] ?? navigator.hardwareConcurrency);
const tasks = Number(args[1] ?? 32);

class Pool {
  #idle = [];
  #queue = [];
  #workers = [];
  constructor(size) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(new URL("./task.mjs", import.meta.url), { type: "module" });
      w.onmessage = (e) => this.#done(w, e.data);
      w.onerror = (e) => { console.error("worker failed:", e.message); };
      this.#workers.push(w);
      this.#idle.push(w);
    }
  }
  // Resolves with the task's result.
  run(input) {
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, resolve, reject });
      this.#next();
    });
  }
  #next() {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const w = this.#idle.pop();
      const job = this.#queue.shift();
      w.job = job;
      w.postMessage(job.input);
    }
  }
  #done(w, result) {
    const job = w.job;
    w.job = null;
    this.#idle.push(w);
    job.resolve(result);
    this.#next();
  }
  close() {
    for (const w of this.#workers) w.terminate();
  }
}

async function timed(size) {
  const pool = new Pool(size);
  // Each worker started and its code optimised before the clock starts.
  await Promise.all(Array.from({ length: size * 2 }, () => pool.run(200000)));
  const t0 = performance.now();
  const results = await Promise.all(Array.from({ length: tasks }, (_, i) => pool.run(200000 + i)));
  const ms = performance.now() - t0;
  pool.close();
  return { ms, sum: results.reduce((a, b) => a + b, 0) };
}

const one = await timed(1);
const many = await timed(n);
if (one.sum !== many.sum) throw new Error(`results differ: ${one.sum} vs ${many.sum}`);
console.log(JSON.stringify({
  workers: n, tasks, one_ms: Math.round(one.ms), n_ms: Math.round(many.ms),
  speedup: Number((one.ms / many.ms).toFixed(2)), primes: one.sum,
}));
