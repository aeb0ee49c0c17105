// crypto.subtle.digest("SHA-256") of 1 KiB: 2e4 digests awaited in sequence. Portable: mrt, node,
// deno, bun.
const now = () => globalThis.performance.now();
const s = globalThis.crypto.subtle;
const N = 20000;
const data = new Uint8Array(1024).fill(7);
for (let i = 0; i < 200; i++) await s.digest("SHA-256", data);
const t0 = now();
let n = 0;
for (let i = 0; i < N; i++) n += (await s.digest("SHA-256", data)).byteLength;
const ms = now() - t0;
if (n !== N * 32) throw new Error("bad digest length");
console.log(`crypto_digest: ${(N / ms).toFixed(3)} k/s`);
