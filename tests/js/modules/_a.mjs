import { bump, counter } from './_shared.mjs';
console.log('evaluate _a, counter =', counter);
bump();
export const a = 'A';
