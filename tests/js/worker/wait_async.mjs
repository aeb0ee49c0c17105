// node: skip
// Atomics.waitAsync on the main thread, woken by Atomics.notify from a worker: the promise
// resolves to "ok" while the loop keeps running; the synchronous results ("not-equal",
// "timed-out" after a timeout) are as in V8/node. A pending waitAsync does not keep the
// program alive by itself (node and deno end with its promise pending too): a timer or the
// worker does here.
const sab = new SharedArrayBuffer(8);
const ia = new Int32Array(sab);

const ne = Atomics.waitAsync(ia, 0, 5);
console.log("not-equal:", ne.async, ne.value);
const now = Atomics.waitAsync(ia, 0, 0, 0);
console.log("zero timeout:", now.async, now.value);
const keep = setTimeout(() => {}, 10000);
const timed = Atomics.waitAsync(ia, 1, 0, 20);
console.log("timed-out:", timed.async, await timed.value);
clearTimeout(keep);

const w = new Worker(new URL("./fixtures/notifier.js", import.meta.url));
const res = Atomics.waitAsync(ia, 0, 0);
console.log("pending:", res.async, res.value instanceof Promise);
let ticks = 0;
const timer = setInterval(() => ticks++, 1);
const notified = new Promise((resolve) => { w.onmessage = (e) => resolve(e.data); });
w.postMessage(sab);
console.log("woken:", await res.value, "slot 0 is", Atomics.load(ia, 0));
console.log("the worker woke", await notified, "waiter");
console.log("the loop ran while waiting:", ticks > 0);
clearInterval(timer);
w.terminate();
