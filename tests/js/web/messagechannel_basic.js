// MessageChannel / MessagePort: messages arrive in order as MessageEvents with a structured
// clone of the data; a port queues until started (onmessage or start()); close() stops
// delivery both ways; the ports are entangled pairs.
const { port1, port2 } = new MessageChannel();
console.log(port1 instanceof MessagePort, port2 instanceof MessagePort, port1 !== port2);
const sent = { list: [1, 2], when: new Date(5), map: new Map([["k", "v"]]) };
port2.onmessage = (e) => {
  console.log("port2 got", e.constructor.name, e.type, JSON.stringify(e.data.list), e.data.when.getTime(),
    e.data.map.get("k"), e.data !== sent, e.origin === "", e.lastEventId === "", e.source,
    Array.isArray(e.ports), e.ports.length, e.target === port2);
  if (e.data.last) port2.close();
};
port1.postMessage(sent);
port1.postMessage({ list: [3], when: new Date(6), map: new Map(), last: true });
sent.list.push(99); // after posting: not seen by the receiver

const c2 = new MessageChannel();
const got = [];
c2.port1.addEventListener("message", (e) => got.push(e.data));
c2.port2.postMessage("queued");
setImmediate(() => {
  c2.port1.start();
  setImmediate(() => {
    console.log("after start", got.join());
    c2.port1.close();
    c2.port2.postMessage("after close");
    setImmediate(() => console.log("closed", got.join()));
  });
});

const c3 = new MessageChannel();
c3.port1.onmessage = (e) => {
  console.log("reply", e.data);
  c3.port1.close();
};
c3.port2.onmessage = (e) => {
  e.target.postMessage(e.data * 2);
  c3.port2.close();
};
c3.port1.postMessage(21);
try { new MessagePort(); } catch (e) { console.log(e.name); }
try { port1.postMessage(); } catch (e) { console.log(e.name); }
try { port1.postMessage(() => {}); } catch (e) { console.log(e.name, e.message); }
