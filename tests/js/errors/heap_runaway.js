// node: skip
// flags: --max-heap-size=64
// exit: 1
// stderr: ^Uncaught RangeError: heap limit exceeded \(64 MB\)$
// timeout: 10000
// A heap that grows without bound ends with a clear error, not a V8 fatal OOM.
console.log("growing");
const keep = [];
for (;;) keep.push(new Array(1e4).fill({ n: keep.length }));
