// exit: 1
// stderr: ^file:///.*/fixtures/errors/syntax\.mjs:3:11$
// stderr: ^  let x = \) ;$
// stderr: ^          \^$
// stderr: ^Uncaught SyntaxError: Unexpected token '\)'$
// A syntax error in an imported module points into that module.
import './fixtures/errors/syntax.mjs';
console.log('MUST NOT PRINT');
