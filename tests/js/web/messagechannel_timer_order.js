// Message delivery against timers, immediates and microtasks (node's order): a timer already
// due runs before a message posted in the same turn (timers phase, then the port's
// delivery), messages before the immediates of that iteration, a microtask checkpoint after
// each callback. Busy waits make the timers due whatever the machine's speed.
const log = [];
function busy(ms) { const s = Date.now(); while (Date.now() - s < ms); }
const { port1, port2 } = new MessageChannel();
port2.onmessage = (e) => {
  log.push("msg " + e.data);
  Promise.resolve().then(() => log.push("p-in-msg " + e.data));
  if (e.data === "x") {
    port1.postMessage("y");
    setImmediate(() => log.push("imm-in-msg"));
  }
};
setTimeout(() => {
  log.push("A");
  port1.postMessage("x");
  setImmediate(() => log.push("imm-A"));
  Promise.resolve().then(() => log.push("p-A"));
}, 0);
setTimeout(() => log.push("B"), 0);
setTimeout(() => log.push("C"), 1);
setImmediate(() => {
  log.push("imm");
  port1.postMessage("from-imm");
  setImmediate(() => {
    log.push("imm2");
    console.log(log.join("\n"));
    port2.close();
  });
});
busy(5);
port1.postMessage("main");
Promise.resolve().then(() => log.push("p-main"));
