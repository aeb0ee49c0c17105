// node: skip
// The Performance interfaces' WebIDL shape and the spec's errors where node 20 differs,
// checked by hand against HR-Time, User Timing and Performance Timeline: node's
// performance.toJSON() adds nodeTiming and eventLoopUtilization (the spec: timeOrigin only),
// supportedEntryTypes lists node's own types (here: the ones mrt has, "mark" and "measure"),
// measure(name, {duration}) and observe({entryTypes, buffered}) are TypeErrors by the spec and
// node accepts them, and node's methods are not all enumerable.
const err = (f) => {
  try {
    f();
    return "no error";
  } catch (e) {
    return `${e.constructor.name} ${e.name}`;
  }
};
console.log(String(performance), performance instanceof Performance,
  Object.getPrototypeOf(performance) === Performance.prototype);
console.log("new Performance", err(() => new Performance()));
const json = performance.toJSON();
console.log("toJSON", Object.keys(json).join(","),
  Math.abs(json.timeOrigin + performance.now() - Date.now()) < 50);
for (const k of ["now", "timeOrigin", "toJSON", "mark", "measure", "clearMarks", "clearMeasures",
  "getEntries", "getEntriesByType", "getEntriesByName"]) {
  const d = Object.getOwnPropertyDescriptor(Performance.prototype, k);
  const f = d.get || d.value;
  console.log(k, d.enumerable, d.configurable, f.length, f.name,
    err(() => (d.get ? d.get.call({}) : d.value.call({}, "x"))));
}
console.log("measure {duration}", err(() => performance.measure("x", { duration: 1 })));
console.log("getEntriesByType()", err(() => performance.getEntriesByType()));
console.log(PerformanceObserver.supportedEntryTypes);
const po = new PerformanceObserver(() => {});
console.log("buffered with entryTypes", err(() => po.observe({ entryTypes: ["mark"], buffered: true })));
console.log("non-finite startTime", err(() => performance.mark("x", { startTime: NaN })));
const m = performance.mark("j", { startTime: 2, detail: { a: 1 } });
console.log(JSON.stringify(m), JSON.stringify(performance.measure("k", { start: 1, end: 3 })));
for (const name of ["PerformanceEntry", "PerformanceMark", "PerformanceMeasure",
  "PerformanceObserver", "PerformanceObserverEntryList", "Performance"]) {
  const C = globalThis[name];
  const g = Object.getOwnPropertyDescriptor(globalThis, name);
  console.log(name, C.length, Object.prototype.toString.call(C.prototype), g.enumerable, g.writable);
}
for (const k of ["name", "entryType", "startTime", "duration", "toJSON"]) {
  const d = Object.getOwnPropertyDescriptor(PerformanceEntry.prototype, k);
  console.log("PerformanceEntry", k, d.enumerable, err(() => (d.get || d.value).call({})));
}
// The first callback after observe() is told that no entries were dropped.
new PerformanceObserver((list, obs, options) => {
  console.log("callback options", JSON.stringify(options));
  obs.disconnect();
}).observe({ type: "mark" });
performance.mark("dropped");
