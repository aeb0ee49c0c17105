// MessageChannel round trips: port1 posts a small object, port2 echoes it back, 2e4 times in
// sequence; thousands of round trips per second (higher is better). Portable: mrt, node,
// deno, bun.
const now = () => globalThis.performance.now();
const N = 20000;
const { port1, port2 } = new MessageChannel();
port2.onmessage = (e) => port2.postMessage(e.data);
let left = N;
const t0 = now();
await new Promise((resolve) => {
  port1.onmessage = (e) => {
    if (e.data.n !== left) throw new Error("bad");
    if (--left === 0) resolve();
    else port1.postMessage({ n: left, s: "ping" });
  };
  port1.postMessage({ n: left, s: "ping" });
});
const ms = now() - t0;
port1.close();
port2.close();
console.log(`message_channel: ${(N / ms).toFixed(2)} k rt/s`);
