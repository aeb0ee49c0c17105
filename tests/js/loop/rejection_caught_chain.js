// A throw inside then skips to the next catch; catch recovers the chain.
Promise.resolve(1)
  .then((v) => { console.log('then', v); throw new Error('mid'); })
  .then(() => console.log('skipped MUST NOT PRINT'))
  .catch((e) => { console.log('catch', e.message); return 2; })
  .then((v) => console.log('recovered', v))
  .finally(() => console.log('finally'));
const p = Promise.reject(new Error('two handlers'));
p.catch((e) => console.log('handler 1', e.message));
p.then(null, (e) => console.log('handler 2', e.message));
