// A .js file that uses import/export syntax runs as a module (strict, top-level await).
import { x } from './_dep_for_js.mjs';
console.log('x =', x);
await null;
console.log('top-level await works');
let strict = false;
try { undeclaredVariable = 1; } catch (e) { strict = e instanceof ReferenceError; }
console.log('strict mode:', strict);
export {};
