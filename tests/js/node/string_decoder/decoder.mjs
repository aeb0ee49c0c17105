import { StringDecoder } from 'node:string_decoder';
import sd from 'node:string_decoder';
console.log(Object.keys(sd), typeof StringDecoder.prototype.text);
const j = (s) => JSON.stringify(s);
let d = new StringDecoder('utf8');
console.log(j(d.write(Buffer.from([0xE2]))), j(d.write(Buffer.from([0x82]))), j(d.write(Buffer.from([0xAC, 0x41]))), j(d.end()));
d = new StringDecoder('utf8'); console.log(j(d.write(Buffer.from([0xE2, 0x82]))), j(d.write(Buffer.from([0x41]))), j(d.end(Buffer.from([0xF0]))), j(d.end()));
d = new StringDecoder('utf8'); console.log(j(d.write(Buffer.from([0xF0, 0x9F]))), d.lastNeed, d.lastTotal, d.lastChar, j(d.write(Buffer.from([0x98]))), j(d.write(Buffer.from([0x80, 0xff]))), j(d.end()));
d = new StringDecoder('utf16le'); console.log(j(d.write(Buffer.from([0x61]))), j(d.write(Buffer.from([0x00, 0x3D, 0xD8]))), j(d.write(Buffer.from([0x00]))), j(d.write(Buffer.from([0xDE]))), j(d.end()));
d = new StringDecoder('utf16le'); console.log(j(d.write(Buffer.from([0x3D, 0xD8]))), j(d.end()));
d = new StringDecoder('utf16le'); console.log(j(d.write(Buffer.from([0x61]))), j(d.end()));
d = new StringDecoder('base64'); console.log(j(d.write(Buffer.from('ab'))), j(d.write(Buffer.from('cde'))), j(d.end()), j(d.end(Buffer.from('x'))));
d = new StringDecoder('base64url'); console.log(j(d.write(Buffer.from('abcd'))), j(d.end()));
d = new StringDecoder('hex'); console.log(j(d.write(Buffer.from('ab'))), j(d.end(Buffer.from('c'))));
d = new StringDecoder('latin1'); console.log(d.encoding, j(d.write(Buffer.from([0xe9]))), j(d.end()));
d = new StringDecoder(); console.log(d.encoding, j(d.write('str')), j(d.write(new Uint8Array([0x68, 0x69]))));
console.log(new StringDecoder('UCS2').encoding, new StringDecoder('binary').encoding, new StringDecoder('ASCII').encoding);
try { new StringDecoder('nope'); } catch (e) { console.log(e.name, e.code, e.message); }
try { new StringDecoder().write(5); } catch (e) { console.log(e.name, e.code, e.message); }
d = new StringDecoder('utf8'); console.log(j(d.write(Buffer.from([0xE2, 0x41]))), j(d.write(Buffer.from([0xC0, 0x80]))), j(d.write(Buffer.from([0xED, 0xA0]))), j(d.end()));
d = new StringDecoder('utf8'); const s = Buffer.from('héllo wörld € 😀'); let out = ''; for (let i = 0; i < s.length; i++) out += d.write(s.subarray(i, i + 1)); console.log(j(out + d.end()));
// Every split point of a mixed text, in every encoding, equals the whole decode.
const text = Buffer.from('aé€😀z\u00ff\ud83d\ude00b');
for (const enc of ['utf8', 'utf16le', 'base64', 'base64url', 'hex', 'latin1', 'ascii']) {
  const whole = Buffer.from(text.toString('latin1'), 'latin1');
  const src = enc === 'utf16le' ? Buffer.from(text.toString(), 'utf16le') : whole;
  let ok = true;
  for (let i = 0; i <= src.length; i++) {
    for (let k = i; k <= src.length; k += 3) {
      const dec = new StringDecoder(enc);
      const s = dec.write(src.subarray(0, i)) + dec.write(src.subarray(i, k)) + dec.end(src.subarray(k));
      if (s !== src.toString(enc)) ok = false;
    }
  }
  console.log(enc, ok);
}
// Invalid UTF-8 across chunks: whatever Node makes of it, byte by byte.
const junk = Buffer.from([0x61, 0xf0, 0x9f, 0x41, 0xe2, 0x82, 0xe2, 0x82, 0xac, 0xc3, 0xff, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0xc0]);
for (let size = 1; size <= 4; size++) {
  const dec = new StringDecoder('utf8');
  let out = '';
  for (let i = 0; i < junk.length; i += size) out += dec.write(junk.subarray(i, i + size)) + '|';
  console.log(size, JSON.stringify(out + dec.end()));
}
const dv = new StringDecoder('utf8');
console.log(JSON.stringify(dv.write(new DataView(new Uint8Array([0xe2, 0x82, 0xac, 0x41]).buffer))), JSON.stringify(dv.write(new Uint16Array([0x8282]))));
const shown = new StringDecoder('utf8'); shown.write(Buffer.from([0xe2, 0x82]));
console.log(shown, new StringDecoder('base64url'), shown.lastChar, Object.keys(shown));
