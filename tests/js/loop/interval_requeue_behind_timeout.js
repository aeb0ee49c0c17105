// An interval is re-armed after its callback, so a timeout with the same delay created in
// the callback runs before the interval's next run (Node's order).
let n = 0;
const id = setInterval(() => {
  n++;
  console.log(`interval ${n}`);
  if (n <= 2) setTimeout(() => console.log(`timeout from run ${n}`), 10);
  if (n === 4) clearInterval(id);
}, 10);
