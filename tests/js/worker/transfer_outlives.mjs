// node: skip
// Transferred memory moves without a copy and outlives the worker that made it: read, resized
// and freed after the worker's runtime is gone (checked for use after free under ASan).
const w = new Worker(new URL("./fixtures/send_and_end.js", import.meta.url));
const got = [];
await new Promise((resolve) => {
  w.onmessage = (e) => {
    got.push(e.data);
    if (got.length === 2) resolve();
  };
});
await new Promise((resolve) => setTimeout(resolve, 200)); // the worker has ended by now
const [a, b] = got;
console.log(a.byteLength, new Uint8Array(a)[100], new Uint8Array(a.transfer(10))[5]);
console.log(b.byteLength, new Uint8Array(b)[(1 << 21) - 1], new Uint8Array(b.transfer(1 << 22))[99]);
