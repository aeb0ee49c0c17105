// require() of an ES module whose graph is being evaluated: Node's ERR_REQUIRE_CYCLE_MODULE
// (V8 must not be asked to evaluate it again), named after the first requirer.
const rel = (s) => s.split(__dirname).join('<dir>');
try {
  require('./fixtures/esm_cycle/a.mjs');
} catch (e) {
  console.log(e.code);
  console.log(rel(e.message));
}
