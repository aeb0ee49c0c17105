// category: cjs-only; depends on side-channel & friends (many small CommonJS packages)
var qs = require('qs');
var assert = require('assert');

var obj = qs.parse('a=c');
assert.deepEqual(obj, { a: 'c' });

var str = qs.stringify(obj);
assert.equal(str, 'a=c');
console.log(JSON.stringify(qs.parse('foo[bar][baz]=foobarbaz&a[]=b&a[]=c')));
console.log(qs.stringify({ a: { b: { c: 'd', e: 'f' } }, l: [1, 2] }));
console.log(qs.stringify({ a: ['b', 'c'] }, { arrayFormat: 'brackets', encode: false }));
console.log(JSON.stringify(qs.parse('?a=1&b=2', { ignoreQueryPrefix: true })));
