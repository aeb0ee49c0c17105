// category: dual (the require condition)
const R = require('ramda');
console.log(R.add(2, 3), R.add(7)(10));
console.log(JSON.stringify(R.sortBy(R.prop('age'), [{ age: 3 }, { age: 1 }])));
