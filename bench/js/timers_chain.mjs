// Chain of N sequential setTimeout(f, 0); reports mean latency per hop (lower is better).
// Portable: mrt, node, deno, bun. CHAIN_N in the environment overrides N where `process` exists.
const now = () => globalThis.performance.now();
const N = Number(globalThis.process?.env?.CHAIN_N ?? 1e4);
const t0 = now();
let max = 0, prev = t0;
await new Promise((resolve) => {
  let n = 0;
  function hop() {
    const t = now();
    if (t - prev > max) max = t - prev;
    prev = t;
    if (++n < N) setTimeout(hop, 0); else resolve();
  }
  setTimeout(hop, 0);
});
const ms = now() - t0;
if (max < 0) throw new Error("clock went backwards");
console.log(`timers_chain: ${(ms / N).toFixed(4)} ms/hop`);
