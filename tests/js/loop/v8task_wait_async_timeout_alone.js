// A waitAsync timeout alone keeps nothing alive (node: the process ends without it).
const ia = new Int32Array(new SharedArrayBuffer(16));
const r = Atomics.waitAsync(ia, 0, 0, 200);
console.log('async', r.async);
r.value.then((v) => console.log('settled', v));
