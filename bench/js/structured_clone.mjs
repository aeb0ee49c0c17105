// structuredClone of a ~1 MB mixed object (nested objects, arrays, strings, numbers, a typed
// array, Dates, Maps), 50 times; mean ms per clone (lower is better). Portable: mrt, node,
// deno, bun.
const now = () => globalThis.performance.now();
const items = [];
for (let i = 0; i < 6000; i++) {
  items.push({
    id: i, name: "item-" + i, tags: ["a", "bb", "ccc"], price: i * 1.25, ok: (i & 1) === 0,
    when: new Date(1700000000000 + i * 1000), nested: { x: i, y: "y" + i, z: [i, i + 1] },
  });
}
const index = new Map();
for (let i = 0; i < 2000; i++) index.set("k" + i, { pos: i, label: "label " + i });
const obj = {
  items, index, samples: new Float64Array(16384).map((_, i) => i / 3),
  meta: { count: items.length, note: "x".repeat(1000), created: new Date(0) },
};
const N = 50;
let check = 0;
const t0 = now();
for (let i = 0; i < N; i++) {
  const c = structuredClone(obj);
  check += c.items.length + c.index.size + c.samples.length;
}
const ms = now() - t0;
if (check !== N * (items.length + index.size + 16384)) throw new Error("bad");
console.log(`structured_clone: ${(ms / N).toFixed(3)} ms/iter`);
