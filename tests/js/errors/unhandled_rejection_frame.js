// exit: 1
// stderr: ^[^\n]*unhandled_rejection_frame\.js:7:9\n  throw new RangeError\('late'\);\n        \^\n\nUncaught \(in promise\) RangeError: late$
// An unhandled rejection shows where its error was thrown, with the source line.
async function work() {
  await null;
  console.log('working');
  throw new RangeError('late');
}
work();
