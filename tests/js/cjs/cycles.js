// A require cycle: the module required back sees the partial exports.
const a = require('./fixtures/cycle_a');
console.log(a.early, a.late, a.fromB);
const b = require('./fixtures/cycle_b');
console.log('b saw a partial:', b.seen, 'a loaded then:', b.aLoaded);
console.log('same object:', require('./fixtures/cycle_a') === a);
