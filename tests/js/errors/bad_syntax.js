// exit: 1
// stderr: SyntaxError
// stderr: bad_syntax\.js:6
// A syntax error in the main script: nothing runs, exit 1, the message names file and line.
console.log('MUST NOT PRINT');
const x = {;
