// node: skip
// A port with a listener keeps the program alive while its peer (in a worker) is open;
// once the peer closes, or a message carrying it is dropped (its worker terminated), it no
// longer does: this program ends by itself (it would time out otherwise). Posting to a
// closed peer is silently dropped.
const url = new URL("./fixtures/port_echo.mjs", import.meta.url);
const w = new Worker(url, { type: "module" });
const { port1, port2 } = new MessageChannel();
const info = new Promise((resolve) => { w.onmessage = (e) => resolve(e.data); });
w.postMessage(port2, [port2]);
await info;
const echo = new Promise((resolve) => { port1.onmessage = (e) => resolve(e.data); });
port1.postMessage("x");
console.log("echo:", await echo, "holds the program:", port1.hasRef());
port1.postMessage("close");
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
for (let i = 0; i < 400 && port1.hasRef(); i++) await tick();
console.log("after the worker closed its end:", port1.hasRef());
port1.postMessage("after close"); // dropped, no error

const gone = new Worker(url, { type: "module" });
gone.terminate();
const c = new MessageChannel();
c.port1.onmessage = () => console.log("unexpected");
gone.postMessage(c.port2, [c.port2]);
for (let i = 0; i < 400 && c.port1.hasRef(); i++) await tick();
console.log("its peer sent to a terminated worker:", c.port1.hasRef());
w.unref();
console.log("end");
