// crypto.subtle.digest("SHA-256") of 1 MiB: 200 digests awaited in sequence. Portable.
const now = () => globalThis.performance.now();
const s = globalThis.crypto.subtle;
const N = 200;
const data = new Uint8Array(1 << 20).fill(7);
for (let i = 0; i < 5; i++) await s.digest("SHA-256", data);
const t0 = now();
for (let i = 0; i < N; i++) await s.digest("SHA-256", data);
const ms = now() - t0;
console.log(`crypto_digest_1m: ${((N * 1024 * 1024) / 1e6 / ms).toFixed(3)} GB/s`);
