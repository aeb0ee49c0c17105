// timeout: 30000
// A chain of 100000 microtasks runs to completion before any timer or immediate.
let n = 0;
setTimeout(() => {
  console.log(`timer sees n=${n}`);
  setImmediate(() => console.log(`immediate sees n=${n}`));
}, 0);
function step() {
  n++;
  if (n < 100000) queueMicrotask(step);
  else console.log('chain done');
}
queueMicrotask(step);
let m = 0;
function pstep() { if (++m < 50000) return Promise.resolve().then(pstep); console.log('promise chain done'); }
Promise.resolve().then(pstep);
console.log('sync end');
