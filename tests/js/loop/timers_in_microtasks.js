// Timers created from microtasks are ordered by creation like any other.
setTimeout(() => console.log('timer from script'), 0);
Promise.resolve().then(() => {
  setTimeout(() => console.log('timer from micro 1'), 0);
  Promise.resolve().then(() => setTimeout(() => console.log('timer from nested micro'), 0));
});
queueMicrotask(() => setTimeout(() => console.log('timer from queueMicrotask'), 0));
setTimeout(() => {
  Promise.resolve().then(() => {
    setTimeout(() => console.log('timer from micro in timer'), 0);
  });
  console.log('second script timer');
}, 0);
