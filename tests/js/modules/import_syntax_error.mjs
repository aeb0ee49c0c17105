// exit: 1
// stderr: SyntaxError
// stderr: _bad_dep\.mjs
// A syntax error in a dependency fails before anything runs.
import './_bad_dep.mjs';
console.log('MUST NOT PRINT');
