// Helpers of the compression tests: stream in chunks, collect, compare.

// All of a readable's chunks, joined.
export async function collect(readable) {
  const chunks = [];
  for await (const c of readable) chunks.push(c);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

// data written to a transform stream in chunkSize pieces; what comes out, joined. Write and
// close rejections are left to the read side (it rejects with the same error).
export async function through(stream, data, chunkSize) {
  const writer = stream.writable.getWriter();
  for (let i = 0; i < data.length; i += chunkSize) {
    writer.write(data.subarray(i, i + chunkSize)).catch(() => {});
  }
  writer.close().catch(() => {});
  return collect(stream.readable);
}

// n bytes of JSON-ish text mixed with pseudo-random bytes: compressible, not trivially.
export function sample(n) {
  const out = new Uint8Array(n);
  const text = new TextEncoder().encode('{"id":1234,"name":"compression","tags":["a","b"]},');
  let seed = 7;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out[i] = i % 1024 < 900 ? text[i % text.length] : seed & 255;
  }
  return out;
}

export function same(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
