// exit: 1
// stderr: ^Uncaught TypeError: exploded in a dependency$
// stderr: ^    at explode \(file:///.*/fixtures/errors/throws_at_eval\.mjs:3:9\)$
// stderr: ^    at file:///.*/fixtures/errors/throws_at_eval\.mjs:5:1$
// An exception while a dependency evaluates prints its stack; the importer does not run.
import './fixtures/errors/throws_at_eval.mjs';
console.log('MUST NOT PRINT');
