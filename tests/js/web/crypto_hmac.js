// HMAC: RFC 4231 vectors, generateKey/importKey/exportKey (raw, jwk), sign/verify, errors.
const s = crypto.subtle;
const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");
const unhex = (h) => Uint8Array.from(h.match(/../g) || [], (x) => parseInt(x, 16));
const enc = (x) => new TextEncoder().encode(x);
const err = (e) => `${e.name}${e instanceof DOMException ? " (DOMException)" : ""}`;
const sortJwk = (j) => JSON.stringify(Object.fromEntries(Object.entries(j).sort()));
const alg = (a) => JSON.stringify(Object.fromEntries(Object.entries(a).sort()));
async function attempt(what, f) {
  try {
    const r = await f();
    console.log(what, "ok", r instanceof CryptoKey ? `${r.type} ${alg(r.algorithm)} ${r.usages}` : r);
  } catch (e) {
    console.log(what, err(e));
  }
}

(async () => {
  // RFC 4231 test cases 1, 2, 3, 6 (key longer than the block), 7.
  const cases = [
    ["0b".repeat(20), enc("Hi There")],
    [hex(enc("Jefe")), enc("what do ya want for nothing?")],
    ["aa".repeat(20), new Uint8Array(50).fill(0xdd)],
    ["aa".repeat(131), enc("Test Using Larger Than Block-Size Key - Hash Key First")],
    ["aa".repeat(131), enc("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.")],
  ];
  for (const hash of ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]) {
    for (const [k, data] of cases) {
      const key = await s.importKey("raw", unhex(k), { name: "HMAC", hash }, false, ["sign", "verify"]);
      const sig = await s.sign("HMAC", key, data);
      const ok = await s.verify({ name: "hmac" }, key, sig, data);
      const bad = new Uint8Array(sig);
      bad[0] ^= 1;
      console.log(hash, hex(sig), ok, await s.verify("HMAC", key, bad, data), await s.verify("HMAC", key, bad.subarray(1), data));
    }
  }
  const big = new Uint8Array(1 << 20).fill(3); // through the worker pool
  const bk = await s.importKey("raw", enc("key"), { name: "HMAC", hash: "SHA-256" }, true, ["sign", "verify"]);
  const bsig = await s.sign("HMAC", bk, big);
  console.log("1 MiB", hex(bsig), await s.verify("HMAC", bk, bsig, big));

  // Keys: algorithm, usages, export.
  const g = await s.generateKey({ name: "HMAC", hash: "SHA-384" }, true, ["sign"]);
  console.log(g.type, g.extractable, alg(g.algorithm), g.usages, (await s.exportKey("raw", g)).byteLength);
  console.log(g.algorithm === g.algorithm, g.usages === g.usages, Object.prototype.toString.call(g));
  const g2 = await s.generateKey({ name: "HMAC", hash: { name: "sha-1" }, length: 136 }, true, ["verify", "sign"]);
  console.log(alg(g2.algorithm), (await s.exportKey("raw", g2)).byteLength);
  const jwk = await s.exportKey("jwk", bk);
  console.log(sortJwk(jwk));
  const back = await s.importKey("jwk", jwk, { name: "HMAC", hash: "SHA-256" }, true, ["verify"]);
  console.log(hex(await s.exportKey("raw", back)), alg(back.algorithm));
  const short = await s.importKey("raw", new Uint8Array(4), { name: "HMAC", hash: "SHA-256", length: 32 }, true, ["sign"]);
  console.log(alg(short.algorithm));

  const raw16 = new Uint8Array(16);
  const H = { name: "HMAC", hash: "SHA-256" };
  await attempt("empty usages", () => s.generateKey(H, true, []));
  await attempt("bad usage", () => s.generateKey(H, true, ["encrypt"]));
  await attempt("unknown usage", () => s.generateKey(H, true, ["fly"]));
  await attempt("no hash", () => s.generateKey({ name: "HMAC" }, true, ["sign"]));
  await attempt("bad hash", () => s.generateKey({ name: "HMAC", hash: "SHA-3" }, true, ["sign"]));
  await attempt("length 0", () => s.generateKey({ name: "HMAC", hash: "SHA-256", length: 0 }, true, ["sign"]));
  await attempt("empty raw", () => s.importKey("raw", new Uint8Array(0), H, true, ["sign"]));
  await attempt("length too long", () => s.importKey("raw", raw16, { ...H, length: 129 }, true, ["sign"]));
  await attempt("length too short", () => s.importKey("raw", raw16, { ...H, length: 120 }, true, ["sign"]));
  await attempt("bad format", () => s.importKey("pem", raw16, H, true, ["sign"]));
  await attempt("raw with object", () => s.importKey("raw", { kty: "oct" }, H, true, ["sign"]));
  const k = jwk.k;
  await attempt("jwk kty", () => s.importKey("jwk", { kty: "RSA", k }, H, true, ["sign"]));
  await attempt("jwk no k", () => s.importKey("jwk", { kty: "oct" }, H, true, ["sign"]));
  await attempt("jwk alg", () => s.importKey("jwk", { kty: "oct", k, alg: "HS512" }, H, true, ["sign"]));
  await attempt("jwk use", () => s.importKey("jwk", { kty: "oct", k, use: "enc" }, H, true, ["sign"]));
  await attempt("jwk key_ops", () => s.importKey("jwk", { kty: "oct", k, key_ops: ["verify"] }, H, true, ["sign"]));
  await attempt("jwk ext", () => s.importKey("jwk", { kty: "oct", k, ext: false }, H, true, ["sign"]));
  await attempt("jwk ok", () => s.importKey("jwk", { kty: "oct", k, alg: "HS256", use: "sig", key_ops: ["sign", "verify"], ext: false }, H, false, ["sign"]));
  const nonExtractable = await s.importKey("raw", raw16, H, false, ["sign"]);
  await attempt("sign without usage", () => s.sign("HMAC", back, enc("x")));
  await attempt("verify without usage", () => s.verify("HMAC", nonExtractable, new Uint8Array(32), enc("x")));
  await attempt("sign wrong algorithm", () => s.sign("AES-GCM", bk, enc("x")));
  await attempt("sign not a key", () => s.sign("HMAC", {}, enc("x")));
  await attempt("sign not data", () => s.sign("HMAC", bk, "x"));
})();
