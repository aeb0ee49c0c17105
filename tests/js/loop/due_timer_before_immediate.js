// After the main script: a timer that is already due runs before a pending immediate
// (the loop's first phase is timers).
function busy(ms) { const end = performance.now() + ms; while (performance.now() < end); }
setImmediate(() => console.log('immediate'));
setTimeout(() => console.log('timer 1ms'), 1);
setTimeout(() => console.log('timer 2ms'), 2);
busy(10);
console.log('sync end');
