// exit: 1
// stderr: ^Uncaught RangeError: Maximum call stack size exceeded$
// A stack overflow, uncaught: its stack is formatted (by the runtime's hook) when the report
// reads it, and the report names it.
console.log('start');
(function f() { f(); })();
