// Key ordering: integer keys first ascending, then strings in insertion order, then symbols.
const o = { b: 1, 2: 'two', a: 2, 1: 'one', [Symbol('s')]: 3, '-1': 'neg', '01': 'lead' };
console.log(o);
console.log(Object.keys(o).join(','));
console.log({ 'a.b': 1, 'a-b': 2, a_b: 3, 'ünï': 4, '0x': 5, 'class': 6, 'null': 7 });
console.log(JSON.stringify({ b: 1, a: [1, { c: 2 }] }));
console.log(JSON.stringify({ b: 1, a: [1, { c: 2 }] }, null, 2));
