// A timeout created in an interval's callback, with the interval's delay, runs before the
// interval's next run, so clearing the interval there stops it after one run.
let n = 0;
const id = setInterval(() => {
  n++;
  console.log(`interval ${n}`);
  setTimeout(() => {
    console.log(`timeout clears after ${n}`);
    clearInterval(id);
    setTimeout(() => console.log(`done n=${n}`), 50);
  }, 10);
}, 10);
