// import() never settles synchronously: the promise settles after the current script and
// its microtasks; concurrent imports of the same module share one evaluation.
import('./fixtures/sub/deeper/leaf.mjs').then((ns) => console.log('first import:', ns.leaf));
import('./fixtures/sub/deeper/leaf.mjs').then((ns) => console.log('second import:', ns.leaf));
Promise.resolve().then(() => console.log('microtask'));
console.log('sync end');
