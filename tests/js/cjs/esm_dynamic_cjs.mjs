// import() of CommonJS, the require.cache shared with createRequire, CommonJS's own requires.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const viaRequire = require('./fixtures/counter.js');
const ns = await import('./fixtures/counter.js');
console.log(ns.default === viaRequire, ns.default.load, Object.keys(ns));
const cyc = await import('./fixtures/cycle_a.js');
console.log(cyc.default.late, cyc.late, cyc.fromB);
const meta = await import('./fixtures/uses_import_meta.mjs');
console.log(meta.data.name, meta.cjs === viaRequire);
try {
  await import('./fixtures/thrower.js').then((m) => m.default());
} catch (e) {
  console.log(e.message);
}
try {
  await import('./fixtures/syntax_error.js');
} catch (e) {
  console.log(e.name);
}
