// category: cjs-only; needs: deep subpath requires (lodash/fp, lodash/chunk)
var _ = require('lodash');
var fp = require('lodash/fp');
var chunk = require('lodash/chunk');

console.log(JSON.stringify(_.groupBy([6.1, 4.2, 6.3], Math.floor)));
console.log(JSON.stringify(_.sortBy([{ u: 'fred', a: 48 }, { u: 'barney', a: 36 }], ['a'])));
console.log(_.template('hello <%= user %>!')({ user: 'fred' }));
console.log(JSON.stringify(chunk(['a', 'b', 'c', 'd'], 3)));
console.log(JSON.stringify(fp.map(fp.add(1))([1, 2, 3])));
console.log(fp.flow(fp.filter(function (n) { return n % 2; }), fp.sum)([1, 2, 3, 4, 5]));
console.log(_.VERSION.split('.').length, _.isEqual({ a: [1] }, { a: [1] }));
