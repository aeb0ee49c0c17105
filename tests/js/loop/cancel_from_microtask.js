// A microtask queued by a timer cancels a timer due in the same pass: microtasks drain
// between timer callbacks, so the second timer never runs.
let second;
setTimeout(() => {
  console.log('first');
  Promise.resolve().then(() => {
    console.log('microtask clears second');
    clearTimeout(second);
  });
}, 5);
second = setTimeout(() => console.log('second MUST NOT RUN'), 5);
setTimeout(() => console.log('third'), 5);
