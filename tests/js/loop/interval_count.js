// setInterval runs repeatedly until cleared; a microtask between runs each time.
let n = 0;
const id = setInterval(() => {
  n++;
  console.log(`interval ${n}`);
  Promise.resolve().then(() => console.log(`  micro ${n}`));
  if (n === 5) clearInterval(id);
}, 2);
setTimeout(function check() {
  if (n < 5) { setTimeout(check, 5); return; }
  console.log(`stopped at ${n}`);
}, 5);
