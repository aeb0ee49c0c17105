// exit: 1
// stderr: ^Uncaught Error: from module$
// stderr: throw_in_module\.mjs:7:7
// An uncaught throw in a module.
console.log('module start');
export const x = 1;
throw new Error('from module');
