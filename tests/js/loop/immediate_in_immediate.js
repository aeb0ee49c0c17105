// An immediate queued by an immediate runs in the next loop iteration, after the other
// immediates already queued.
setImmediate(() => {
  console.log('A');
  setImmediate(() => {
    console.log('C (queued by A)');
    setImmediate(() => console.log('E (queued by C)'));
  });
});
setImmediate(() => {
  console.log('B');
  setImmediate(() => console.log('D (queued by B)'));
});
