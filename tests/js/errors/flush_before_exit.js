// timeout: 30000
// node: skip
// exit: 1
// stderr: ^Uncaught Error: after lots of output$
// All output written before an uncaught error reaches stdout, even a lot of it.
// (node: skip because Node itself loses queued pipe output when it dies of an uncaught
// exception; the .out is the 20000 lines below.)
for (let i = 0; i < 20000; i++) console.log(`line ${i} ${'x'.repeat(40)}`);
throw new Error('after lots of output');
