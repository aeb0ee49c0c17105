// node:perf_hooks: the platform's performance object and Performance Timeline classes (the
// web ones mrt has), and Node's GC constants. monitorEventLoopDelay and createHistogram are
// not implemented: calling them is a clear error.
(function (P) {
  "use strict";
  function notImplemented(name) {
    return function () {
      const err = new Error(`perf_hooks.${name} is not implemented by mrt`);
      err.code = "ERR_METHOD_NOT_IMPLEMENTED";
      throw err;
    };
  }
  const g = globalThis;
  return {
    Performance: g.Performance,
    PerformanceEntry: g.PerformanceEntry,
    PerformanceMark: g.PerformanceMark,
    PerformanceMeasure: g.PerformanceMeasure,
    PerformanceObserver: g.PerformanceObserver,
    PerformanceObserverEntryList: g.PerformanceObserverEntryList,
    monitorEventLoopDelay: notImplemented("monitorEventLoopDelay"),
    createHistogram: notImplemented("createHistogram"),
    performance: P.performance,
    constants: {
      NODE_PERFORMANCE_GC_MAJOR: 4,
      NODE_PERFORMANCE_GC_MINOR: 1,
      NODE_PERFORMANCE_GC_INCREMENTAL: 8,
      NODE_PERFORMANCE_GC_WEAKCB: 16,
      NODE_PERFORMANCE_GC_FLAGS_NO: 0,
      NODE_PERFORMANCE_GC_FLAGS_CONSTRUCT_RETAINED: 2,
      NODE_PERFORMANCE_GC_FLAGS_FORCED: 4,
      NODE_PERFORMANCE_GC_FLAGS_SYNCHRONOUS_PHANTOM_PROCESSING: 8,
      NODE_PERFORMANCE_GC_FLAGS_ALL_AVAILABLE_GARBAGE: 16,
      NODE_PERFORMANCE_GC_FLAGS_ALL_EXTERNAL_MEMORY: 32,
      NODE_PERFORMANCE_GC_FLAGS_SCHEDULE_IDLE: 64,
    },
  };
});
