// An interval cleared from an immediate queued by the interval's third run: the immediate
// runs before the interval is due again (check phase comes before the next timers phase
// that could see the rescheduled interval).
let n = 0;
const id = setInterval(() => {
  n++;
  console.log(`interval ${n}`);
  if (n === 3) {
    setImmediate(() => {
      console.log('immediate clears interval');
      clearInterval(id);
      setTimeout(() => console.log(`final n=${n}`), 30);
    });
  }
}, 5);
