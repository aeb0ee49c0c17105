// Blob of 1 MiB UTF-8 text (ASCII with 2- and 3-byte characters): 200 x await blob.text()
// of the whole blob and of a half slice; MB/s of text decoded (higher is better).
// Portable: mrt, node, deno, bun.
const now = () => globalThis.performance.now();
const unit = "abcdefghijklmnopqrstuvwxyz0123456789 é ü € — ";
let s = "";
while (s.length < 700_000) s += unit;
const blob = new Blob([s]);
const half = blob.slice(0, blob.size >> 1);
const N = 200;
let chars = 0;
for (let i = 0; i < 5; i++) chars += (await blob.text()).length; // warm-up
chars = 0;
const t0 = now();
for (let i = 0; i < N; i++) {
  chars += (await blob.text()).length;
  chars += (await half.text()).length;
}
const ms = now() - t0;
if (chars < N * s.length) throw new Error("bad");
const mb = (N * (blob.size + half.size)) / 1e6;
console.log(`blob_text: ${(mb / (ms / 1000)).toFixed(0)} MB/s`);
