// node: skip — globalThis `error` events (node has none; deno's behaviour, checked with deno
// 2.9): an uncaught error in a timer, an immediate or a microtask fires a cancelable
// ErrorEvent at globalThis first; cancelled, it is not reported and the program goes on.
// onerror gets (message, filename, lineno, colno, error) and cancels by returning true.
let n = 0;
function listener(e) {
  n++;
  console.log("error:", e.constructor.name, e.message, e.error instanceof Error ? e.error.message : e.error,
    e.cancelable, e.isTrusted, e.filename.endsWith("events_global_error.js"), e.lineno > 0, e.colno > 0,
    e.target === globalThis);
  e.preventDefault();
}
addEventListener("error", listener);
// Each step starts from the previous one, so the order does not depend on timing.
setTimeout(() => { throw new Error("timer"); }, 0);
setTimeout(() => {
  console.log("next timer runs");
  setImmediate(() => { throw new RangeError("immediate"); });
  setImmediate(() => {
    console.log("next immediate runs");
    queueMicrotask(() => { throw "a string"; });
    queueMicrotask(() => {
      console.log("next microtask runs");
      removeEventListener("error", listener);
      onerror = (message, filename, lineno, colno, error) => {
        console.log("onerror:", message, typeof filename, typeof lineno, error.message);
        return true;
      };
      setTimeout(() => { throw new Error("handled by onerror"); }, 0);
      setTimeout(() => { onerror = null; console.log("count", n, onerror); }, 0);
    });
  });
}, 0);
