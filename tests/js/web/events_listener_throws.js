// exit: 1
// stderr: Uncaught Error: in listener
// node: skip — an exception in an event listener is reported (reportError): uncancelled, it
// is an uncaught error and the program ends, as in deno and node (node reports it on the next
// tick, so a later line runs there; here the rest of the dispatch does not).
const t = new EventTarget();
t.addEventListener("x", () => { throw new Error("in listener"); });
t.addEventListener("x", () => console.log("never"));
console.log("dispatching");
t.dispatchEvent(new Event("x"));
