// Lifetime, as in node: a port listening for messages keeps the program alive until it is
// closed; unref() lets the program end with it open; an open BroadcastChannel keeps the
// program alive until closed.
const { port1, port2 } = new MessageChannel();
let n = 0;
port2.onmessage = (e) => {
  console.log("tick", e.data);
  if (++n === 3) {
    port2.close();
    console.log("closed");
  }
};
// Messages sent late, from timers: the port must still be alive to get them.
setTimeout(() => port1.postMessage(1), 20);
setTimeout(() => port1.postMessage(2), 40);
setTimeout(() => port1.postMessage(3), 60);

const idle = new MessageChannel();
idle.port1.onmessage = () => console.log("never");
idle.port1.unref(); // would otherwise keep the program alive forever

const bc = new BroadcastChannel("lifetime");
const bc2 = new BroadcastChannel("lifetime");
bc2.onmessage = (e) => {
  console.log("bc", e.data);
  bc.close();
  bc2.close();
};
setTimeout(() => bc.postMessage("late"), 80);
console.log("script end");
