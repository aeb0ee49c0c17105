// node: skip    (node 20 has no type stripping; .out checked with `deno run`)
// A .cts file runs as a classic script for now (CommonJS comes later), its types stripped.
const n: number = 2;
function square(x: number): number { return x * x; }
console.log(square(n) as number);
