// Top-level await between sibling modules: siblings without await run while an earlier
// sibling waits; a module importing the waiting one runs only after it; main runs last.
import { slow } from './fixtures/tla/slow.mjs';
import { micro } from './fixtures/tla/micro.mjs';
import { sync } from './fixtures/tla/sync.mjs';
import { afterSlow } from './fixtures/tla/after_slow.mjs';
console.log('main:', slow, micro, sync, afterSlow);
setTimeout(() => console.log('main: timer after evaluation'), 0);
await null;
console.log('main: after its own await');
