// exit: 1
// stderr: ^Uncaught 42$
// Throwing a non-Error value prints the value.
console.log('before');
throw 42;
