// node: skip
// A MessagePort transferred to a worker lives there: messages flow both ways between port1
// (here) and port2 (in the worker), in order; messages posted on port1 before the transfer
// (queued for port2) arrive there first. The transferred port is neutered here: it cannot
// be transferred again, and posting on it goes nowhere.
const w = new Worker(new URL("./fixtures/port_echo.mjs", import.meta.url), { type: "module" });
const { port1, port2 } = new MessageChannel();
port1.postMessage("early 1");
port1.postMessage("early 2");
const info = new Promise((resolve) => { w.onmessage = (e) => resolve(e.data); });
w.postMessage({ port: port2 }, [port2]);
console.log("worker got:", JSON.stringify(await info));

// Neutered: transferring it again fails; posting on it does nothing.
for (const f of [() => w.postMessage(port2, [port2]), () => structuredClone(port2, { transfer: [port2] })]) {
  try {
    f();
    console.log("no error");
  } catch (e) {
    console.log(e.name, e.message);
  }
}
port2.postMessage("lost"); // a detached port's message goes nowhere

const N = 2000;
const got = [];
const done = new Promise((resolve) => {
  port1.onmessage = (e) => {
    got.push(e.data);
    if (typeof e.data === "string" && e.data.startsWith("count")) resolve();
  };
});
for (let i = 0; i < N; i++) port1.postMessage(i);
port1.postMessage({ map: new Map([[1, "one"]]), big: 10n, bytes: new Uint8Array([1, 2, 3]) });
port1.postMessage("count");
await done;
console.log("first:", got[0], got[1]);
const nums = got.slice(2, 2 + N);
console.log("in order:", nums.length === N && nums.every((v, i) => v === i));
const obj = got[2 + N];
console.log("clone:", obj.map.get(1), obj.big, [...obj.bytes].join());
console.log(got[3 + N]);

// An ArrayBuffer transferred through the port moves (detached here).
const buf = new ArrayBuffer(16);
const back = new Promise((resolve) => { port1.onmessage = (e) => resolve(e.data); });
port1.postMessage(buf, [buf]);
console.log("sent buffer detached:", buf.byteLength === 0, "echoed:", (await back).byteLength);

// Moved within this runtime (structuredClone's transfer), port1 keeps its peer in the worker.
const moved = structuredClone(port1, { transfer: [port1] });
const viaMoved = new Promise((resolve) => { moved.onmessage = (e) => resolve(e.data); });
moved.postMessage("through the moved port");
console.log(await viaMoved);
moved.close();
w.terminate();
