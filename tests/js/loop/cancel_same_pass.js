// A timer due in the same pass can be cancelled by an earlier timer's callback.
function busy(ms) { const end = performance.now() + ms; while (performance.now() < end); }
let b, c;
setTimeout(() => {
  console.log('a runs, cancels b and c');
  clearTimeout(b);
  clearTimeout(c);
}, 1);
b = setTimeout(() => console.log('b MUST NOT RUN'), 1);
c = setTimeout(() => console.log('c MUST NOT RUN'), 2);
setTimeout(() => console.log('d runs'), 2);
busy(10); // all four are due when the loop starts
