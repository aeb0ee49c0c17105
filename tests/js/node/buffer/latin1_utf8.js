// One-byte strings to UTF-8 (Buffer.from and TextEncoder share the path): ASCII as is,
// Latin-1 above 0x7F widened to two bytes, at the 16-byte block edges.
for (const s of ['', 'a', 'é', 'aé'.repeat(3000), 'x'.repeat(16) + 'ÿ', 'x'.repeat(15) + '\u0080' + 'y'.repeat(40), '\u00ff'.repeat(17)]) {
  const b = Buffer.from(s); const t = new TextEncoder().encode(s);
  console.log(b.length, t.length, b.toString() === s, Buffer.compare(b, Buffer.from(t)) === 0, b.subarray(-4).toString('hex'));
}
