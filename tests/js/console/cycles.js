// Circular references are marked with <ref *N> and [Circular *N].
const a = { name: 'a' };
a.self = a;
console.log(a);
const b = { name: 'b', child: { name: 'child' } };
b.child.parent = b;
console.log(b);
const arr = [1];
arr.push(arr);
console.log(arr);
const m = new Map();
m.set('me', m);
console.log(m);
const x = { name: 'x' }, y = { name: 'y', x };
x.y = y;
console.log([x, y]);
