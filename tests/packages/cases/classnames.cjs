// category: cjs-only (exports default)
const classNames = require('classnames');

console.log(classNames('foo', 'bar'));
console.log(classNames('foo', { bar: true }));
console.log(classNames({ 'foo-bar': true }));
console.log(classNames({ 'foo-bar': false }));
console.log(classNames({ foo: true }, { bar: true }));
console.log(classNames('foo', { bar: true, duck: false }, 'baz', { quux: true }));
console.log(classNames(null, false, 'bar', undefined, 0, 1, { baz: null }, ''));
console.log(classNames('a', ['b', { c: true, d: false }]));
