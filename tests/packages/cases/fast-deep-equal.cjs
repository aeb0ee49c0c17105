// category: cjs-only; needs: deep subpath require (fast-deep-equal/es6)
var equal = require('fast-deep-equal');
console.log(equal({foo: 'bar'}, {foo: 'bar'})); // true
console.log(equal({foo: 'bar'}, {foo: 'baz'}));
var equal6 = require('fast-deep-equal/es6');
console.log(equal6(new Map([['a', 1]]), new Map([['a', 1]])), equal6(new Set([1]), new Set([2])));
console.log(equal6(new Int16Array([1, 2]), new Int16Array([1, 2])));
