// A CommonJS main's argv: [execPath, its own absolute path, ...its arguments], the shape
// `process.argv.slice(2)` (minimist, yargs, commander) depends on; required modules see the
// same array. And process.mainModule, a CommonJS main's own.
// args: one "two words"
const path = require("node:path");
console.log(process.argv.length, path.isAbsolute(process.argv[0]), process.argv[1] === __filename,
            process.argv.slice(2));
console.log(require("node:process").argv === process.argv, require.main.filename === process.argv[1]);
console.log(process.mainModule === module, process.mainModule === require.main,
            Object.keys(Object.getOwnPropertyDescriptor(process, "mainModule")));
