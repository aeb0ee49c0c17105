// import() of failing modules: missing, missing dependency, syntax error, throwing during
// evaluation (a second import rejects with the same error and does not evaluate again).
import { n, inc } from './fixtures/dyn/counter.mjs';
for (const spec of ['./fixtures/dyn/nope.mjs', './fixtures/dyn/missing_dep.mjs']) {
  try {
    await import(spec);
  } catch (e) {
    console.log(spec, '->', e.name, e.code);
  }
}
try {
  await import('./fixtures/dyn/syntax.mjs');
} catch (e) {
  console.log('syntax error ->', e.name, e instanceof SyntaxError);
}
let first;
try {
  await import('./fixtures/dyn/throws.mjs');
} catch (e) {
  first = e;
  console.log('throwing module ->', e.name, e.message);
}
try {
  await import('./fixtures/dyn/throws.mjs');
} catch (e) {
  console.log('again -> same error object:', e === first);
}
// Already loaded statically: the same namespace, no second evaluation, live bindings.
const ns = await import('./fixtures/dyn/counter.mjs');
inc();
console.log('loaded module:', ns.n, n, ns.inc === inc);
// A query makes another module instance.
const other = await import('./fixtures/dyn/counter.mjs?second');
console.log('query string instance:', other.n, other !== ns);
// Top-level await inside a dynamically imported module.
console.log('awaiting dyn/tla');
const t = await import('./fixtures/dyn/tla.mjs');
console.log('got', t.default);
