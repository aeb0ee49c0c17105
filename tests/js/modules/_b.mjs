import { bump, counter } from './_shared.mjs';
console.log('evaluate _b, counter =', counter);
bump();
export default 'B';
