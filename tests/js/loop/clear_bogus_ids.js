// Clearing with bogus ids does nothing and throws nothing.
// (clearImmediate only gets falsy values: Node's clearImmediate throws on truthy primitives.)
const bogus = [undefined, null, 'abc', '', 0, -1, NaN, {}, [], 1e9, true, Symbol('s')];
for (const b of bogus) {
  clearTimeout(b);
  clearInterval(b);
}
for (const b of [undefined, null, '', 0, NaN, false]) clearImmediate(b);
clearTimeout();
clearInterval();
clearImmediate();
setTimeout(() => console.log('real timer still runs'), 0);
setTimeout(() => setImmediate(() => console.log("real immediate still runs")), 0);
console.log('no throw');
