// URLSearchParams round trip: parse a query string, read, append, serialize; 2e5 times over 8
// queries (plain, percent-encoded, '+', UTF-8); k round trips/s (higher is better).
// Portable: mrt, node, deno, bun.
const now = () => globalThis.performance.now();
const queries = [
  "a=1&b=2&c=3",
  "q=hello+world&lang=en&page=2&sort=desc",
  "utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale&ref=abc123",
  "name=caf%C3%A9&city=M%C3%BCnchen&emoji=%F0%9F%98%80",
  "redirect=https%3A%2F%2Fexample.com%2Fpath%3Fx%3D1%26y%3D2",
  "ids=1&ids=2&ids=3&ids=4&ids=5&ids=6",
  "empty=&flag&x=%zz&y=100%25",
  "k=v",
];
const N = 200000;
let sum = 0;
const t0 = now();
for (let i = 0; i < N; i++) {
  const p = new URLSearchParams(queries[i & 7]);
  p.append("n", "x y");
  sum += p.toString().length + (p.get("a") === null ? 0 : 1);
}
const ms = now() - t0;
if (sum <= 0) throw new Error("bad");
console.log(`url_search: ${(N / ms).toFixed(1)} k/s`);
