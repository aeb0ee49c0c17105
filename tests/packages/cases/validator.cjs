// category: cjs-only; needs: deep subpath require (validator/lib/isEmail)
var validator = require('validator');
var isEmail = require('validator/lib/isEmail').default;

console.log(validator.isEmail('foo@bar.com')); //=> true
console.log(isEmail('not an email'));
console.log(validator.isURL('https://example.com/x?y=1'), validator.isUUID('not'));
console.log(validator.escape('<a href="x">&</a>'));
console.log(validator.normalizeEmail('Foo.Bar+tag@GMAIL.com'));
console.log(validator.isIP('192.168.0.1', 4), validator.isIP('::1'), validator.isJSON('{"a":1}'));
