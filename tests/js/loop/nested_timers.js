// A timer created inside a timer callback runs in a later pass, after the siblings
// that were already due.
setTimeout(() => {
  console.log('outer 1');
  setTimeout(() => {
    console.log('inner 1');
    setTimeout(() => console.log('innermost'), 0);
  }, 0);
}, 0);
setTimeout(() => {
  console.log('outer 2');
  setTimeout(() => console.log('inner 2'), 0);
}, 0);
setTimeout(() => console.log('outer 3'), 0);
console.log('sync');
