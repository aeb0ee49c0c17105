// node: skip
// flags: --max-heap-size=16
// exit: 1
// stderr: ^Uncaught RangeError: heap limit exceeded \(16 MB\)$
// The limit reached inside a microtask checkpoint ends the program with the error (it used
// to end the checkpoint silently and exit 0).
console.log("queueing");
const a = [];
(function f() {
  a.push(new Array(100));
  queueMicrotask(f);
})();
setTimeout(() => console.log("MUST NOT RUN"), 0);
