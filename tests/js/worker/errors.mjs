// node: skip
// An uncaught error in a worker fires a cancelable ErrorEvent on the Worker (message, filename,
// lineno, colno) and ends that worker; cancelled, the parent goes on (Deno's behaviour).
const url = new URL("./fixtures/throws.js", import.meta.url);
const w = new Worker(url, { name: "thrower" });
w.onmessage = (e) => console.log("message:", e.data);
await new Promise((resolve) => {
  w.onerror = (e) => {
    console.log(e instanceof ErrorEvent, e.type, e.cancelable);
    console.log("message:", e.message);
    console.log("filename is the worker's:", e.filename === url.pathname || e.filename === url.href);
    console.log("lineno:", e.lineno, "colno:", e.colno);
    e.preventDefault();
    resolve();
  };
});

// In a message handler of a module worker: the same, returned true from onerror cancels.
const w2 = new Worker(new URL("./fixtures/throws_in_handler.mjs", import.meta.url), { type: "module" });
w2.postMessage(1);
w2.postMessage("throw");
w2.postMessage(2); // the worker is gone: never answered
await new Promise((resolve) => {
  w2.onmessage = (e) => console.log("w2:", e.data);
  w2.addEventListener("error", (e) => {
    console.log("w2 error:", e.message, e.lineno);
    setTimeout(resolve, 50);
  });
  w2.onerror = () => true;
});

// A worker whose script does not exist: an error event too.
const w3 = new Worker("./fixtures/no_such_file.js");
await new Promise((resolve) => {
  w3.onerror = (e) => {
    console.log("missing:", e.message.includes("no_such_file.js"));
    e.preventDefault();
    resolve();
  };
});
console.log("parent goes on");
