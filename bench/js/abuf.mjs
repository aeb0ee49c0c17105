// Allocate and drop N ArrayBuffers of 64 KiB (touch one byte each). Portable: mrt, node, deno, bun.
const now = () => globalThis.performance.now();
const N = 1e5, SZ = 65536;
let sum = 0;
const t0 = now();
for (let i = 0; i < N; i++) { const u = new Uint8Array(new ArrayBuffer(SZ)); u[i & (SZ - 1)] = 1; sum += u[i & (SZ - 1)]; }
const ms = now() - t0;
if (sum !== N) throw new Error("bad");
console.log(`abuf: ${(N / ms).toFixed(2)} k/s`);
