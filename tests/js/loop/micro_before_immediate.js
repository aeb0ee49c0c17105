// After the main script, all microtasks (including those queued by microtasks) run before
// any immediate.
setImmediate(() => console.log('immediate 1'));
setImmediate(() => console.log('immediate 2'));
let n = 0;
const again = () => { if (++n < 5) Promise.resolve().then(again); else console.log('micro chain done'); };
Promise.resolve().then(again);
console.log('sync');
