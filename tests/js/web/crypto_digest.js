// crypto.subtle.digest: FIPS 180-4 vectors, name normalization, BufferSource kinds, large
// inputs (they go to the worker pool), error cases.
const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");
const enc = (s) => new TextEncoder().encode(s);
const s = crypto.subtle;
const err = (e) => `${e.name}${e instanceof DOMException ? " (DOMException)" : ""}`;

(async () => {
  for (const alg of ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]) {
    console.log(alg, "abc", hex(await s.digest(alg, enc("abc"))));
    console.log(alg, "empty", hex(await s.digest({ name: alg }, new Uint8Array(0))));
    const two = enc("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
    console.log(alg, "448 bits", hex(await s.digest(alg, two)));
  }
  // One million 'a' (FIPS 180 long message), through the pool.
  const million = new Uint8Array(1000000).fill(0x61);
  console.log("SHA-256 a*1e6", hex(await s.digest("SHA-256", million)));
  console.log("SHA-1 a*1e6", hex(await s.digest("sha-1", million)));
  // Views and buffers: only the view's bytes are hashed.
  const buf = enc("xxabcxx");
  console.log("subarray", hex(await s.digest("sha-256", buf.subarray(2, 5))));
  console.log("DataView", hex(await s.digest("SHA-256", new DataView(buf.buffer, 2, 3))));
  console.log("ArrayBuffer", hex(await s.digest("Sha-256", enc("abc").buffer)));
  console.log("Uint32Array", hex(await s.digest("SHA-256", new Uint32Array([0x61626364]))));
  const r = await s.digest("SHA-256", enc("abc"));
  console.log(r instanceof ArrayBuffer, r.byteLength);
  // Concurrent large and small: each promise gets its own result.
  const big = new Uint8Array(1 << 20).fill(7);
  const res = await Promise.all([s.digest("SHA-512", big), s.digest("SHA-1", enc("abc")), s.digest("SHA-384", big)]);
  console.log(res.map((x) => hex(x).slice(0, 16)).join(" "));
  // The input is copied when the call is made: changing it afterwards changes nothing.
  const mut = new Uint8Array(1 << 17).fill(1);
  const p = s.digest("SHA-256", mut);
  mut.fill(2);
  console.log("copied", hex(await p) === hex(await s.digest("SHA-256", new Uint8Array(1 << 17).fill(1))));

  for (const [what, f] of [
    ["unknown name", () => s.digest("SHA-3", enc("a"))],
    ["SHA256 without dash", () => s.digest("SHA256", enc("a"))],
    ["HMAC is not a digest", () => s.digest("HMAC", enc("a"))],
    ["missing name", () => s.digest({}, enc("a"))],
    ["number", () => s.digest(1, enc("a"))],
    ["null algorithm", () => s.digest(null, enc("a"))],
    ["string data", () => s.digest("SHA-256", "abc")],
    ["no data", () => s.digest("SHA-256")],
    ["no arguments", () => s.digest()],
    ["wrong this", () => SubtleCrypto.prototype.digest.call({}, "SHA-256", enc("a"))],
    ["symbol name", () => s.digest({ name: Symbol("x") }, enc("a"))],
  ]) {
    let p;
    try {
      p = f();
    } catch (e) {
      console.log(what, "threw synchronously", err(e));
      continue;
    }
    console.log(what, p instanceof Promise);
    await p.then((v) => console.log("  resolved", v), (e) => console.log("  rejected", err(e)));
  }
})();
