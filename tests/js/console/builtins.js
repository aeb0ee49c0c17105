// Dates, RegExps, boxed primitives, typed arrays, ArrayBuffer, Promises.
console.log(new Date(0));
console.log([new Date('2020-02-29T12:34:56.789Z')]);
console.log(new Date(NaN));
console.log(/ab+c/gi, [/x/]);
console.log(new Uint8Array([1, 2, 3]), new Float64Array(2), new Int16Array(0));
console.log(new ArrayBuffer(4));
console.log(new DataView(new ArrayBuffer(2)));
console.log(Promise.resolve(42), new Promise(() => {}));
const rejected = Promise.reject(new Error('x'));
rejected.catch(() => {});
console.log(Promise.resolve({ a: [1] }));
console.log(Object(1), Object('str'), Object(true));
console.log(Math, JSON, Reflect);
console.log(new Uint8Array(200));
