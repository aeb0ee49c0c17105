// Empty views and a detached buffer (no memory behind them) through every native path.
const e = Buffer.alloc(0), u = new Uint8Array(0);
console.log(e.toString(), e.toString('hex'), e.toString('base64'), e.toString('ucs2'), e.toString('latin1'), e.toString('ascii'));
console.log(e.write('abc'), e.write('ab', 'hex'), e.write('QQ==', 'base64'), e.write('a', 'ucs2'), e.write('a', 'latin1'));
console.log(Buffer.compare(e, u), e.equals(u), e.compare(Buffer.from('a')), Buffer.from('a').compare(e), e.indexOf('a'), e.indexOf(e), e.lastIndexOf(Buffer.from('ab')));
console.log(Buffer.concat([e, u, e]), Buffer.from(e), e.fill('ab'), e.slice(0), Buffer.byteLength(e), e.toJSON());
const d = new ArrayBuffer(8); const b = Buffer.from(d); structuredClone(d, { transfer: [d] });
console.log(b.length, b.toString('hex'), (() => { try { return b.write('x'); } catch (err) { return err.name; } })());
