// Resolving with a thenable costs an extra tick (NewPromiseResolveThenableJob), and
// resolving with a native promise costs two.
const log = (s) => console.log(s);
const thenable = { then(res) { log('thenable.then called'); res('thenable value'); } };
new Promise((r) => r(thenable)).then((v) => log(`resolved: ${v}`));
new Promise((r) => r(Promise.resolve('native'))).then((v) => log(`resolved: ${v}`));
Promise.resolve('plain').then((v) => log(`resolved: ${v}`));
Promise.resolve()
  .then(() => log('tick 1'))
  .then(() => log('tick 2'))
  .then(() => log('tick 3'))
  .then(() => log('tick 4'));
log('sync');
