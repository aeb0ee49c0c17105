// The classic ordering case: synchronous code first, then every microtask, then timers
// in creation order.
function foo() {
  console.log('foo');
  Promise.resolve().then(() => console.log('micro-foo'));
  setTimeout(() => console.log('macro-foo'), 0);
}
function bar() {
  console.log('bar');
  Promise.resolve().then(() => console.log('micro-bar'));
  setTimeout(() => console.log('macro-bar'), 0);
}
foo();
bar();
console.log('global');
Promise.resolve().then(() => console.log('micro-global'));
setTimeout(() => console.log('macro-global'), 0);
