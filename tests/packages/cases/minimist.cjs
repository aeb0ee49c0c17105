// category: cjs-only; needs: process.argv
var parseArgs = require('minimist');

console.log(JSON.stringify(parseArgs(['-a', 'beep', '-b', 'boop'])));
console.log(JSON.stringify(parseArgs(['-x', '3', '-y', '4', '-n5', '-abc', '--beep=boop', 'foo', 'bar', 'baz'])));
console.log(JSON.stringify(parseArgs(['--no-color', '-v', '--', '--x'], { boolean: ['v'], alias: { v: 'verbose' } })));
var argv = require('minimist')(process.argv.slice(2));
console.log(JSON.stringify(argv));
