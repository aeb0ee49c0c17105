// Errors: Node's MODULE_NOT_FOUND with its require stack, errors thrown by a module (file
// paths in the stack), syntax errors, native addons, bad arguments.
const rel = (s) => s.split(__dirname).join('<dir>');
try {
  require('./nope');
} catch (e) {
  console.log(e.code, rel(e.message), e.requireStack.map(rel));
}
try {
  require('./fixtures/requires_missing');
} catch (e) {
  console.log(e.code, rel(e.message));
  console.log(e.requireStack.map(rel));
}
try {
  require('no-such-package');
} catch (e) {
  console.log(e.code, rel(e.message));
}
try {
  require('./fixtures/thrower')();
} catch (e) {
  console.log(e.message);
  console.log(rel(e.stack.split('\n')[1]));
}
try {
  require('./fixtures/syntax_error');
} catch (e) {
  console.log(e.name, e.message);
}
// A module that failed is not cached: requiring it again fails again.
try {
  require('./fixtures/syntax_error');
} catch (e) {
  console.log('again:', e.name);
}
try {
  require('./fixtures/addon.node');
} catch (e) {
  console.log(e.code);
}
try {
  require.resolve('./fixtures/counter', { paths: 1 });
} catch (e) {
  console.log(e.name, e.code, e.message);
}
for (const bad of [42, undefined, '']) {
  try {
    require(bad);
  } catch (e) {
    console.log(e.name, e.code);
  }
}
