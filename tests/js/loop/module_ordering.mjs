// The same ordering rules hold in a module.
const order = [];
const log = (s) => { order.push(s); console.log(s); };
setTimeout(() => log('timeout'), 0);
setTimeout(() => setImmediate(() => {
  log('immediate');
  setTimeout(() => log('timeout from immediate'), 0);
  queueMicrotask(() => log('micro from immediate'));
}), 0);
queueMicrotask(() => log('micro'));
(async () => { log('async body'); await 0; log('after await'); })();
log('sync');
export {};
