// A user's Error.prepareStackTrace still works: it gets the call sites (without the
// runtime's own frames) and its result is the stack. Node's own frames are dropped here.
Error.prepareStackTrace = (error, sites) =>
  `${error.message}: ` + sites
    .filter((s) => !String(s.getFileName()).startsWith('node:'))
    .map((s) => `${s.getFunctionName()}@${String(s.getFileName()).replace(/^.*\//, '')}:${s.getLineNumber()}`)
    .join(' ');
function inner() { return new Error('sync').stack; }
console.log(inner());
setTimeout(function later() {
  console.log(new Error('timer').stack);
  Error.prepareStackTrace = undefined;
  console.log(new Error('default again').stack.split('\n')[0]);
}, 1);
