// node: skip — globalThis `unhandledrejection` / `rejectionhandled` (PromiseRejectionEvent, as
// in deno and browsers; node has process events instead): a cancelled rejection is not
// reported and the program ends normally; a handler attached later fires rejectionhandled.
addEventListener("unhandledrejection", (e) => {
  console.log("unhandled:", e.constructor.name, e.reason.message, e.promise instanceof Promise,
    e.cancelable, e.isTrusted);
  e.preventDefault();
});
addEventListener("rejectionhandled", (e) => {
  console.log("handled later:", e.constructor.name, e.reason.message, e.cancelable);
});
const p = Promise.reject(new Error("first"));
Promise.reject(new Error("handled in time")).catch(() => {});
setTimeout(() => {
  p.catch(() => console.log("caught late"));
  Promise.reject(new Error("second"));
}, 10);
setTimeout(() => console.log("end"), 80);
// A handler attached during its own unhandledrejection event: no rejectionhandled later.
setTimeout(() => {
  const q = Promise.reject(new Error("third"));
  addEventListener("unhandledrejection", (e) => {
    if (e.promise === q) q.catch(() => console.log("caught during its event"));
  }, { once: true });
}, 30);
