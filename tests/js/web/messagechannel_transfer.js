// node: skip
// (node 20 departs from HTML here: a port missing from the transfer list is a TypeError
// there, e.ports is not frozen, a detached buffer in the list is accepted.)
// Transfer through postMessage: ArrayBuffers move (the sender's is detached, no copy), a
// MessagePort moves to the receiver (e.ports and inside the data) and stays entangled with
// its peer; messages queued on a port before its transfer go with it.
const { port1, port2 } = new MessageChannel();
const inner = new MessageChannel();
inner.port2.postMessage("queued before transfer");
const ab = new Uint8Array([1, 2, 3]).buffer;
port2.onmessage = (e) => {
  const { buf, port } = e.data;
  console.log("got", buf.byteLength, Array.from(new Uint8Array(buf)).join(), e.ports.length,
    e.ports[0] === port, port instanceof MessagePort, Object.isFrozen(e.ports));
  port.onmessage = (m) => {
    console.log("through moved port:", m.data);
    if (m.data === "second") {
      port.close();
      port2.close();
    }
  };
  inner.port1.postMessage("from the detached original: dropped");
  setImmediate(() => inner.port2.postMessage("second"));
};
port1.postMessage({ buf: ab, port: inner.port1 }, [ab, inner.port1]);
console.log("sender", ab.byteLength);
try { port1.postMessage(inner.port2); } catch (e) { console.log("not in transfer list:", e.name); }
try { port1.postMessage(1, [port1]); } catch (e) { console.log("own port:", e.name); }
try { port1.postMessage(1, { transfer: [ab] }); } catch (e) { console.log("detached buffer:", e.name); }
