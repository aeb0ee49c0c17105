// exit: 1
// stderr: Cannot find package 'some-package' imported from /.*/fixtures/errors/bare\.mjs
// stderr: ^file:///.*/fixtures/errors/bare\.mjs:1:8$
// A bare specifier with no package in node_modules upwards: Node's error.
import './fixtures/errors/bare.mjs';
console.log('MUST NOT PRINT');
