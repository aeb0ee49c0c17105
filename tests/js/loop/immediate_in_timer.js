// Inside a timer callback, setImmediate runs before a setTimeout(0) created there.
setTimeout(() => {
  console.log('timer');
  setTimeout(() => console.log('timeout 0 from timer'), 0);
  setImmediate(() => console.log('immediate from timer'));
  Promise.resolve().then(() => console.log('micro from timer'));
}, 0);
