// User Timing: 1e5 x (performance.mark + performance.measure between two marks), entries
// cleared every 1000; thousand pairs per second (higher is better). Portable: mrt, node,
// deno, bun.
const perf = globalThis.performance;
const N = 100_000;
const t0 = perf.now();
let sum = 0;
for (let i = 0; i < N; i++) {
  perf.mark("start");
  perf.mark("end");
  sum += perf.measure("span", "start", "end").duration;
  if (i % 1000 === 999) {
    perf.clearMarks();
    perf.clearMeasures();
  }
}
const ms = perf.now() - t0;
if (!(sum >= 0)) throw new Error("bad");
console.log(`perf_mark: ${(N / ms).toFixed(1)} k/s`);
