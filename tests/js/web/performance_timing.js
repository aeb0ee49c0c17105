// User Timing: mark and measure in every argument form, the entry buffer and its order,
// getEntries*, clearMarks/clearMeasures, detail cloning, and the errors (SyntaxError
// DOMException for an unknown mark, TypeError for bad combinations and negative times).
// (measure(name, {duration}) alone, a TypeError node 20 does not throw, is in
// performance_webidl.js.)
const show = (e) => `${e.constructor.name} ${e.entryType} ${e.name} ${e.startTime} ${e.duration}` +
  ` ${JSON.stringify(e.detail)}`;
const err = (f) => {
  try {
    f();
    return "no error";
  } catch (e) {
    return `${e.constructor.name} ${e.name}`;
  }
};

const a = performance.mark("a", { startTime: 10, detail: { k: [1, 2] } });
const b = performance.mark("b", { startTime: 30 });
performance.mark("early", { startTime: 5 });
performance.mark("a", { startTime: 20 }); // a later mark of the same name wins
console.log(show(a), a.detail === a.detail);
console.log(show(b));
{
  const m = performance.measure("plain-start", "a");
  console.log(m.name, m.startTime, Math.abs(m.startTime + m.duration - performance.now()) < 50);
}
console.log(show(performance.measure("named", "a", "b")));
console.log(show(performance.measure("to-end", undefined, "b")));
console.log(show(performance.measure("null-start", null, "b")));
console.log(show(performance.measure("opts", { start: 12, end: 40, detail: "d" })));
console.log(show(performance.measure("start-dur", { start: "a", duration: 3 })));
console.log(show(performance.measure("dur-end", { duration: 4, end: "b" })));
console.log(show(performance.measure("end-only", { end: 15 })));
console.log(show(performance.measure("empty", {}, "b")));
const detail = { n: 1 };
const withDetail = performance.mark("d", { startTime: 1, detail });
detail.n = 2;
console.log("detail cloned", withDetail.detail.n, withDetail.detail !== detail);

console.log(performance.getEntries().map((e) => `${e.name}@${e.startTime}`).join(" "));
console.log(performance.getEntriesByType("mark").map((e) => e.name).join(" "));
console.log(performance.getEntriesByName("a").length, performance.getEntriesByName("a", "mark").length,
  performance.getEntriesByName("a", "measure").length, performance.getEntriesByType("MARK").length);

console.log("unknown mark", err(() => performance.measure("x", "nope")));
console.log("unknown end", err(() => performance.measure("x", "a", "nope")));
console.log("unknown in options", err(() => performance.measure("x", { start: "nope" })));
console.log("options and end", err(() => performance.measure("x", { start: 1 }, "b")));
console.log("all three", err(() => performance.measure("x", { start: 1, end: 2, duration: 1 })));
console.log("negative start", err(() => performance.measure("x", { start: -1 })));
console.log("negative mark", err(() => performance.mark("x", { startTime: -1 })));
console.log("options not an object", err(() => performance.mark("x", 5)));
console.log("no name", err(() => performance.mark()), err(() => performance.measure()));
console.log("uncloneable", err(() => performance.mark("x", { detail: () => 1 })));
console.log("new PerformanceMeasure", err(() => new PerformanceMeasure()));
console.log("new PerformanceEntry", err(() => new PerformanceEntry()));

const own = new PerformanceMark("own", { startTime: 3 });
console.log(show(own), performance.getEntriesByName("own").length);

performance.clearMarks("a");
console.log("after clearMarks(a)", performance.getEntriesByType("mark").map((e) => e.name).join(" "));
console.log("measure from a cleared mark", err(() => performance.measure("x", "a")));
performance.clearMeasures("named");
console.log(performance.getEntriesByType("measure").length);
performance.clearMeasures();
performance.clearMarks();
console.log("all cleared", performance.getEntries().length);
