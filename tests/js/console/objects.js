// Plain objects: keys that need quotes, symbol keys, nesting depth, empty objects.
console.log({});
console.log({ a: 1, b: 'two', c: [3], d: { e: null } });
console.log({ 'needs-quote': 1, 'with space': 2, valid_id: 3, $dollar: 4, 42: 'numeric', '': 'empty' });
console.log({ [Symbol('sym')]: 'symbol key', [Symbol.iterator]: 0 });
console.log({ a: { b: { c: { d: { e: 1 } } } } });
console.log({ a: { b: { c: {} } }, arr: [[[[1]]]] });
console.log(Object.create(null));
const o = Object.create(null);
o.x = 1;
console.log(o);
console.log({ undef: undefined, nul: null, nan: NaN, neg: -0, big: 1n });
