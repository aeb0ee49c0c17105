// Timers fire by deadline, not by creation order; equal delays by creation order.
// (Deadlines are far apart so a stalled machine cannot reorder them.)
function busy(ms) { const end = performance.now() + ms; while (performance.now() < end); }
setTimeout(() => console.log('300'), 300);
setTimeout(() => console.log('200'), 200);
setTimeout(() => console.log('1'), 1);
setTimeout(() => console.log('200 (second)'), 200);
setTimeout(() => console.log('100'), 100);
busy(320); // everything is due at once: still deadline order
