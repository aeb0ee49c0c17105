// category: cjs-only (no main: index.js)
var escape = require('escape-html');

var html = escape('foo & bar');
console.log(html);
console.log(escape('<script>alert("x\'y")</script>'));
