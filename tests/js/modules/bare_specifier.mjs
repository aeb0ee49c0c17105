// exit: 1
// stderr: Relative import path "some-package" not prefixed with / or \./ or \.\./ imported from file:///.*/fixtures/errors/bare\.mjs
// stderr: ^file:///.*/fixtures/errors/bare\.mjs:1:8$
// Bare specifiers are an error that says so (no package resolution).
import './fixtures/errors/bare.mjs';
console.log('MUST NOT PRINT');
