// fetch of a 13-byte response from a local HTTP/1.1 server (fetch_server.mjs), 64 requests in
// flight, 20000 in all, each body read with text(): requests per second. Portable.
import { BASE, now } from "./fetch_lib.mjs";

const TOTAL = 20000, CONC = 64, url = `${BASE}/small`;
for (let i = 0; i < 200; i++) await (await fetch(url)).text(); // connections and code warm
let next = 0, bytes = 0;
async function worker() {
  while (next++ < TOTAL) {
    const r = await fetch(url);
    const t = await r.text();
    bytes += t.length;
  }
}
const t0 = now();
await Promise.all(Array.from({ length: CONC }, worker));
const ms = now() - t0;
if (bytes !== TOTAL * 13) throw new Error(`got ${bytes} bytes`);
console.log(`fetch_small: ${(TOTAL / ms * 1000).toFixed(0)} req/s`);
