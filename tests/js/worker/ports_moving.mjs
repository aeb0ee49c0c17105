// node: skip
// timeout: 30000
// One end of a channel moves back and forth between this thread and a worker while a
// second worker streams numbers into the other end: each number arrives exactly once and
// in order across the holders (messages queued for the port, or on their way, move with
// it).
const url = (f) => new URL(`./fixtures/${f}`, import.meta.url);
const N = 3000;
const streamer = new Worker(url("streamer.mjs"), { type: "module" });
const bouncer = new Worker(url("bouncer.mjs"), { type: "module" });
const { port1, port2 } = new MessageChannel();
const all = [];
let moves = 0;
const done = new Promise((resolve) => {
  const hold = (port) => {
    let taken = 0;
    port.onmessage = (m) => {
      all.push(m.data);
      if (all.length === N) return resolve(port);
      if (++taken === 50) {
        port.onmessage = null;
        moves++;
        bouncer.postMessage({ k: 50 }, [port]);
      }
    };
  };
  bouncer.onmessage = (e) => {
    all.push(...e.data.got);
    if (all.length >= N) return resolve(e.ports[0]);
    hold(e.ports[0]);
  };
  hold(port2);
});
streamer.postMessage({ n: N }, [port1]);
const last = await done;
console.log("received:", all.length, "in order:", all.every((v, i) => v === i));
console.log("the port moved many times:", moves > 10);
last.close();
bouncer.terminate();
