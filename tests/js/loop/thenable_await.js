// await of a thenable calls its then in a microtask; a throwing then rejects.
const good = { then(res) { console.log('good.then'); res('ok'); } };
const bad = { then() { console.log('bad.then'); throw new Error('then threw'); } };
const late = { then(res) { console.log('late.then'); setTimeout(() => res('late value'), 0); } };
(async () => {
  console.log('a: got', await good);
  try { await bad; } catch (e) { console.log('a: caught', e.message); }
  console.log('a: got', await late);
})();
(async () => {
  console.log('b: start');
  await null;
  console.log('b: tick 1');
  await null;
  console.log('b: tick 2');
})();
console.log('sync');
