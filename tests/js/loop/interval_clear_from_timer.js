// An interval cleared by another timer with the same deadline, created after it: the
// interval fires once (creation order), then the timeout clears it.
let n = 0;
const id = setInterval(() => {
  n++;
  console.log(`interval ${n}`);
}, 10);
setTimeout(() => {
  console.log('clearing');
  clearInterval(id);
}, 10);
setTimeout(() => console.log(`done n=${n}`), 50);
