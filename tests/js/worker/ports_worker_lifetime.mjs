// node: skip
// A worker kept alive only by a port listening in it ends once the other end (here) is
// closed; then nothing keeps this program alive either: it ends by itself (a worker still
// running would hold it, and the test would time out). Node ends the same way; deno keeps
// its workers until terminate().
const w = new Worker(new URL("./fixtures/port_maker.mjs", import.meta.url), { type: "module" });
const port = await new Promise((resolve) => { w.onmessage = (e) => resolve(e.ports[0]); });
const reply = new Promise((resolve) => { port.onmessage = (e) => resolve(e.data); });
port.postMessage("hi");
console.log(await reply);
port.close();
console.log("closed");
