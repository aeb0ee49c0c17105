// A three-module cycle a -> b -> c -> a: evaluation order, hoisted functions, TDZ, live
// bindings across the cycle.
import { a, bumpA } from './fixtures/cyc3/a.mjs';
import { c } from './fixtures/cyc3/c.mjs';
console.log('main: a =', a, 'c =', c, typeof bumpA);
