// An interval that clears itself from its own callback after 3 runs.
let n = 0;
const id = setInterval(() => {
  n++;
  console.log(`tick ${n}`);
  if (n === 3) {
    clearInterval(id);
    setTimeout(() => console.log(`after clear: n=${n}`), 20);
  }
}, 1);
