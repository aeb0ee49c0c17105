// new URL() over a mixed 10k corpus (url_corpus.mjs), 20 passes; k URLs/s (higher is better).
// Portable: mrt, node, deno, bun.
import { corpus } from "./url_corpus.mjs";
const now = () => globalThis.performance.now();
const PASSES = 20;
let check = 0;
for (const [input, base] of corpus) check += new URL(input, base).href.length; // warm-up
const t0 = now();
let sum = 0;
for (let p = 0; p < PASSES; p++) {
  for (let i = 0; i < corpus.length; i++) {
    const c = corpus[i];
    sum += new URL(c[0], c[1]).href.length;
  }
}
const ms = now() - t0;
if (sum !== check * PASSES) throw new Error("bad");
console.log(`url: ${((PASSES * corpus.length) / ms).toFixed(1)} k/s`);
