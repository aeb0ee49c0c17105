// Circular imports: the deepest module evaluates first; hoisted functions work across
// the cycle.
import { a, fromA } from './_cycle_a.mjs';
import { b } from './_cycle_b.mjs';
console.log('main:', a, b, fromA());
