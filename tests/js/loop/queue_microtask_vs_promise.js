// queueMicrotask and promise reactions share one FIFO queue.
queueMicrotask(() => console.log('qm 1'));
Promise.resolve().then(() => console.log('then 1'));
queueMicrotask(() => {
  console.log('qm 2');
  Promise.resolve().then(() => console.log('then from qm 2'));
  queueMicrotask(() => console.log('qm from qm 2'));
});
Promise.resolve().then(() => {
  console.log('then 2');
  queueMicrotask(() => console.log('qm from then 2'));
});
queueMicrotask(() => console.log('qm 3'));
console.log('sync');
