// exit: 1
// stderr: Uncaught Error: timer boom
// stderr: error_in_timer\.js:\d+:\d+
// An error thrown in a timer callback ends the process with exit 1: timers due in the
// same pass and later timers do not run; microtasks the first timer queued do not either.
setTimeout(() => console.log('before'), 0);
setTimeout(() => {
  console.log('throwing');
  Promise.resolve().then(() => console.log('micro MUST NOT RUN'));
  setImmediate(() => console.log('immediate MUST NOT RUN'));
  throw new Error('timer boom');
}, 1);
setTimeout(() => console.log('same pass MUST NOT RUN'), 1);
setTimeout(() => console.log('later MUST NOT RUN'), 50);
