// The interval is re-armed right after its callback, before the microtask checkpoint: a
// timeout with the same delay created in a microtask of the callback runs after the
// interval's next run, one created in the callback itself before it.
let n = 0;
const id = setInterval(() => {
  n++;
  console.log(`interval ${n}`);
  if (n === 1) {
    Promise.resolve().then(() => setTimeout(() => console.log('timeout from microtask'), 10));
    setTimeout(() => console.log('timeout from callback'), 10);
  }
  if (n === 3) clearInterval(id);
}, 10);
