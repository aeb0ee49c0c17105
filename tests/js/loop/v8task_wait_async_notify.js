// Atomics.notify settles a waitAsync promise through a task V8 posts: delivered at once,
// not when something else happens to wake the loop. A pending waitAsync timeout (a delayed
// task) does not keep the process alive: it ends after the last timer, not after 60 s.
// timeout: 8000
const ia = new Int32Array(new SharedArrayBuffer(16));
console.log('not equal', Atomics.waitAsync(ia, 0, 1).value);
Atomics.waitAsync(ia, 0, 0).value.then((v) => console.log('waiter 0', v));
Atomics.waitAsync(ia, 1, 0, 60000).value.then((v) => console.log('waiter 1', v));
setTimeout(() => {
  console.log('notify 0 woke', Atomics.notify(ia, 0));
  setTimeout(() => console.log('notify 1 woke', Atomics.notify(ia, 1)), 20);
}, 10);
