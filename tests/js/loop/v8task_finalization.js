// A FinalizationRegistry cleanup, a task V8 posts after a collection, runs before the process
// ends though nothing else is pending; a registry whose target lives on keeps nothing alive.
// The same output as `node --expose-gc` (node runs this file only with that flag).
// flags: --v8-flags=--expose-gc
// node: skip
const cleaned = [];
const fr = new FinalizationRegistry((held) => {
  cleaned.push(held);
  if (cleaned.length === 3) console.log('cleaned', cleaned.sort().join(' '));
});
(function () {
  for (let i = 0; i < 3; i++) fr.register({ i }, i);
})();
globalThis.alive = {};
fr.register(globalThis.alive, 'alive');
gc();
console.log('end of script', cleaned.length);
