// Every typed read and write: values at the edges of each range, both byte orders, bad
// offsets, values and byte lengths, with Node's results and errors.
const show = (f) => {
  try {
    const r = f();
    return typeof r === 'bigint' ? `${r}n` : String(r);
  } catch (e) {
    return `${e.name} ${e.code} ${e.message}`;
  }
};
const kinds = [
  ['UInt8', 1, 0, 255], ['Int8', 1, -128, 127], ['UInt16LE', 2, 0, 65535], ['UInt16BE', 2, 0, 65535],
  ['Int16LE', 2, -32768, 32767], ['Int16BE', 2, -32768, 32767], ['UInt32LE', 4, 0, 2 ** 32 - 1],
  ['UInt32BE', 4, 0, 2 ** 32 - 1], ['Int32LE', 4, -(2 ** 31), 2 ** 31 - 1], ['Int32BE', 4, -(2 ** 31), 2 ** 31 - 1],
];
for (const [k, size, min, max] of kinds) {
  const b = Buffer.alloc(6);
  const out = [];
  for (const v of [min, max, 0, 1, -1, max + 1, min - 1, 1.5, '7', NaN, null]) {
    out.push(show(() => b[`write${k}`](v, 1)), show(() => b[`read${k}`](1)), b.toString('hex'));
  }
  for (const off of [undefined, 0, 6 - size, 7 - size, -1, 1.5, '1', null, NaN, Infinity]) {
    out.push(show(() => b[`read${k}`](off)), show(() => b[`write${k}`](1, off)));
  }
  console.log(k, out.join(' | '));
}
for (const k of ['FloatLE', 'FloatBE', 'DoubleLE', 'DoubleBE']) {
  const b = Buffer.alloc(10);
  const out = [];
  for (const v of [0, -0, 1.5, -2.25, 3.4e38, 1e300, NaN, Infinity, -Infinity, 0.1, '2', {}]) {
    out.push(show(() => b[`write${k}`](v, 1)), show(() => b[`read${k}`](1)), b.toString('hex'));
  }
  for (const off of [undefined, 2, 3, 6, -1, 0.5]) out.push(show(() => b[`read${k}`](off)), show(() => b[`write${k}`](1, off)));
  console.log(k, out.join(' | '));
}
for (const k of ['BigUInt64LE', 'BigUInt64BE', 'BigInt64LE', 'BigInt64BE', 'BigUint64LE']) {
  const b = Buffer.alloc(10);
  const out = [];
  for (const v of [0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 64n - 1n, 2n ** 64n, 5]) {
    out.push(show(() => b[`write${k}`](v, 1)), show(() => b[`read${k}`](1)), b.toString('hex'));
  }
  for (const off of [undefined, 2, 3, -1, 0.5]) out.push(show(() => b[`read${k}`](off)));
  console.log(k, out.join(' | '));
}
for (const k of ['UIntLE', 'UIntBE', 'IntLE', 'IntBE']) {
  const b = Buffer.alloc(8);
  const out = [];
  for (const len of [1, 2, 3, 4, 5, 6, 0, 7, 2.5, undefined, '3']) {
    for (const v of [1, -1, 2 ** (8 * (len | 0)) - 1, -(2 ** (8 * (len | 0) - 1)), 2 ** 40 + 3]) {
      out.push(show(() => b[`write${k}`](v, 1, len)), show(() => b[`read${k}`](1, len)));
    }
    out.push(show(() => b[`read${k}`](8 - (len | 0) + 1, len)), b.toString('hex'));
  }
  out.push(show(() => b[`read${k}`]()), show(() => b[`read${k}`](undefined, 2)));
  console.log(k, out.join(' | '));
}
const b = Buffer.alloc(4);
console.log(b.readUint8 === b.readUInt8, b.writeBigUint64LE === b.writeBigUInt64LE, b.writeUInt16LE(0x1234), b.writeUInt16BE(0x1234, 2), b);
console.log(Buffer.prototype.readUInt32LE.call(new Uint8Array([1, 2, 3, 4])), show(() => Buffer.prototype.readUInt8.call({ 0: 5, length: 1 }, 0)));
