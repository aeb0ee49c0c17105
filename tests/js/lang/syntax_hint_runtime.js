// node: skip
// exit: 1
// stderr: ^Uncaught SyntaxError: Invalid regular expression: /\(\?<y>a\)\|\(\?<y>b\)/: Duplicate capture group name \(mrt: V8 10\.2 does not support duplicate named capture groups \(ES2025\)\)$
// A pattern made at run time: an uncaught error is reported with the hint; a caught one
// keeps V8's own message (the hint is mrt's report, not the error object), and a plain
// mistake gets no hint.
try {
  new RegExp("a", "v");
} catch (e) {
  console.log(e.message);
}
try {
  new RegExp("(");
} catch (e) {
  console.log(e.message);
}
new RegExp("(?<y>a)|(?<y>b)");
