// PerformanceObserver: type and entryTypes, buffered, delivery as a later task (never inside
// mark()), takeRecords, disconnect, re-observe, the entry list's filters and sort order,
// supportedEntryTypes, and the argument errors. (node 20 lists its own entry types too and
// accepts {entryTypes, buffered}: both are in performance_webidl.js.)
const err = (f) => {
  try {
    f();
    return "no error";
  } catch (e) {
    return `${e.constructor.name} ${e.name}`;
  }
};
const names = (list) => list.map((e) => `${e.entryType}:${e.name}`).join(" ");

(async () => {
  const types = PerformanceObserver.supportedEntryTypes;
  console.log(types.includes("mark"), types.indexOf("mark") < types.indexOf("measure"),
    PerformanceObserver.supportedEntryTypes === PerformanceObserver.supportedEntryTypes,
    Object.isFrozen(PerformanceObserver.supportedEntryTypes));

  // Delivery is a task: nothing runs during mark(), the microtasks after it go first.
  await new Promise((resolve) => {
    const order = [];
    const po = new PerformanceObserver(function (list, observer) {
      order.push("callback");
      console.log("this and observer", this === po, observer === po,
        list instanceof PerformanceObserverEntryList);
      console.log("entries", names(list.getEntries()));
      console.log("by type", names(list.getEntriesByType("measure")),
        "by name", names(list.getEntriesByName("m1")), names(list.getEntriesByName("m1", "measure")));
      console.log(order.join(", "));
      po.disconnect();
      resolve();
    });
    po.observe({ entryTypes: ["mark", "measure", "not-a-type"] });
    performance.mark("m1", { startTime: 50 });
    performance.mark("m2", { startTime: 40 });
    performance.measure("m1", { start: 45, end: 46 });
    order.push("after mark");
    Promise.resolve().then(() => order.push("microtask"));
  });

  // buffered: entries from before observe().
  await new Promise((resolve) => {
    const po = new PerformanceObserver((list) => {
      console.log("buffered", names(list.getEntries()));
      po.disconnect();
      resolve();
    });
    po.observe({ type: "mark", buffered: true });
  });

  // takeRecords empties the observer's buffer; a disconnected observer hears nothing.
  {
    const po = new PerformanceObserver(() => console.log("never called"));
    po.observe({ type: "measure" });
    performance.measure("t1");
    performance.measure("t2");
    console.log("takeRecords", names(po.takeRecords()), po.takeRecords().length);
    performance.measure("t3");
    po.disconnect();
    performance.measure("t4");
    console.log("after disconnect", po.takeRecords().length);
  }

  // observe({type}) calls stack; entryTypes replaces.
  await new Promise((resolve) => {
    const po = new PerformanceObserver((list) => {
      console.log("stacked", names(list.getEntries()));
      po.disconnect();
      resolve();
    });
    po.observe({ type: "mark" });
    po.observe({ type: "measure" });
    performance.clearMarks();
    performance.clearMeasures();
    performance.mark("s1", { startTime: 1 });
    performance.measure("s2", { start: 2, end: 3 });
  });

  const po = new PerformanceObserver(() => {});
  console.log("no options", err(() => po.observe()), err(() => po.observe({})));
  console.log("both", err(() => po.observe({ type: "mark", entryTypes: ["mark"] })));
  po.observe({ type: "mark" });
  console.log("then entryTypes", err(() => po.observe({ entryTypes: ["mark"] })));
  po.disconnect();
  const po2 = new PerformanceObserver(() => {});
  po2.observe({ entryTypes: ["mark"] });
  console.log("then type", err(() => po2.observe({ type: "mark" })));
  po2.disconnect();
  console.log("bad callback", err(() => new PerformanceObserver(5)), err(() => new PerformanceObserver()));
  console.log("without new", err(() => PerformanceObserver(() => {})));
  console.log("entry list", err(() => new PerformanceObserverEntryList()));
})();
