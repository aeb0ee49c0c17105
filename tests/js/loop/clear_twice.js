// Clearing a timer twice, or after it fired, is harmless; ids are distinct.
const a = setTimeout(() => console.log('a MUST NOT RUN'), 0);
clearTimeout(a);
clearTimeout(a);
const b = setTimeout(() => {
  console.log('b fired');
  clearTimeout(b);
  clearInterval(b);
  // Inside a timer callback an immediate runs before any new timer (deterministic in Node;
  // at top level setTimeout(0) vs setImmediate is a race).
  setImmediate(() => console.log('immediate ok'));
}, 0);
const ids = [];
for (let i = 0; i < 5; i++) ids.push(setTimeout(() => {}, 0));
console.log('distinct ids:', new Set(ids).size);
const im = setImmediate(() => console.log('im MUST NOT RUN'));
clearImmediate(im);
clearImmediate(im);
