// exit: 1
// stderr: Uncaught TypeError: reported
// node: skip — reportError with nobody listening (or nobody cancelling) is an uncaught error:
// reported, and the program ends there (deno's behaviour; node has no reportError).
console.log("before");
reportError(new TypeError("reported"));
console.log("never");
