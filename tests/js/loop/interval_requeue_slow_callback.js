// A callback slower than its interval: a timeout it creates (same delay) is queued ahead of
// the re-armed interval, whose next deadline (from the callback's start) is already past;
// the interval still waits for that timeout, as in Node.
let n = 0;
const id = setInterval(() => {
  n++;
  console.log(`interval ${n}`);
  if (n === 1) {
    const t = performance.now();
    while (performance.now() - t < 30);
    setTimeout(() => console.log('timeout made after a slow callback'), 20);
  }
  if (n === 3) clearInterval(id);
}, 20);
