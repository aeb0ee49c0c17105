// Long base64 through the block paths: MIME line breaks, the url alphabet, junk, '=' midway,
// every length of tail, and output capped by the target.
const data = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37 + (i >> 3)) & 255));
const b64 = data.toString('base64');
const mime = b64.replace(/.{76}/g, '$&\r\n');
const url = data.toString('base64url');
console.log(b64.length, url.length, Buffer.from(mime, 'base64').equals(data), Buffer.from(url, 'base64').equals(data), Buffer.from(b64, 'base64url').equals(data));
console.log(Buffer.from(b64.slice(0, 1000) + '*' + b64.slice(1000), 'base64').equals(data), Buffer.from(b64.slice(0, 1000) + '=' + b64.slice(1000), 'base64').length);
for (let n = 0; n < 20; n++) {
  const part = data.subarray(0, 100 + n);
  const s = part.toString('base64');
  const u = part.toString('base64url');
  console.log(n, s.slice(-8), u.slice(-8), Buffer.from(s, 'base64').equals(part), Buffer.from(u, 'base64url').equals(part));
}
const small = Buffer.alloc(10);
console.log(small.write(b64, 'base64'), small.toString('hex'), small.write(b64, 3, 4, 'base64'), small.toString('hex'));
console.log(Buffer.from('\u00e9' + b64.slice(0, 40) + '\u20ac' + b64.slice(40, 80), 'base64').toString('hex'));
