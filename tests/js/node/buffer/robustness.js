// Buffer methods called on odd receivers and with odd ranges, and large inputs: an error or a
// result, never a crash (run under ASan by tools/test.sh).
const t = (f) => { try { const r = f(); console.log(typeof r === 'string' ? JSON.stringify(r.slice(0, 20)) : r); } catch (e) { console.log(e.name, e.code); } };
const P = Buffer.prototype;
t(() => P.utf8Write.call(new Uint8Array(2), 'abc', 5));
t(() => P.utf8Write.call(new Uint8Array(2), 'abc', 1, 100));
t(() => P.hexSlice.call('str'));
t(() => P.latin1Slice.call(Buffer.from('abc'), 2, 1));
t(() => P.base64Write.call(Buffer.alloc(2), 'QUJD'.repeat(100), 1));
t(() => P.ucs2Write.call(Buffer.alloc(3), '\u1234\u5678', 1));
t(() => P.ucs2Slice.call(Buffer.from('abcde').subarray(1)));
t(() => P.compare.call(new Uint8Array(3), Buffer.from('a'), 0, 1, 2, 3));
t(() => P.indexOf.call(Buffer.from('aaa'), 'aa', -1e20));
t(() => P.indexOf.call(new Uint8Array(0), Buffer.alloc(0)));
t(() => P.lastIndexOf.call(Buffer.from('abcabc'), Buffer.from('bc'), 1e20));
t(() => P.lastIndexOf.call(Buffer.from('abcabc', 'ucs2'), 'ca', 3, 'ucs2'));
t(() => P.equals.call(new Uint8Array(2), new Uint8Array(2)));
t(() => Buffer.from('x'.repeat(1 << 20)).toString('base64').length);
t(() => Buffer.from(Buffer.alloc(100000, 0xe9).toString('latin1')).length);
t(() => Buffer.alloc(200000, 'ab').toString('ucs2').length);
t(() => Buffer.alloc(3e5).toString('hex').length);
t(() => Buffer.from('\ud83d'.repeat(50000), 'ucs2').toString('utf8').length);
t(() => Buffer.from(new ArrayBuffer(8), 1, 3).write('abcdef', 'utf16le'));
t(() => { const b = Buffer.from('abcdef'); return b.subarray(1).swap16().toString(); });
