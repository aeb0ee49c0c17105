// Delivery order: each message is a macrotask of its own (microtasks run between two
// messages), after the script's microtasks and before setImmediate callbacks; messages posted
// from a handler keep their order behind those already queued; two channels interleave in
// posting order.
const log = [];
const a = new MessageChannel();
const b = new MessageChannel();
a.port2.onmessage = (e) => {
  log.push(`a:${e.data}`);
  Promise.resolve().then(() => log.push(`a-micro:${e.data}`));
  if (e.data === 1) a.port1.postMessage(3);
};
b.port2.onmessage = (e) => {
  log.push(`b:${e.data}`);
  queueMicrotask(() => log.push(`b-micro:${e.data}`));
};
a.port1.postMessage(1);
b.port1.postMessage(1);
a.port1.postMessage(2);
b.port1.postMessage(2);
Promise.resolve().then(() => log.push("script-micro"));
setImmediate(() => {
  log.push("immediate");
  a.port1.postMessage(4);
  setImmediate(() => {
    console.log(log.join("\n"));
    a.port2.close();
    b.port2.close();
  });
});
