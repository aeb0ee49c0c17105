// Inside an immediate: a timer that is already due when the immediate returns runs before
// an immediate queued by that immediate (the loop passes through its timers first).
function busy(ms) { const end = performance.now() + ms; while (performance.now() < end); }
setImmediate(() => {
  console.log('immediate 1');
  setImmediate(() => console.log('immediate 2'));
  setTimeout(() => console.log('timer (due)'), 0);
  busy(10);
});
