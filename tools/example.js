// The example workload of the quick start: timers, microtasks, promises and the event loop,
// each with the throughput mrt measured for it on this run.
const N = 200000;

function rate(n, ms) {
  return `${(n / ms / 1000).toFixed(2)} M/s`;
}

async function awaits() {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await i;
  return rate(N, performance.now() - t0);
}

function microtasks() {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let left = N;
    const step = () => (--left ? queueMicrotask(step) : resolve(rate(N, performance.now() - t0)));
    queueMicrotask(step);
  });
}

function timers() {
  return new Promise((resolve) => {
    const n = 50000;
    const t0 = performance.now();
    let fired = 0;
    for (let i = 0; i < n; i++) {
      setTimeout(() => {
        if (++fired === n) resolve(rate(n, performance.now() - t0));
      }, 0);
    }
  });
}

async function main() {
  console.log(`mrt ${mrt.version} (V8 ${mrt.versions.v8})`);
  console.log("awaited promises:  ", await awaits());
  console.log("queueMicrotask:    ", await microtasks());
  console.log("setTimeout(f, 0):  ", await timers());
  const mem = mrt.memoryUsage();
  console.log("rss:               ", `${(mem.rss / 1048576).toFixed(1)} MiB`);
}

main();
