// A rejection handled later in the same microtask checkpoint is not reported.
const p = Promise.reject(new Error('handled late'));
Promise.resolve()
  .then(() => null)
  .then(() => null)
  .then(() => {
    p.catch((e) => console.log('caught:', e.message));
  });
const q = Promise.reject(new Error('handled in queueMicrotask'));
queueMicrotask(() => q.catch((e) => console.log('caught:', e.message)));
async function f() { throw new Error('async handled'); }
const r = f();
Promise.resolve().then(() => r.catch((e) => console.log('caught:', e.message)));
setTimeout(() => console.log('timer runs, exit 0'), 0);
