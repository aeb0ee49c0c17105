// Microtasks queued by a timer callback run before the next timer callback, even when
// both timers are due in the same pass.
for (let i = 1; i <= 3; i++) {
  setTimeout(() => {
    console.log(`timer ${i}`);
    Promise.resolve().then(() => {
      console.log(`  micro ${i}.a`);
      queueMicrotask(() => console.log(`  micro ${i}.c (nested)`));
    });
    queueMicrotask(() => console.log(`  micro ${i}.b`));
  }, 0);
}
