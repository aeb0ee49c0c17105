// Promise.resolve(p) returns p itself for native promises; subclasses and thenables differ.
const p = Promise.resolve(1);
console.log('same object:', Promise.resolve(p) === p);
class MyPromise extends Promise {}
const m = MyPromise.resolve(2);
console.log('subclass wrapped:', Promise.resolve(m) !== m, m instanceof MyPromise);
m.then((v) => console.log('subclass value', v));
Promise.resolve(p).then(() => console.log('resolve(p).then'));
p.then(() => console.log('p.then'));
