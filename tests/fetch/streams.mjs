// Streaming both ways: a ReadableStream request body (duplex: 'half', chunked), the body
// echoed back as it streams, a response read chunk by chunk, decompression, a big body.
import { HTTP } from "./_env.mjs";

let i = 0;
const up = new ReadableStream({
  async pull(c) {
    if (i === 5) return c.close();
    await new Promise((r) => setTimeout(r, 2));
    c.enqueue(new TextEncoder().encode(`part${i++};`));
  },
});
let r = await fetch(`${HTTP}/echo`, { method: "POST", body: up, duplex: "half" });
let j = await r.json();
console.log(j.method, j.headers["transfer-encoding"], j.body);

const big = 3 * 1024 * 1024 + 7;
let sent = 0;
const chunk = new Uint8Array(65536).fill(120);
r = await fetch(`${HTTP}/stream-echo`, { method: "PUT", duplex: "half", body: new ReadableStream({
  pull(c) {
    const n = Math.min(chunk.length, big - sent);
    if (n === 0) return c.close();
    sent += n;
    c.enqueue(chunk.slice(0, n));
  },
}) });
let got = 0, bad = 0;
for await (const c of r.body) {
  got += c.length;
  for (let k = 0; k < c.length; k += 4096) if (c[k] !== 120) bad++;
}
console.log("stream-echo", got === big, bad);

r = await fetch(`${HTTP}/chunked?n=5`);
const parts = [];
for await (const c of r.body) parts.push(c.length);
console.log("chunked total", parts.reduce((a, b) => a + b, 0), !r.headers.get("content-length"));

for (const enc of ["gzip", "br", "deflate"]) {
  r = await fetch(`${HTTP}/${enc}?n=1000`);
  const t = await r.text();
  console.log(enc, r.headers.get("content-encoding"), t.length, t.slice(0, 11));
}

r = await fetch(`${HTTP}/big?n=${20 * 1024 * 1024}`);
let n = 0;
const reader = r.body.getReader();
for (;;) {
  const { value, done } = await reader.read();
  if (done) break;
  n += value.length;
}
console.log("big", n);

r = await fetch(`${HTTP}/big?n=1000000`);
const rd = r.body.getReader({ mode: "byob" });
let total = 0;
for (;;) {
  const { value, done } = await rd.read(new Uint8Array(100000));
  if (done) break;
  total += value.length;
}
console.log("byob", total);

r = await fetch(`${HTTP}/big?n=5000000`);
await r.body.cancel();
console.log("cancelled");
r = await fetch(`${HTTP}/hello`);
console.log(await r.text());
