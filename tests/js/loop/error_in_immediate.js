// exit: 1
// stderr: Uncaught TypeError: immediate boom
// An error thrown in an immediate ends the process; the next immediate does not run.
setImmediate(() => {
  console.log('first');
  setTimeout(() => console.log('timer MUST NOT RUN'), 0);
});
setImmediate(() => { throw new TypeError('immediate boom'); });
setImmediate(() => console.log('third MUST NOT RUN'));
