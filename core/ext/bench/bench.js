// core/ext/bench/bench.js: the `bench()` global and `mrt.runBenchmarks` (behind `mrt bench
// FILE...`). The registry and the runner are bench_impl.js, compiled at the first call of either:
// the startup snapshot holds neither, and a program that never benchmarks never compiles them.
//
// Installs on globalThis:   bench(name, fn) | bench(options) | bench(name, options, fn) | bench(namedFn)
// Defines on P:             P.runBenchmarks(opts) -> Promise<{ failed, results }>; and on
//                           P.mrt, not enumerable: runBenchmarks, with .checkFilter(filter)
(function (P) {
  "use strict";
  let impl = null;
  const load = () => impl ??= P.loadBuiltin("core/ext/bench/bench_impl.js");

  function bench(a, b, c) { return load().bench(a, b, c); }
  Object.defineProperty(globalThis, "bench", {
    value: bench, writable: true, configurable: true, enumerable: false,
  });

  function runBenchmarks(opts) { return load().runBenchmarks(opts); }
  // For `mrt bench`: throws what runBenchmarks would for this filter, before any file runs.
  Object.defineProperty(runBenchmarks, "checkFilter", {
    value: function checkFilter(filter) { return load().checkFilter(filter); }, enumerable: false,
  });
  P.runBenchmarks = runBenchmarks;
  // For the `mrt bench` command (not enumerable: not part of the documented API).
  if (P.mrt) {
    Object.defineProperty(P.mrt, "runBenchmarks", {
      value: runBenchmarks, writable: true, enumerable: false, configurable: true,
    });
  }
});
