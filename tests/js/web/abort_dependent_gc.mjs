// flags: --v8-flags=--expose-gc
// node: skip (needs --expose-gc; node 20 --expose-gc prints the same)
// A dependent AbortSignal (AbortSignal.any) is kept by its sources while an abort listener
// or handler watches it, and let go once none does: a long-lived signal shared by many
// requests must not hold each request's signal for good.
const tick = () => new Promise((r) => setTimeout(r, 0));
const ac = new AbortController();
let fired = 0;
(function () {
  const dep = AbortSignal.any([ac.signal]);
  dep.addEventListener("abort", () => fired++);
})();
let ref;
(function () {
  const dep2 = AbortSignal.any([ac.signal]);
  const f = () => fired += 100;
  dep2.addEventListener("abort", f);
  dep2.removeEventListener("abort", f);
  ref = new WeakRef(dep2);
})();
let ref3;
(function () {
  const dep3 = AbortSignal.any([ac.signal]);
  dep3.addEventListener("abort", () => fired += 1000, { once: true });
  const dep4 = AbortSignal.any([dep3]);
  dep4.onabort = () => fired += 10000;
  ref3 = new WeakRef(dep4);
})();
await tick(); gc(); await tick(); gc();
console.log("unwatched dependent collected:", ref.deref() === undefined);
console.log("watched via onabort kept:", ref3.deref() !== undefined);
ac.abort();
console.log("fired", fired);
