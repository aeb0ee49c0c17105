// fetch of one 100 MB response from a local HTTP/1.1 server (fetch_server.mjs), the body
// streamed through a reader and counted, never held: MB/s. Portable.
import { BASE, now } from "./fetch_lib.mjs";

const N = 100 * 1024 * 1024;
const t0 = now();
const r = await fetch(`${BASE}/big?n=${N}`);
const reader = r.body.getReader();
let n = 0;
for (;;) {
  const { value, done } = await reader.read();
  if (done) break;
  n += value.byteLength;
}
const ms = now() - t0;
if (n !== N) throw new Error(`got ${n} bytes`);
console.log(`fetch_big: ${(N / 1048576 / (ms / 1000)).toFixed(0)} MB/s`);
