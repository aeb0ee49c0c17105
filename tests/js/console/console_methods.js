// console.info/debug go to stdout; error/warn/trace/assert go to stderr (not in .out).
console.info('info', 1);
console.debug('debug', { a: 1 });
console.error('error goes to stderr');
console.warn('warn goes to stderr');
console.assert(true, 'not printed');
console.assert(false, 'assert goes to stderr');
console.count();
console.count();
console.count('label');
console.count();
console.countReset();
console.count();
console.countReset('label');
console.count('label');
console.log('done');
