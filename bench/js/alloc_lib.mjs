// Shared body of the alloc_* workloads: N times `new Uint8Array(size)`, touch one byte, drop it.
// Prints `name: X k/s` (allocations per second, higher is better). Portable: mrt, node, deno, bun.
export function run(name, size, n) {
  const now = () => globalThis.performance.now();
  let sum = 0;
  const t0 = now();
  for (let i = 0; i < n; i++) {
    const u = new Uint8Array(size);
    const at = (i * 4099) % size; // a different page each time, so lazily-zeroed pages are really touched
    u[at] = 1;
    sum += u[at] + u[(at + (size >> 1)) % size]; // another byte still reads as zero
  }
  const ms = now() - t0;
  if (sum !== n) throw new Error(`${name}: bad sum ${sum}`);
  console.log(`${name}: ${(n / ms).toPrecision(4)} k/s`); // 4 digits: bun does 0.002 k/s at 1 GiB
}
