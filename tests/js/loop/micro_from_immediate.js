// Microtasks queued by an immediate run before the next immediate.
for (let i = 1; i <= 3; i++) {
  setImmediate(() => {
    console.log(`immediate ${i}`);
    Promise.resolve().then(() => console.log(`  then ${i}`))
      .then(() => console.log(`  then-then ${i}`));
    queueMicrotask(() => console.log(`  queueMicrotask ${i}`));
  });
}
Promise.resolve().then(() => console.log('main micro'));
console.log('main');
