// node: skip
// flags: --max-heap-size=64
// exit: 1
// stderr: ^Uncaught RangeError: heap limit exceeded \(64 MB\)$
// timeout: 10000
// The same in timer callbacks: the loop stops with the error.
const keep = [];
function grow() {
  for (let i = 0; i < 100; i++) keep.push(new Array(1e4).fill(i));
  setTimeout(grow, 0);
}
setTimeout(grow, 0);
