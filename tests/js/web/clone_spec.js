// node: skip
// structuredClone where node 20 departs from the HTML spec and WebIDL (its .out is
// hand-written from the spec): length 1; transferring a detached, duplicated or
// non-transferable object is a DataCloneError; a transferred buffer moves without a copy.
console.log(structuredClone.length);
const ab = new ArrayBuffer(8);
new Uint8Array(ab)[0] = 7;
const moved = structuredClone(ab, { transfer: [ab] });
console.log(ab.byteLength, moved.byteLength, new Uint8Array(moved)[0]);
for (const [name, transfer] of [["detached", [ab]], ["duplicate", [moved, moved]],
  ["plain object", [{}]], ["iterable", new Set([moved, moved])]]) {
  try {
    structuredClone(1, { transfer });
    console.log(name, "transferred");
  } catch (e) {
    console.log(name, e instanceof DOMException, e.name, e.message);
  }
}
console.log(moved.byteLength);
const inner = new Uint32Array(4);
const out = structuredClone({ view: inner }, { transfer: new Set([inner.buffer]) });
console.log(inner.length, out.view.length, out.view.buffer.byteLength);
