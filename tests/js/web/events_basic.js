// Event, EventTarget and CustomEvent where node agrees with the DOM spec: listeners, options
// (once, capture, signal), handleEvent objects, dispatch flags, subclassing, argument errors.
const log = [];
const t = new EventTarget();
function a(e) { log.push(`a ${e.type} ${this === t} ${e.target === t} ${e.currentTarget === t} ${e.eventPhase}`); }
t.addEventListener("x", a);
t.addEventListener("x", a); // a duplicate is ignored
t.addEventListener("x", { handleEvent(e) { log.push(`obj ${this !== t} ${e.type}`); } });
t.addEventListener("x", () => log.push("once"), { once: true });
const ev = new Event("x");
console.log(t.dispatchEvent(ev), ev.target === t, ev.currentTarget, ev.eventPhase);
t.dispatchEvent(new Event("x"));
t.removeEventListener("x", a);
t.dispatchEvent(new Event("x"));
console.log(log.join("\n"));

// Defaults and init.
const e = new Event("type", { bubbles: true, cancelable: true, composed: true });
console.log(e.type, e.bubbles, e.cancelable, e.composed, e.defaultPrevented, e.isTrusted);
console.log(typeof e.timeStamp, e.timeStamp > 0, e.returnValue, e.cancelBubble);
e.preventDefault();
console.log(e.defaultPrevented, e.returnValue);
const nc = new Event("n");
nc.preventDefault();
console.log(nc.defaultPrevented);
console.log(Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, Event.BUBBLING_PHASE);
console.log(new Event("z").composedPath().length);

// Cancelation is the return value of dispatchEvent.
const c = new EventTarget();
c.addEventListener("c", (ev) => ev.preventDefault());
console.log(c.dispatchEvent(new Event("c", { cancelable: true })), c.dispatchEvent(new Event("c")));

// stopImmediatePropagation ends the dispatch.
const s = new EventTarget();
const order = [];
s.addEventListener("s", (ev) => { order.push(1); ev.stopImmediatePropagation(); });
s.addEventListener("s", () => order.push(2));
s.dispatchEvent(new Event("s"));
console.log(order.join(","));

// A listener removed during dispatch does not run in it (one added then: events_spec.js).
const d = new EventTarget();
const seen = [];
function second() { seen.push("second"); }
d.addEventListener("d", () => { seen.push("first"); d.removeEventListener("d", second); });
d.addEventListener("d", second);
d.dispatchEvent(new Event("d"));
d.dispatchEvent(new Event("d"));
console.log(seen.join(","));

// An AbortSignal removes the listener.
const ac = new AbortController();
let n = 0;
d.addEventListener("sig", () => n++, { signal: ac.signal });
d.dispatchEvent(new Event("sig"));
ac.abort();
d.dispatchEvent(new Event("sig"));
console.log("signal", n);

// CustomEvent.
const ce = new CustomEvent("c", { detail: { k: 1 } });
console.log(ce.detail.k, new CustomEvent("c").detail, ce instanceof Event);

// Subclasses.
class Emitter extends EventTarget {
  emit(type, detail) { return this.dispatchEvent(new CustomEvent(type, { detail })); }
}
const em = new Emitter();
em.addEventListener("hi", (ev) => console.log("got", ev.detail, ev.target === em));
em.emit("hi", 42);
class MyEvent extends Event {
  constructor(x) { super("my"); this.x = x; }
}
em.addEventListener("my", (ev) => console.log("my", ev.x, ev instanceof MyEvent));
em.dispatchEvent(new MyEvent(7));

// Dispatching the same event object again is allowed once the first dispatch ended.
const again = new Event("d");
console.log(d.dispatchEvent(again), d.dispatchEvent(again));

// Errors.
for (const f of [
  () => new Event(),
  () => Event("x"),
  () => t.dispatchEvent({}),
  () => t.dispatchEvent(),
  () => t.addEventListener("x"),
  () => EventTarget.prototype.addEventListener.call(5, "x", () => {}),
  () => Object.getOwnPropertyDescriptor(Event.prototype, "type").get.call({}),
  () => t.addEventListener("x", () => {}, { signal: 1 }),
]) {
  try { f(); console.log("no error"); } catch (err) { console.log(err.constructor.name); }
}
console.log(Object.prototype.toString.call(t), Object.prototype.toString.call(e),
  Object.prototype.toString.call(ce));
