// new Response(string).text() round trip: a 1 KiB string body (ASCII with a few 2- and
// 3-byte characters) made into a Response and read back with await text(), 200 000 times;
// round trips per second (higher is better). Portable: mrt, node, deno, bun.
const now = () => globalThis.performance.now();
const unit = "abcdefghijklmnopqrstuvwxyz0123456789 é ü € — ";
let s = "";
while (s.length < 1024) s += unit;
const N = 200_000;
let chars = 0;
for (let i = 0; i < 20_000; i++) chars += (await new Response(s).text()).length; // warm-up
chars = 0;
const t0 = now();
for (let i = 0; i < N; i++) chars += (await new Response(s).text()).length;
const ms = now() - t0;
if (chars !== N * s.length) throw new Error("bad round trip");
console.log(`response_text: ${(N / (ms / 1000) / 1000).toFixed(1)} k/s`);
