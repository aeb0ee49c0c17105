// Timers due in the same pass, with one delay: an interval, a timeout that clears it after
// its first run, and a timeout that clears a second interval before that one runs. Busy-
// waiting past the deadline makes them all due in one pass.
const start = performance.now();
let a = 0, b = 0;
const ia = setInterval(() => { a++; console.log(`a ${a}`); }, 5);
setTimeout(() => { console.log('clear a'); clearInterval(ia); }, 5);
setTimeout(() => { console.log('clear b'); clearInterval(ib); }, 5);
const ib = setInterval(() => { b++; console.log(`b ${b}`); }, 5);
while (performance.now() - start < 20);
setTimeout(() => console.log(`done a=${a} b=${b}`), 50);
