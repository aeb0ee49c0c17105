// 1e6 chained queueMicrotask (classic script; runs under bare_v8 and mrt).
var print = globalThis.print || ((s) => console.log(s));
var now = globalThis.now || (() => performance.now());
const N = 1e6;
const t0 = now();
let n = 0;
function tick() {
  if (++n < N) queueMicrotask(tick);
  else print(`microtask: ${(N / (now() - t0) / 1000).toFixed(3)} M/s`);
}
queueMicrotask(tick);
