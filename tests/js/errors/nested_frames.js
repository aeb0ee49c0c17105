// exit: 1
// stderr: ^Uncaught Error: deep$
// stderr: at c \(.*nested_frames\.js:9:9\)
// stderr: at b \(.*nested_frames\.js:12:3\)
// stderr: at a \(.*nested_frames\.js:15:3\)
// stderr: nested_frames\.js:17:1
// The stack lists each frame with file:line:col.
function c() {
  throw new Error('deep');
}
function b() {
  c();
}
function a() {
  b();
}
a();
