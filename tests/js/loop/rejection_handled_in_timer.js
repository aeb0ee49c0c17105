// exit: 1
// stderr: Uncaught \(in promise\) Error: too late
// A handler attached only in a later macrotask is too late: the rejection is reported
// at the end of the checkpoint where it was made, and the timer never runs.
const p = Promise.reject(new Error('too late'));
setTimeout(() => p.catch(() => console.log('timer MUST NOT RUN')), 0);
console.log('sync');
