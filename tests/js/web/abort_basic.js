// AbortController and AbortSignal: abort(reason), the default AbortError, throwIfAborted,
// onabort and listeners in order, AbortSignal.abort/timeout/any, argument errors.
const ac = new AbortController();
const s = ac.signal;
console.log(s.aborted, s.reason, s instanceof EventTarget, ac.signal === s);
const order = [];
s.addEventListener("abort", (e) => order.push(`listener ${e.type} ${e.target === s} ${s.aborted}`));
s.onabort = (e) => order.push(`onabort ${e.type}`);
ac.abort();
ac.abort("ignored");
console.log(order.join("\n"));
console.log(s.aborted, s.reason instanceof DOMException, s.reason.name, s.reason.code);
try { s.throwIfAborted(); } catch (e) { console.log("thrown", e === s.reason); }
new AbortController().signal.throwIfAborted();

const ac2 = new AbortController();
ac2.abort({ why: 1 });
console.log(ac2.signal.reason.why);
const ac3 = new AbortController();
ac3.abort(undefined);
console.log(ac3.signal.reason.name);

const pre = AbortSignal.abort("r");
console.log(pre.aborted, pre.reason, AbortSignal.abort().reason.name);

// any: follows its sources; already aborted sources give an aborted signal.
const a1 = new AbortController(), a2 = new AbortController();
const any = AbortSignal.any([a1.signal, a2.signal]);
any.addEventListener("abort", () => console.log("any aborted", any.reason));
console.log(any.aborted);
a2.abort("second");
a1.abort("first");
console.log(any.reason, AbortSignal.any([pre, a1.signal]).reason, AbortSignal.any([]).aborted);
const nested = AbortSignal.any([AbortSignal.any([new AbortController().signal])]);
console.log(nested.aborted);

// timeout: a TimeoutError after the delay.
const ts = AbortSignal.timeout(10);
console.log(ts.aborted);
ts.onabort = () => console.log("timeout", ts.reason.name, ts.reason.code, ts.reason instanceof DOMException);
setTimeout(() => console.log("after timeout", ts.aborted), 200);

for (const f of [
  () => new AbortSignal(),
  () => AbortSignal.timeout(),
  () => AbortSignal.any(),
  () => AbortSignal.any([1]),
  () => Object.getOwnPropertyDescriptor(AbortSignal.prototype, "aborted").get.call({}),
  () => AbortController.prototype.abort.call({}),
]) {
  try { f(); console.log("no error"); } catch (e) { console.log(e.constructor.name); }
}
console.log(Object.prototype.toString.call(s), Object.prototype.toString.call(ac));
