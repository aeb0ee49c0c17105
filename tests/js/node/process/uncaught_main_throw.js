// A throw at the top level of a CommonJS main goes to uncaughtException listeners, and the
// program goes on (Node).
process.on('uncaughtException', (e, origin) => console.log('caught', e.message, origin));
setTimeout(() => console.log('later'), 0);
console.log('before');
throw new Error('boom');
