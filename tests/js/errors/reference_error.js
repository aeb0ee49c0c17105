// exit: 1
// stderr: ^Uncaught ReferenceError: notDefined is not defined$
// stderr: reference_error\.js:6:13
// Using an undefined variable.
console.log('start');
console.log(notDefined);
