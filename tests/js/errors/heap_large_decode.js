// node: skip
// flags: --max-heap-size=16
// exit: 1
// stderr: ^Uncaught RangeError: heap limit exceeded \(16 MB\)$
// A string mrt makes natively, larger than the whole heap: the documented error, not V8's
// fatal OOM, and no catch block runs.
console.log("decoding");
const bytes = new Uint8Array(20e6).fill(97);
try {
  console.log(new TextDecoder().decode(bytes).length);
} catch (e) {
  console.log("MUST NOT BE CAUGHT", e);
}
console.log("MUST NOT RUN");
