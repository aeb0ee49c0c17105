// exit: 1
// stderr: ^Uncaught RangeError: custom message$
// stderr: error_props\.js:7:13
// A thrown error with extra properties and a custom name.
console.log('start');
function thrower() {
  const e = new RangeError('custom message');
  e.code = 'E_RANGE';
  throw e;
}
thrower();
