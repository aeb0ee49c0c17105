// Every encoding both ways, round trips, partial writes and odd inputs.
const encs = ['utf8', 'utf-8', 'UTF8', 'hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii', 'ucs2', 'ucs-2', 'utf16le', 'utf-16le'];
const samples = ['', 'a', 'hello', 'héllo wörld', '€uro', '😀 emoji', 'a\ud800b', '\udc00', 'x'.repeat(5000) + 'é', '\u00ff\u0100'];
for (const enc of encs) {
  for (const s of samples) {
    const b = Buffer.from(s, enc);
    const back = b.toString(enc);
    console.log(enc, JSON.stringify(s.slice(0, 20)), b.length, Buffer.byteLength(s, enc), back.length, b.slice(0, 12).toString('hex'));
  }
}
const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
for (const enc of encs) {
  const s = bytes.toString(enc);
  console.log(enc, s.length, JSON.stringify(s.slice(120, 140)), Buffer.from(s, enc).equals(bytes));
  console.log(enc, JSON.stringify(bytes.toString(enc, 250)), JSON.stringify(bytes.toString(enc, 1, 4)));
}
// Invalid UTF-8 is replaced as V8 (and the Encoding standard) does.
for (const arr of [[0xff], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0x61, 0xf4, 0x90, 0x80, 0x80, 0x62]]) {
  console.log(JSON.stringify(Buffer.from(arr).toString()), JSON.stringify(Buffer.from(arr).toString('utf8', 1)));
}
// base64 with whitespace, padding, url alphabet, garbage.
for (const s of ['aGVsbG8=', 'aGVsbG8', 'aGVs bG8=\n', 'aGVsbG8===', '=aGVs', 'a', 'ab', 'abc', 'abcd', 'ab==cd', '!!!!aGk', '-_-_', '+/+/', 'aGVsbG8gd29ybGQ', '€aGk=']) {
  console.log(JSON.stringify(s), Buffer.from(s, 'base64').toString('hex'), Buffer.from(s, 'base64url').toString('hex'), Buffer.byteLength(s, 'base64'));
}
// hex: odd length, bad digits.
for (const s of ['', '0', '00', 'abc', 'ABCDEF', 'zz', '0g', 'a0b', '12 34', 'é1']) {
  console.log(JSON.stringify(s), Buffer.from(s, 'hex').toString('hex'));
}
// write(): offsets, lengths, encodings, partial characters.
const w = Buffer.alloc(8);
console.log(w.write('€€€'), w);
console.log(w.write('abc', 6), w);
console.log(w.write('ffee', 1, 'hex'), w);
console.log(w.write('ffeedd', 1, 1, 'hex'), w);
console.log(w.write('aGk=', 'base64'), w);
console.log(w.write('xyz', 2, 'latin1'), w.write('\u0100\u01ff', 0, 'latin1'), w);
console.log(w.write('ab', 3, 'ucs2'), w.write('abcdef', 5, 'utf16le'), w);
console.log(w.write('ab', 'ascii'), w.write(''), w.utf8Write('Z', 7), w.latin1Write('Y', 0, 1), w);
console.log(Buffer.alloc(3).write('😀'), Buffer.alloc(4).write('a😀'), Buffer.alloc(5).write('a😀'));
// fill with patterns.
console.log(Buffer.alloc(7, 'abc'), Buffer.alloc(5, '€'), Buffer.alloc(5, 'aGk=', 'base64'), Buffer.alloc(6, 'ab', 'ucs2'));
console.log(Buffer.alloc(5).fill(0x101), Buffer.alloc(5).fill(-1), Buffer.alloc(5).fill(true), Buffer.alloc(5).fill('é', 'latin1'));
console.log(Buffer.alloc(9).fill(Buffer.from([1, 2, 3, 4]), 2, 8), Buffer.alloc(4).fill('x', 1), Buffer.alloc(4).fill('a', 1, 3));
const self = Buffer.from('abcdef'); self.fill(self.subarray(0, 2), 2); console.log(self.toString());
// indexOf in encodings.
const hay = Buffer.from('this is a buffer, a buffer is this');
console.log(hay.indexOf('buffer'), hay.lastIndexOf('buffer'), hay.indexOf('buffer', 11), hay.lastIndexOf('buffer', 19), hay.indexOf('is', -5), hay.lastIndexOf('is', -5));
console.log(hay.indexOf('6275', 'hex'), hay.indexOf('YnVm', 'base64'), hay.indexOf(Buffer.from('a b')), hay.indexOf(0x61), hay.lastIndexOf(0x61), hay.indexOf(0x161), hay.indexOf(97, 100));
const u16 = Buffer.from('abcabc', 'ucs2');
console.log(u16.indexOf('c', 0, 'ucs2'), u16.lastIndexOf('b', undefined, 'ucs2'), u16.indexOf('bc', 3, 'ucs2'), u16.indexOf(Buffer.from('b\u0000', 'latin1'), 0, 'ucs2'));
console.log(hay.includes('this', 1), hay.includes('this', -4), hay.indexOf(''), hay.indexOf('', 100), hay.lastIndexOf('', -100), hay.indexOf('s', null), hay.indexOf('s', {}), hay.lastIndexOf('s', 'latin1'));
