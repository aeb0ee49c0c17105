// lang_builtins.mjs: ns per call of the ES2023-ES2026 built-ins mrt writes in JS on V8 10.2
// (core/ext/lang), on small inputs, to compare with engines that have them natively (node 20
// for change-array-by-copy and well-formed strings; deno and bun for all). Prints one line
// per method, `lang_<method>: X ns/op`, and skips what a runtime lacks; arguments name the
// cases to run (all by default).
const arr = Array.from({ length: 100 }, (_, i) => (i * 7919) % 101);
const ta = Float64Array.from(arr);
const str = "hello, wörld ".repeat(8);
const bad = str + "\uD800";
const setA = new Set(arr.slice(0, 50));
const setB = new Set(arr.slice(25, 75));
function* gen(n) {
  for (let i = 0; i < n; i++) yield i;
}
const cases = {
  toReversed: () => arr.toReversed(),
  toSorted: () => arr.toSorted((a, b) => a - b),
  toSpliced: () => arr.toSpliced(10, 5, 1, 2),
  with: () => arr.with(50, 0),
  ta_toSorted: () => ta.toSorted(),
  ta_with: () => ta.with(3, 1),
  isWellFormed: () => bad.isWellFormed(),
  toWellFormed: () => bad.toWellFormed(),
  groupBy: () => Object.groupBy(arr, (x) => x & 7),
  mapGroupBy: () => Map.groupBy(arr, (x) => x & 7),
  withResolvers: () => Promise.withResolvers(),
  promiseTry: () => Promise.try(() => 1),
  union: () => setA.union(setB),
  intersection: () => setA.intersection(setB),
  difference: () => setA.difference(setB),
  symmetricDifference: () => setA.symmetricDifference(setB),
  isSubsetOf: () => setA.isSubsetOf(setB),
  iter_map_filter_toArray: () => gen(100).map((x) => x * 2).filter((x) => x & 4).toArray(),
  iter_take_reduce: () => gen(100).take(50).reduce((a, b) => a + b, 0),
  iter_flatMap: () => gen(20).flatMap((x) => [x, x]).toArray(),
  iter_from_some: () => Iterator.from(arr).some((x) => x === 100),
  regexpEscape: () => RegExp.escape(str),
  sumPrecise: () => Math.sumPrecise(arr),
  f16round: () => Math.f16round(1.337),
  isError: () => Error.isError(arr),
};
// CPU time where the runtime reports it (a shared machine's other load is not counted),
// else wall time; 50,000 calls less 200 (which the first compilations fall in).
const cpu = typeof process === "object" && typeof process.cpuUsage === "function";
const now = cpu
  ? () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    }
  : () => performance.now();
const time = (f, n) => {
  const t0 = now();
  for (let i = 0; i < n; i++) f();
  return now() - t0;
};
const only = typeof process === "object" && process.argv ? process.argv.slice(2) : [];
for (const [name, f] of Object.entries(cases)) {
  if (only.length && !only.includes(name)) continue;
  try {
    f();
  } catch {
    continue; // the runtime lacks it
  }
  const dt = time(f, 50000) - time(f, 200);
  console.log(`lang_${name}: ${((dt * 1e6) / 49800).toFixed(1)} ns/op`);
}
