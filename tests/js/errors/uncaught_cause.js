// exit: 1
// stderr: ^Uncaught Error: high level\n    at outer \([^\n]*uncaught_cause\.js:11:17\)$
// stderr: ^  code: 'E_HIGH',\n  details: \{ a: 1 \},\n  \[cause\]: TypeError: low level\n      at inner \([^\n]*uncaught_cause\.js:7:26\)$
// stderr: ^    \[cause\]: \{ code: 42 \}\n  \}\n\}$
// An uncaught error with own properties and a cause chain is shown as Node shows it: the
// stack, then the properties and each [cause] with its own stack, nested.
function inner() { throw new TypeError('low level', { cause: { code: 42 } }); }
function outer() {
  try { inner(); } catch (e) {
    console.log('caught, rethrowing with a cause');
    const err = new Error('high level', { cause: e });
    err.code = 'E_HIGH';
    err.details = { a: 1 };
    throw err;
  }
}
outer();
