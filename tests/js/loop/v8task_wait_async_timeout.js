// Atomics.waitAsync timeouts are delayed tasks V8 posts: each fires on time (never early),
// in deadline order, while a timer keeps the process alive.
const ia = new Int32Array(new SharedArrayBuffer(16));
const t0 = performance.now();
function wait(ms) {
  Atomics.waitAsync(ia, 0, 0, ms).value.then((v) => {
    console.log('wait', ms, v, performance.now() - t0 >= ms);
  });
}
wait(20);
wait(150);
setTimeout(() => console.log('timer 400'), 400);
