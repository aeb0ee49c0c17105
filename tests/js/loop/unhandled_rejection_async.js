// exit: 1
// stderr: Uncaught \(in promise\) TypeError: async fail
// An async function that throws, never awaited, is an unhandled rejection.
async function fail() {
  await null;
  throw new TypeError('async fail');
}
setTimeout(() => {
  console.log('timer 1');
  fail();
}, 0);
setTimeout(() => console.log('timer 2 MUST NOT RUN'), 20);
