// Delays are coerced like Node: 0, negative, NaN, non-numeric strings, null and undefined
// become 1 ms; '1' is 1 ms; all of those share a deadline and fire in creation order.
// Delays above 2^31-1 (and Infinity) also become 1 ms (Node warns on stderr).
function busy(ms) { const end = performance.now() + ms; while (performance.now() < end); }
setTimeout(() => console.log('delay 0'), 0);
setTimeout(() => console.log('delay -10'), -10);
setTimeout(() => console.log('delay NaN'), NaN);
setTimeout(() => console.log("delay 'abc'"), 'abc');
setTimeout(() => console.log("delay '1'"), '1');
setTimeout(() => console.log('delay undefined'), undefined);
setTimeout(() => console.log('delay null'), null);
setTimeout(() => console.log('no delay argument'));
setTimeout(() => console.log('delay 2**31 (overflow)'), 2 ** 31);
setTimeout(() => console.log('delay Infinity'), Infinity);
setTimeout(() => console.log('delay 1'), 1);
setTimeout(() => console.log("delay '30'"), '30');
setTimeout(() => console.log('delay 60'), 60);
busy(80);
