// 1e6 awaited values in an async function (classic script; runs under bare_v8 and mrt).
var print = globalThis.print || ((s) => console.log(s));
var now = globalThis.now || (() => performance.now());
(async () => {
  const N = 1e6;
  const t0 = now();
  let s = 0;
  for (let i = 0; i < N; i++) s += await i;
  print(`promise: ${(N / (now() - t0) / 1000).toFixed(3)} M/s`);
})();
