// exit: 1
// stderr: Uncaught \(in promise\) 42
// Rejecting with a non-Error value.
console.log('start');
Promise.reject(42);
