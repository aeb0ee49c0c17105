// base64.mjs: Uint8Array's base64 and hex methods (ES2026) at 1 KiB and 1 MiB, under any
// runtime that has them (mrt, deno, bun; node 20 does not). One line per case:
// `toBase64_1k: 0.512 us/op`. Each case: a warm-up, then as many calls as fit in ~200 ms.
// Usage: <runtime> bench/base64/base64.mjs [case-substring]
const filter = (typeof process !== "undefined" ? process.argv[2] : Deno?.args?.[0]) ?? "";
const now = () => performance.now();
let sink = 0;

function measure(name, f) {
  if (!name.includes(filter)) return;
  for (let i = 0; i < 20; i++) sink += f();
  let calls = 1, elapsed = 0;
  // Grow the batch until one takes 20 ms, then run batches for ~200 ms.
  for (;;) {
    const t = now();
    for (let i = 0; i < calls; i++) sink += f();
    elapsed = now() - t;
    if (elapsed >= 20) break;
    calls *= 2;
  }
  let total = 0, n = 0;
  const start = now();
  while (now() - start < 200) {
    const t = now();
    for (let i = 0; i < calls; i++) sink += f();
    total += now() - t;
    n += calls;
  }
  console.log(`${name}: ${((total / n) * 1000).toFixed(3)} us/op`);
}

for (const [label, size] of [["1k", 1024], ["1m", 1 << 20]]) {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 2654435761) >>> 24;
  const b64 = bytes.toBase64();
  const hex = bytes.toHex();
  const into = new Uint8Array(size);
  measure(`toBase64_${label}`, () => bytes.toBase64().length);
  measure(`fromBase64_${label}`, () => Uint8Array.fromBase64(b64).length);
  measure(`setFromBase64_${label}`, () => into.setFromBase64(b64).written);
  measure(`toHex_${label}`, () => bytes.toHex().length);
  measure(`fromHex_${label}`, () => Uint8Array.fromHex(hex).length);
  measure(`setFromHex_${label}`, () => into.setFromHex(hex).written);
}
if (sink === 0) console.log("(nothing ran)");
