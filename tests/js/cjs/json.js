// JSON files: parsed once, the same object each time; a BOM is ignored; a parse error names
// the file.
const data = require('./fixtures/data.json');
console.log(data, require('./fixtures/data.json') === data);
console.log(require('./fixtures/bom.json'));
try {
  require('./fixtures/bad.json');
} catch (e) {
  const file = require.resolve('./fixtures/bad.json');
  console.log(e.name, e.message.startsWith(file + ': '));
}
console.log(require('./fixtures/node_modules/pkg/package.json').version);
