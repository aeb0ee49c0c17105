import { b, fromB } from './_cycle_b.mjs';
console.log('evaluate _cycle_a; b =', b);
export const a = 'a-value';
export function fromA() { return 'fromA sees ' + b; }
console.log(fromB());
