// await of non-promises (numbers, null, undefined, objects, functions) takes one tick.
async function f(label, v) {
  console.log(`${label} before`);
  const r = await v;
  console.log(`${label} after`, typeof r, r === v);
}
f('number', 42);
f('null', null);
f('undefined', undefined);
f('object', { a: 1 });
f('function', function g() {});
Promise.resolve().then(() => console.log('then 1')).then(() => console.log('then 2'));
console.log('sync');
