// crypto.getRandomValues on a 64 KiB Uint8Array, 1e4 times. Portable.
const now = () => globalThis.performance.now();
const N = 10000;
const buf = new Uint8Array(65536);
for (let i = 0; i < 100; i++) globalThis.crypto.getRandomValues(buf);
const t0 = now();
for (let i = 0; i < N; i++) globalThis.crypto.getRandomValues(buf);
const ms = now() - t0;
console.log(`crypto_random: ${((N * 65536) / 1e6 / ms).toFixed(3)} GB/s`);
