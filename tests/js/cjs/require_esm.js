// require() of an ES module (Node 22, and 20.19+): the namespace; top-level await refused.
const ns = require('./fixtures/esm_pkg/esm.js');
console.log(ns.v, ns.default(), ns[Symbol.toStringTag], Object.keys(ns), ns.__esModule);
console.log(require('./fixtures/esm_pkg/esm.js') === ns);
console.log(require('./fixtures/detected_esm.js'));
// Imported by both: one module instance.
console.log(require('./fixtures/uses_import_meta.mjs').cjs === require('./fixtures/counter.js'));
try {
  require('./fixtures/esm_pkg/tla.js');
} catch (e) {
  console.log(e.code);
}
