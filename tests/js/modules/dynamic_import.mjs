// import() loads and evaluates a module asynchronously; a second import() of the same
// specifier gives the same namespace without evaluating again.
console.log('before import()');
const p = import('./_lazy.mjs');
const ns = await p;
console.log('namespace:', ns.value, ns.default());
const ns2 = await import('./_lazy.mjs');
console.log('same namespace object:', ns === ns2);
try {
  await import('./_does_not_exist.mjs');
} catch (e) {
  console.log('missing module rejects:', e instanceof Error);
}
