// Shared by text_decode*.mjs: decodes ~1 MB with TextDecoder N times, prints GB/s.
// Portable: mrt, node, deno, bun.
const now = () => globalThis.performance.now();
const SIZE = 1 << 20;

// ~1 MB of text in the given encoding: mostly ASCII with some Latin-1, and (UTF-8, UTF-16)
// CJK and an emoji, as in real documents.
export function input(encoding) {
  const line = encoding === "latin1"
    ? "The quick brown fox jumps over the lazy dog. Déjà vu, naïve café, señor. 0123456789\n"
    : "The quick brown fox jumps over the lazy dog. Grüße, déjà vu — 你好世界 🙂 0123456789\n";
  let text = "";
  while (text.length * (encoding === "utf-16le" ? 2 : 1) < SIZE) text += line;
  if (encoding === "utf-8") return new TextEncoder().encode(text).subarray(0, SIZE - 8);
  if (encoding === "utf-16le") {
    const units = new Uint16Array(SIZE / 2);
    for (let i = 0; i < units.length; i++) units[i] = text.charCodeAt(i);
    if ((units[units.length - 1] & 0xfc00) === 0xd800) units[units.length - 1] = 0x41;
    return new Uint8Array(units.buffer);
  }
  const bytes = new Uint8Array(SIZE);
  for (let i = 0; i < SIZE; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export function run(name, encoding, n = 300) {
  const bytes = input(encoding);
  const d = new TextDecoder(encoding);
  let check = 0;
  for (let i = 0; i < 20; i++) check += d.decode(bytes).length; // warm-up
  const t0 = now();
  for (let i = 0; i < n; i++) check += d.decode(bytes).length;
  const ms = now() - t0;
  if (check === 0) throw new Error("bad");
  console.log(`${name}: ${((bytes.length * n) / ms / 1e6).toFixed(3)} GB/s`);
}
