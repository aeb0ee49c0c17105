// exit: 1
// stderr: ^Uncaught
// stderr: custom
// Throwing a plain object prints it.
console.log('before');
throw { kind: 'custom', code: 7 };
