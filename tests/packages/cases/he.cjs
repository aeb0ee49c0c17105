// category: cjs-only (UMD)
var he = require('he');
console.log(he.encode('foo © bar ≠ baz 𝌆 qux'));
console.log(he.encode('foo © bar ≠ baz 𝌆 qux', { 'useNamedReferences': true }));
console.log(he.decode('foo &copy; bar &ne; baz &#x1D306; qux'));
console.log(he.escape('<img src=\'x\' onerror="prompt(1)">'));
console.log(he.unescape('&lt;img src=&#x27;x&#x27;&gt;'));
