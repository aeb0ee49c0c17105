// The main module's `module`, `exports`, `require`, __filename and __dirname, as in Node.

const rel = (p) => p.startsWith(__dirname) ? '<dir>' + p.slice(__dirname.length) : p;
console.log('this is exports:', this === module.exports, this === exports);
console.log('main:', require.main === module, module.id, module.loaded);
console.log('filename:', rel(__filename), rel(module.filename), rel(module.path));
console.log('dirname:', __dirname === module.path);
console.log('paths[0]:', rel(module.paths[0]));
console.log('last path:', module.paths[module.paths.length - 1]);
console.log('require.cache has main:', require.cache[__filename] === module);
console.log('typeof require.resolve:', typeof require.resolve, typeof require.resolve.paths);
console.log('resolve:', rel(require.resolve('./fixtures/counter')), rel(require.resolve('./fixtures/data.json')));
console.log('resolve pkg:', rel(require.resolve('pkg', { paths: [__dirname + '/fixtures'] })));
console.log('resolve builtin:', require.resolve('path'), require.resolve('node:path'));
console.log('resolve.paths relative:', require.resolve.paths('./x').map(rel));
console.log('resolve.paths builtin:', require.resolve.paths('path'));
console.log('resolve.paths bare[0]:', rel(require.resolve.paths('pkg')[0]));
const child = require('./fixtures/counter');
console.log('children:', module.children.length, rel(module.children[0].id), module.children[0].loaded);
console.log('child parent is main:', module.children[0].parent === module);
console.log('module.require:', module.require('./fixtures/counter') === child);
console.log('extensions:', Object.keys(require.extensions));
console.log('this in a module:', JSON.stringify(require('./fixtures/this_check')));
console.log('shebang:', require('./fixtures/shebang'));
setTimeout(() => console.log('loaded after run:', module.loaded));
