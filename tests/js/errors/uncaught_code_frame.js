// exit: 1
// stderr: ^[^\n]*uncaught_code_frame\.js:9:29\n    const o = null; o\.value = 1;\n                            \^\n\nUncaught TypeError: Cannot set properties of null \(setting 'value'\)$
// A runtime throw shows where it happened, as a syntax error does: file:line:column, the
// source line and a caret under the column.
console.log('start');
setTimeout(function later() {
  console.log('in timer');
  {
    const o = null; o.value = 1;
  }
}, 1);
