// node: skip
// exit: 1
// stderr: ^Uncaught RangeError: not handled \(in worker "w"\)$
// An error event nobody cancels is reported in the parent as an uncaught error: the program
// ends with exit code 1 (as in Deno).
const w = new Worker(new URL("./fixtures/throws_range.js", import.meta.url), { name: "w" });
w.onerror = (e) => console.log("seen:", e.message);
setTimeout(() => console.log("never printed"), 5000);
