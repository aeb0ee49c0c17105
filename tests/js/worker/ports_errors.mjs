// node: skip
// What cannot be sent to a worker with ports: a port not in the transfer list (ports are not
// cloneable), the same port twice, a port through itself; nothing is detached then and the
// port still works. A port sent through its own peer to a worker is doomed: it arrives
// closed, without error.
const w = new Worker(new URL("./fixtures/port_echo.mjs", import.meta.url), { type: "module" });
const { port1, port2 } = new MessageChannel();
const tries = {
  "not transferred": () => w.postMessage({ port2 }),
  "twice": () => w.postMessage(null, [port2, port2]),
  "through itself": () => port2.postMessage(null, [port2]),
  "a closed port": () => {
    const c = new MessageChannel();
    c.port1.close();
    w.postMessage(null, [c.port1]);
  },
};
for (const [what, f] of Object.entries(tries)) {
  try {
    f();
    console.log(what, "sent");
  } catch (e) {
    console.log(what + ":", e.name);
  }
}
const info = new Promise((resolve) => { w.onmessage = (e) => resolve(e.data); });
w.postMessage(port2, [port2]);
console.log("still transferable:", JSON.stringify(await info));
const echo = new Promise((resolve) => { port1.onmessage = (e) => resolve(e.data); });
port1.postMessage("works");
console.log(await echo);
port1.close();
w.terminate();
