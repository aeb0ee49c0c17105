// import() of bare specifiers resolves from the importing module, as static imports do.
const m = await import('./fixtures/app/index.js');
const { load } = await import('./fixtures/app/t_dynamic.js');
console.log(m.name, await load('dep-index'), await load('#util'));
