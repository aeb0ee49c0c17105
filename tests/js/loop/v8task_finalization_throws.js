// An error thrown by a FinalizationRegistry cleanup (a task V8 posts) is uncaught: the
// process ends with it and nothing after it runs, as with `node --expose-gc`.
// flags: --v8-flags=--expose-gc
// node: skip
// exit: 1
// stderr: ^Uncaught Error: boom 1$
const fr = new FinalizationRegistry((held) => {
  throw new Error('boom ' + held);
});
(function () {
  fr.register({}, 1);
})();
gc();
setTimeout(() => console.log('timer after the error: must not run'), 50);
console.log('end of script');
