// exit: 1
// stderr: ^Uncaught TypeError: boom$
// stderr: uncaught_throw\.js:8:9
// An uncaught throw at top level: output before it is kept, exit 1, stack with file:line:col.
console.log('before');
function fail() {
  console.log('in fail');
  throw new TypeError('boom');
}
fail();
console.log('MUST NOT PRINT');
