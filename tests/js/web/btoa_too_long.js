// node: skip
// timeout: 60000
// btoa whose result would be longer than the longest string V8 makes throws a RangeError
// (what JS throws for a too-long string), not InvalidCharacterError. (Node 20 aborts.)
const s = 'a'.repeat(Math.ceil((2 ** 29 - 24) / 4) * 3 + 3);
try {
  btoa(s);
  console.log('no throw');
} catch (e) {
  console.log(e.constructor.name, e instanceof RangeError, e.message);
}
console.log(btoa('ok'));
