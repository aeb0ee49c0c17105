// When timers of two delays are all due in one pass, Node runs every due timer of the list
// (one delay) with the earliest deadline before the other list's, even one whose deadline
// is later: a (100 ms) and c (100 ms, made 50 ms later) run before b (20 ms, due between).
// Busy-waiting until c and b are certainly due puts all three in one pass.
setTimeout(() => console.log('a: 100 ms, made first'), 100);
const start = performance.now();
while (performance.now() - start < 50);
setTimeout(() => console.log('c: 100 ms, made at 50 ms'), 100);
const cMade = performance.now();
while (performance.now() - start < 90);
setTimeout(() => console.log('b: 20 ms, made at 90 ms'), 20);
const bMade = performance.now();
while (performance.now() < Math.max(cMade + 100, bMade + 20) + 10);
