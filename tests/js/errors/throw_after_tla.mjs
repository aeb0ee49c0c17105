// exit: 1
// stderr: ^Uncaught Error: after await$
// A module that throws after a top-level await: exit 1, the timer does not run.
console.log('before await');
await new Promise((r) => setTimeout(r, 1));
console.log('after await');
setTimeout(() => console.log('timer MUST NOT RUN'), 0);
throw new Error('after await');
