// exit: 1
// stderr: ^Uncaught \(in promise\) Error: rejected here$
// stderr: unhandled_rejection_error\.js:\d+:\d+
// An unhandled rejection with an Error prints its stack.
console.log('start');
async function go() {
  await null;
  throw new Error('rejected here');
}
go();
