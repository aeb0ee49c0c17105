// node: skip
// Transferred ArrayBuffers are detached in the sender and arrive with their bytes, both ways;
// what cannot be transferred is a DataCloneError and nothing is detached.
const w = new Worker(new URL("./fixtures/transfer_back.js", import.meta.url));
const big = new ArrayBuffer(1 << 20);
new Uint8Array(big).fill(7);
const small = new Uint8Array([9, 8, 7]).buffer;
w.postMessage({ buf: big, i: 0 }, [big]);
console.log("sender after transfer:", big.byteLength, big.detached);
w.postMessage({ buf: small, i: 1 }, { transfer: [small] });
console.log("sender after transfer:", small.byteLength, small.detached);

const keep = new ArrayBuffer(8);
try {
  w.postMessage(keep, [keep, keep]);
} catch (e) {
  console.log(e.name, e.message);
}
try {
  w.postMessage(keep, [keep, {}]);
} catch (e) {
  console.log(e.name, e.message);
}
try {
  w.postMessage({ f() {} });
} catch (e) {
  console.log(e.name, e.message);
}
console.log("kept:", keep.byteLength);

let n = 0;
w.onmessage = (e) => {
  const d = e.data;
  if ("afterSend" in d) console.log("worker sender after transfer:", d.afterSend, d.detached);
  else {
    const v = new Uint8Array(d.buf);
    console.log(`back ${d.i}: len ${d.len} first-before ${d.before} now ${v[0]} last ${v[v.length - 1]}`);
  }
  if (++n === 4) w.terminate();
};
