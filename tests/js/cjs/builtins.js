// Builtins: bare and node: names give the same object; node:module's helpers.
const Module = require('module');
console.log(require('path') === require('node:path'));
console.log(Module === require('node:module'), typeof Module, Module.Module === Module);
console.log(Module.isBuiltin('fs'), Module.isBuiltin('node:fs'), Module.isBuiltin('node:test'),
            Module.isBuiltin('test'), Module.isBuiltin('nope'));
console.log(Module.builtinModules.includes('path'), Module.builtinModules.includes('fs/promises'));
console.log(JSON.stringify(Module.wrap('x')));
console.log(typeof Module._resolveFilename, typeof Module._load, typeof Module.createRequire,
            typeof Module._extensions['.js'], typeof Module._nodeModulePaths);
console.log(Module._nodeModulePaths('/a/node_modules/b/c'));
console.log(module instanceof Module);
const req = Module.createRequire(__filename);
console.log(req('./fixtures/data.json').name);
const fromDir = Module.createRequire(__dirname + '/fixtures/');
console.log(fromDir('./data.json') === req('./fixtures/data.json'));
try {
  Module.createRequire('relative/path.js');
} catch (e) {
  console.log(e.code);
}
