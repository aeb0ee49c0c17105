// node:perf_hooks gives the global performance and the Performance Timeline classes.
import { performance, PerformanceObserver, PerformanceEntry, PerformanceMark, constants } from "node:perf_hooks";
console.log(performance === globalThis.performance, PerformanceObserver === globalThis.PerformanceObserver,
  PerformanceEntry === globalThis.PerformanceEntry, typeof performance.now(), constants.NODE_PERFORMANCE_GC_MAJOR);
const m = performance.mark("a");
console.log(m instanceof PerformanceMark, m.name, m.entryType, performance.getEntriesByName("a").length);
