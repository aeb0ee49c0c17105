// node: skip
// flags: --max-heap-size=16
// exit: 1
// stderr: ^Uncaught RangeError: heap limit exceeded \(16 MB\)$
// One allocation V8 makes in a piece, far beyond the limit (a 40 MB flat string).
console.log("upper-casing");
const s = ("x".repeat(2e7) + "y".repeat(2e7)).toUpperCase();
console.log(s.length);
