// Deleting a require.cache entry loads the file again; keeping it returns the same exports.
const key = require.resolve('./fixtures/counter');
const first = require('./fixtures/counter');
console.log(first.load, require('./fixtures/counter') === first);
delete require.cache[key];
const second = require('./fixtures/counter');
console.log(second.load, second === first);
console.log('cached again:', require.cache[key].exports === second);
require.cache[key].exports = { replaced: true };
console.log(require('./fixtures/counter'));
