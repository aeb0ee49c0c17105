// setInterval with delay 0 is clamped to 1 ms and still repeats; it never blocks
// immediates forever: each run is a separate macrotask.
let n = 0;
const id = setInterval(() => {
  n++;
  if (n === 20) {
    clearInterval(id);
    console.log('interval ran 20 times');
  }
}, 0);
