// exit: 1
// stderr: Uncaught RangeError: micro boom
// An error thrown by queueMicrotask's callback is uncaught: exit 1, no timers run.
queueMicrotask(() => console.log('micro 1'));
queueMicrotask(() => { throw new RangeError('micro boom'); });
setTimeout(() => console.log('timer MUST NOT RUN'), 0);
console.log('sync');
