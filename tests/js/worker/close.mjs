// node: skip
// close() inside a worker: it ends after the current task (messages queued after are dropped)
// and the program ends by itself once no worker is alive.
const w = new Worker(new URL("./fixtures/closer.js", import.meta.url));
w.onmessage = (e) => console.log(e.data);
w.postMessage("a");
w.postMessage("close");
w.postMessage("b");
