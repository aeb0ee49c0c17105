// 1e5 setTimeout(fn, 0) scheduled at once; time until all have fired. Portable: mrt, node, deno, bun.
const now = () => globalThis.performance.now();
const N = 1e5;
const t0 = now();
await new Promise((resolve) => {
  let fired = 0;
  const fn = () => { if (++fired === N) resolve(); };
  for (let i = 0; i < N; i++) setTimeout(fn, 0);
});
const ms = now() - t0;
console.log(`timers_fanout: ${(N / ms / 1000).toFixed(3)} M/s`);
