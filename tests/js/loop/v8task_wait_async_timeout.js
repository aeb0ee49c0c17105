// Atomics.waitAsync timeouts are delayed tasks V8 posts: each fires on time (never early),
// in deadline order, while a timer keeps the process alive.
// node: skip   node keeps deadline order but not "never early": it times V8's delayed tasks
//              from its loop's cached clock, so on a loaded machine a wait fires before
//              performance.now() reaches it (seen in CI: 'wait 150 timed-out false'). The .out
//              is node's output on an idle machine and mrt's promise.
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
