// ~1 MB object; 50 x (JSON.stringify + JSON.parse); mean ms per iteration (lower is better).
// Portable: mrt, node, deno, bun.
const now = () => globalThis.performance.now();
const items = [];
for (let i = 0; i < 9400; i++) items.push({ id: i, name: "item-" + i, tags: ["a", "bb", "ccc"], price: i * 1.25, ok: (i & 1) === 0, nested: { x: i, y: "y" + i } });
const obj = { items, meta: { count: items.length, note: "x".repeat(100) } };
const size = JSON.stringify(obj).length;
const N = 50;
let check = 0;
const t0 = now();
for (let i = 0; i < N; i++) { const s = JSON.stringify(obj); const o = JSON.parse(s); check += o.items.length + s.length; }
const ms = now() - t0;
if (check !== N * (items.length + size)) throw new Error("bad");
console.log(`json: ${(ms / N).toFixed(3)} ms/iter`);
