// Create and immediately cancel N timers: even i setTimeout, odd i setInterval, all cancelled
// with clearTimeout. Portable: mrt, node, deno, bun.
const now = () => globalThis.performance.now();
const N = 1e6;
const noop = () => { throw new Error("should not fire"); };
const t0 = now();
for (let i = 0; i < N; i++) {
  const id = (i & 1) ? setInterval(noop, 1000) : setTimeout(noop, 1000);
  clearTimeout(id);
}
const ms = now() - t0;
console.log(`timer_churn: ${(N / ms / 1000).toFixed(3)} M/s`);
