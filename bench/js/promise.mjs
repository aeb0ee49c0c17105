// 1e6 awaited resolved promises. Portable: mrt, node, deno, bun.
const now = () => globalThis.performance.now();
const N = 1e6;
const t0 = now();
let s = 0;
async function run() { for (let i = 0; i < N; i++) s += await Promise.resolve(i); }
await run();
const ms = now() - t0;
if (s !== (N - 1) * N / 2) throw new Error("bad sum");
console.log(`promise: ${(N / ms / 1000).toFixed(3)} M/s`);
