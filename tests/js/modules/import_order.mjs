// Dependencies evaluate once, depth-first in import order, before the importing module;
// imported bindings are live.
import { a } from './_a.mjs';
import b from './_b.mjs';
import { counter } from './_shared.mjs';
import * as ns from './_shared.mjs';
console.log('evaluate main:', a, b, 'counter =', counter);
ns.bump();
console.log('after bump: counter =', counter, Object.keys(ns).sort().join(','));
