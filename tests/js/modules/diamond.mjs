// A diamond: two modules import the same base; the base is evaluated once (the module map
// is keyed by resolved URL, so '../diamond/./base.mjs' is the same module).
import { side as l } from './fixtures/diamond/left.mjs';
import { side as r } from './fixtures/diamond/right.mjs';
import { log } from './fixtures/diamond/base.mjs';
console.log('main:', l, r, log.join(','));
