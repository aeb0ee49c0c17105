// timeline.js: User Timing (performance.mark/measure, PerformanceMark, PerformanceMeasure) and
// the Performance Timeline (PerformanceEntry, getEntries*, PerformanceObserver,
// PerformanceObserverEntryList). Nothing here runs until a program first calls mark, measure,
// a getEntries* or clear* method, or touches one of the classes: `performance.now()` is
// host.js's clock read alone.
(function (P) {
  "use strict";
  const names = [
    "PerformanceEntry", "PerformanceMark", "PerformanceMeasure", "PerformanceObserver",
    "PerformanceObserverEntryList",
  ];
  // Taken at bootstrap: a program replacing the global does not change how observers run.
  P.timelineBoot = {
    names, setTimeoutP: globalThis.setTimeout, structuredCloneP: globalThis.structuredClone,
  };
  // The code is compiled from the binary on first use (not kept in the startup snapshot).
  P.timeline = P.lazyGlobals(names,
    () => P.loadBuiltin("core/ext/performance/timeline_impl.js"));
});
