// exit: 1
// stderr: ^Uncaught Error: boom from a CommonJS module$
// stderr: at boom \(.*fixtures/thrower\.js:3:9\)$
// stderr: at Object\.<anonymous> \(.*uncaught\.js:5:\d+\)$
require('./fixtures/thrower')();
