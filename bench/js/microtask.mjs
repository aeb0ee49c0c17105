// 1e6 chained queueMicrotask. Portable: mrt, node, deno, bun.
const now = () => globalThis.performance.now();
const N = 1e6;
const t0 = now();
await new Promise((resolve) => {
  let n = 0;
  function tick() { if (++n < N) queueMicrotask(tick); else resolve(); }
  queueMicrotask(tick);
});
const ms = now() - t0;
console.log(`microtask: ${(N / ms / 1000).toFixed(3)} M/s`);
