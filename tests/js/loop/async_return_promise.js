// An async function returning a promise settles later than one returning a value;
// await of a native promise takes a single tick.
async function retValue() { return 'value'; }
async function retPromise() { return Promise.resolve('promise'); }
async function awaitPromise() { return await Promise.resolve('awaited'); }
retPromise().then((v) => console.log(`returned ${v}`));
retValue().then((v) => console.log(`returned ${v}`));
awaitPromise().then((v) => console.log(`returned ${v}`));
let p = Promise.resolve();
for (let i = 1; i <= 5; i++) p = p.then(() => console.log(`tick ${i}`));
