// exit: 1
// stderr: Uncaught Error: not cancelled
// node: skip — a global `error` listener that does not cancel: the error is reported as
// uncaught after the listener ran, and nothing after it runs (as in deno).
addEventListener("error", (e) => console.log("listener saw", e.error.message, e.defaultPrevented));
setTimeout(() => { throw new Error("not cancelled"); }, 0);
setTimeout(() => console.log("never"), 5);
