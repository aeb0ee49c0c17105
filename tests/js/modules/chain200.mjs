// A chain of 200 modules (fixtures/chain, made by fixtures/chain/gen.mjs): the deepest module
// is evaluated first and every module exactly once.
import { depth } from './fixtures/chain/m000.mjs';
import { log } from './fixtures/chain/log.mjs';
console.log('depth', depth, 'evaluated', log.length);
console.log('first', log.slice(0, 3).join(','), 'last', log.slice(-3).join(','));
let ordered = true;
for (let i = 0; i < log.length; i++) if (log[i] !== log.length - 1 - i) ordered = false;
console.log('deepest first:', ordered);
const again = await import('./fixtures/chain/m100.mjs');
console.log('import() of a loaded module:', again.depth, log.length);
