// 1e6 x EventTarget.dispatchEvent(event) with one listener, the event made once (dispatch
// only: making an Event is another cost); M dispatches/s (higher is better).
// Portable: mrt, node, deno, bun.
const now = () => globalThis.performance.now();
const N = 1e6;
const target = new EventTarget();
let count = 0;
target.addEventListener("x", () => { count++; });
const event = new Event("x");
for (let i = 0; i < 1e4; i++) target.dispatchEvent(event); // warm-up
count = 0;
const t0 = now();
for (let i = 0; i < N; i++) target.dispatchEvent(event);
const ms = now() - t0;
if (count !== N) throw new Error("bad count");
console.log(`dispatch_event: ${(N / ms / 1000).toFixed(3)} M/s`);
