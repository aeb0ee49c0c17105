import { fromA } from './_cycle_a.mjs';
console.log('evaluate _cycle_b (a not yet initialized)');
export const b = 'b-value';
export function fromB() { return 'fromB calls ' + fromA(); }
