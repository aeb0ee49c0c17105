// A package in node_modules: its package.json "main", and the package's own requires.

const req = require('module').createRequire(__dirname + '/fixtures/x.js');
const pkg = req('pkg');
console.log(pkg);
console.log(req('pkg') === pkg);
