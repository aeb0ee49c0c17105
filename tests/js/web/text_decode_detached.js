// TextDecoder.decode of a detached buffer (or a view of one) returns "", as in Node and
// browsers; the decoder stays usable.
const ab = new ArrayBuffer(8);
const view = new Uint8Array(ab);
view.set([104, 105]);
const dv = new DataView(ab, 1, 2);
structuredClone(ab, { transfer: [ab] });
const d = new TextDecoder();
console.log(JSON.stringify(d.decode(view)));
console.log(JSON.stringify(d.decode(ab)));
console.log(JSON.stringify(d.decode(dv)));
console.log(JSON.stringify(d.decode(view, { stream: true })));
console.log(JSON.stringify(d.decode(new Uint8Array([111, 107]))));
