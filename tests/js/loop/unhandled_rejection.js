// exit: 1
// stderr: Uncaught \(in promise\) Error: nobody catches this
// An unhandled rejection is reported after the microtask checkpoint: exit 1, timers do
// not run. Microtasks of that checkpoint still run.
Promise.reject(new Error('nobody catches this'));
Promise.resolve().then(() => console.log('micro still runs'));
setTimeout(() => console.log('timer MUST NOT RUN'), 0);
console.log('sync');
