// An interval and a timeout with the same delay: the interval (created first) runs first;
// the rescheduled interval keeps running until cleared.
let n = 0;
const id = setInterval(() => {
  n++;
  console.log(`interval ${n}`);
  if (n === 3) {
    clearInterval(id);
    setTimeout(() => console.log('done'), 10);
  }
}, 5);
setTimeout(() => console.log('timeout 5'), 5);
