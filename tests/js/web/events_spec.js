// node: skip — DOM/WebIDL behaviour where node departs from the spec (checked by hand against
// the DOM standard, and against deno where it follows it): capture listeners first at the
// target, no listener added during a dispatch runs in it, passive listeners cannot cancel,
// isTrusted is an own unforgeable accessor, WebIDL property shapes, ErrorEvent and
// PromiseRejectionEvent, globalThis as an event target.
const t = new EventTarget();
const order = [];
t.addEventListener("x", () => order.push("bubble1"));
t.addEventListener("x", () => order.push("capture"), { capture: true });
t.addEventListener("x", () => { order.push("bubble2"); t.addEventListener("x", () => order.push("late")); });
t.dispatchEvent(new Event("x"));
console.log(order.join(","));

// passive: preventDefault is ignored.
const p = new EventTarget();
p.addEventListener("p", (e) => { e.preventDefault(); console.log("in passive", e.defaultPrevented); }, { passive: true });
console.log("passive result", p.dispatchEvent(new Event("p", { cancelable: true })));

// Re-dispatching an event being dispatched.
const r = new EventTarget();
r.addEventListener("r", (e) => {
  try { r.dispatchEvent(e); } catch (err) { console.log(err.name, err.code, err instanceof DOMException); }
});
r.dispatchEvent(new Event("r"));

// stopPropagation before the dispatch stops nothing on a one-target path.
const sp = new Event("s");
sp.stopPropagation();
let ran = 0;
r.addEventListener("s", () => ran++);
r.dispatchEvent(sp);
console.log("after stopPropagation", ran, sp.cancelBubble);

// isTrusted: own, unforgeable, one getter for all events; platform events are trusted.
const d1 = Object.getOwnPropertyDescriptor(new Event("a"), "isTrusted");
const d2 = Object.getOwnPropertyDescriptor(new CustomEvent("b"), "isTrusted");
console.log(typeof d1.get, d1.get === d2.get, d1.enumerable, d1.configurable, d1.set);
const ac = new AbortController();
ac.signal.addEventListener("abort", (e) => console.log("abort trusted", e.isTrusted));
ac.abort();

// WebIDL shapes.
const desc = (o, k) => { const d = Object.getOwnPropertyDescriptor(o, k); return `${k}:${d.enumerable ? "e" : "-"}${d.configurable ? "c" : "-"}${"writable" in d ? (d.writable ? "w" : "-") : "a"}`; };
console.log(desc(Event.prototype, "type"), desc(Event.prototype, "preventDefault"), desc(Event, "AT_TARGET"),
  desc(Event.prototype, "AT_TARGET"), desc(EventTarget.prototype, "addEventListener"), desc(Event, "prototype"));
console.log(Event.length, CustomEvent.length, EventTarget.length, ErrorEvent.length, PromiseRejectionEvent.length,
  EventTarget.prototype.addEventListener.length, EventTarget.prototype.dispatchEvent.length,
  Event.prototype.initEvent.length, AbortSignal.timeout.length, AbortSignal.any.length);
console.log(Object.getOwnPropertyDescriptor(Event.prototype, "type").get.name,
  Object.getPrototypeOf(CustomEvent) === Event, Object.keys(new Event("k")).join());
console.log(String(Event.prototype[Symbol.toStringTag]), Object.prototype.toString.call(new ErrorEvent("e")));

// Dictionary members are read in order, once.
const reads = [];
new ErrorEvent("e", new Proxy({}, { get(o, k) { reads.push(String(k)); return undefined; } }));
console.log(reads.join(","));

// ErrorEvent and PromiseRejectionEvent.
const ee = new ErrorEvent("error", { message: "m", filename: "f.js", lineno: 3.9, colno: -1, error: 42, cancelable: true });
console.log(ee.message, ee.filename, ee.lineno, ee.colno, ee.error, ee.cancelable);
const pr = Promise.resolve(1);
const pe = new PromiseRejectionEvent("unhandledrejection", { promise: pr, reason: "why" });
console.log(pe.promise === pr, pe.reason, pe.type);
for (const f of [() => new PromiseRejectionEvent("x"), () => new PromiseRejectionEvent("x", {}),
  () => new Event("x", 5), () => new Event(Symbol())]) {
  try { f(); console.log("no error"); } catch (err) { console.log(err.constructor.name); }
}

// globalThis as an event target.
let g = 0;
function onG(e) { g++; console.log("global", this === globalThis, e.target === globalThis); }
addEventListener("g", onG);
console.log(dispatchEvent(new Event("g")), globalThis.dispatchEvent(new Event("g")));
removeEventListener("g", onG);
dispatchEvent(new Event("g"));
console.log("global count", g, typeof reportError, onerror, onunhandledrejection);

// A listener's exception goes to the global error event; cancelled, dispatch goes on.
addEventListener("error", (e) => {
  console.log("error event", e.constructor.name, e.message, e.error.message, e.cancelable);
  e.preventDefault();
});
const x = new EventTarget();
x.addEventListener("y", () => { throw new Error("from listener"); });
x.addEventListener("y", () => console.log("next listener runs"));
console.log("dispatch returns", x.dispatchEvent(new Event("y")));
reportError(new TypeError("reported"));
console.log("done");
