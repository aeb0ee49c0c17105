// Extra arguments are passed to timer, interval and immediate callbacks.
setTimeout((a, b, c) => console.log('timeout', a, b, c), 0, 'x', 2, true);
setTimeout((...rest) => console.log('timeout rest', rest.length, rest.join('|')), 0);
const id = setInterval((a, b) => {
  console.log('interval', a, b);
  clearInterval(id);
  setImmediate((c, d) => console.log('immediate', c, d), 'i1', 'i2');
}, 1, 'p', 'q');
