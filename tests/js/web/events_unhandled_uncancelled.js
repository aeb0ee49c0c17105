// exit: 1
// stderr: Uncaught \(in promise\) Error: nobody cancels
// node: skip — an `unhandledrejection` listener that does not cancel: the rejection is
// reported as unhandled (exit 1) after the listener ran.
addEventListener("unhandledrejection", (e) => console.log("listener saw", e.reason.message));
Promise.reject(new Error("nobody cancels"));
setTimeout(() => console.log("never"), 5);
