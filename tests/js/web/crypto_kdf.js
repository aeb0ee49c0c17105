// PBKDF2 (RFC 6070) and HKDF (RFC 5869): importKey, deriveBits, deriveKey, getKeyLength, errors.
const s = crypto.subtle;
const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");
const unhex = (h) => Uint8Array.from(h.match(/../g) || [], (x) => parseInt(x, 16));
const enc = (x) => new TextEncoder().encode(x);
const err = (e) => `${e.name}${e instanceof DOMException ? " (DOMException)" : ""}`;
async function attempt(what, f) {
  try {
    const r = await f();
    console.log(what, "ok", r instanceof ArrayBuffer ? hex(r) : r instanceof CryptoKey ? `${JSON.stringify(r.algorithm)} ${r.usages}` : r);
  } catch (e) {
    console.log(what, err(e));
  }
}

(async () => {
  const pw = await s.importKey("raw", enc("password"), "PBKDF2", false, ["deriveBits", "deriveKey"]);
  console.log(pw.type, pw.extractable, JSON.stringify(pw.algorithm), pw.usages);
  for (const [iterations, length] of [[1, 20], [2, 20], [4096, 20], [4096, 32]]) {
    const r = await s.deriveBits({ name: "PBKDF2", salt: enc("salt"), iterations, hash: "SHA-1" }, pw, length * 8);
    console.log("pbkdf2 sha1", iterations, hex(r));
  }
  const pw2 = await s.importKey("raw", enc("passwordPASSWORDpassword"), "pbkdf2", false, ["deriveBits"]);
  console.log("pbkdf2 long", hex(await s.deriveBits({ name: "PBKDF2", salt: enc("saltSALTsaltSALTsaltSALTsaltSALTsalt"), iterations: 4096, hash: "SHA-1" }, pw2, 200)));
  for (const hash of ["SHA-256", "SHA-384", "SHA-512"]) {
    console.log("pbkdf2", hash, hex(await s.deriveBits({ name: "PBKDF2", salt: enc("salt"), iterations: 1000, hash }, pw, 256)));
  }
  const empty = await s.importKey("raw", new Uint8Array(0), "PBKDF2", false, ["deriveBits"]);
  console.log("pbkdf2 empty password", hex(await s.deriveBits({ name: "PBKDF2", salt: new Uint8Array(0), iterations: 1, hash: "SHA-256" }, empty, 128)));
  const P = { name: "PBKDF2", salt: enc("salt"), iterations: 10, hash: "SHA-256" };
  await attempt("pbkdf2 length 0", () => s.deriveBits(P, pw, 0));
  await attempt("pbkdf2 length 7", () => s.deriveBits(P, pw, 7));
  await attempt("pbkdf2 length null", () => s.deriveBits(P, pw, null));
  await attempt("pbkdf2 length omitted", () => s.deriveBits(P, pw));
  await attempt("pbkdf2 iterations 0", () => s.deriveBits({ ...P, iterations: 0 }, pw, 128));
  await attempt("pbkdf2 no salt", () => s.deriveBits({ name: "PBKDF2", iterations: 1, hash: "SHA-256" }, pw, 128));
  await attempt("pbkdf2 no iterations", () => s.deriveBits({ name: "PBKDF2", salt: enc("s"), hash: "SHA-256" }, pw, 128));
  await attempt("pbkdf2 hash HMAC", () => s.deriveBits({ ...P, hash: "HMAC" }, pw, 128));
  await attempt("pbkdf2 extractable", () => s.importKey("raw", enc("p"), "PBKDF2", true, ["deriveBits"]));
  await attempt("pbkdf2 jwk", () => s.importKey("jwk", { kty: "oct", k: "cA" }, "PBKDF2", false, ["deriveBits"]));
  await attempt("pbkdf2 sign usage", () => s.importKey("raw", enc("p"), "PBKDF2", false, ["sign"]));
  await attempt("pbkdf2 generateKey", () => s.generateKey("PBKDF2", false, ["deriveBits"]));
  await attempt("pbkdf2 without usage", async () => s.deriveBits(P, await s.importKey("raw", enc("p"), "PBKDF2", false, ["deriveKey"]), 128));
  await attempt("pbkdf2 deriveKey AES", () => s.deriveKey(P, pw, { name: "AES-GCM", length: 256 }, true, ["encrypt"]));
  await attempt("pbkdf2 deriveKey HMAC", () => s.deriveKey(P, pw, { name: "HMAC", hash: "SHA-1" }, true, ["sign"]));
  await attempt("pbkdf2 deriveKey HMAC length", () => s.deriveKey(P, pw, { name: "HMAC", hash: "SHA-1", length: 128 }, true, ["sign"]));
  await attempt("pbkdf2 deriveKey AES 100", () => s.deriveKey(P, pw, { name: "AES-GCM", length: 100 }, true, ["encrypt"]));
  await attempt("pbkdf2 deriveKey HKDF", () => s.deriveKey(P, pw, "HKDF", false, ["deriveBits"]));
  await attempt("pbkdf2 deriveKey empty usages", () => s.deriveKey(P, pw, { name: "AES-GCM", length: 128 }, true, []));
  await attempt("pbkdf2 deriveKey unknown", () => s.deriveKey(P, pw, { name: "AES-XYZ", length: 128 }, true, ["encrypt"]));
  const dk = await s.deriveKey(P, pw, { name: "AES-CBC", length: 128 }, true, ["encrypt"]);
  console.log("derived", hex(await s.exportKey("raw", dk)));

  // RFC 5869 A.1, A.2, A.3 (SHA-256), A.4 (SHA-1).
  const A1 = { ikm: "0b".repeat(22), salt: "000102030405060708090a0b0c", info: "f0f1f2f3f4f5f6f7f8f9", L: 42, hash: "SHA-256" };
  const seq = (a, n) => Array.from({ length: n }, (_, i) => (a + i).toString(16).padStart(2, "0")).join("");
  const A2 = { ikm: seq(0, 80), salt: seq(0x60, 80), info: seq(0xb0, 80), L: 82, hash: "SHA-256" };
  const A3 = { ikm: "0b".repeat(22), salt: "", info: "", L: 42, hash: "SHA-256" };
  const A4 = { ikm: "0b".repeat(11), salt: "000102030405060708090a0b0c", info: "f0f1f2f3f4f5f6f7f8f9", L: 42, hash: "SHA-1" };
  for (const v of [A1, A2, A3, A4]) {
    const k = await s.importKey("raw", unhex(v.ikm), "HKDF", false, ["deriveBits"]);
    console.log("hkdf", v.hash, hex(await s.deriveBits({ name: "HKDF", hash: v.hash, salt: unhex(v.salt), info: unhex(v.info) }, k, v.L * 8)));
  }
  const hk = await s.importKey("raw", enc("ikm"), "HKDF", false, ["deriveBits", "deriveKey"]);
  const H = { name: "HKDF", hash: "SHA-512", salt: enc("s"), info: enc("i") };
  console.log("hkdf empty ikm", hex(await s.deriveBits(H, await s.importKey("raw", new Uint8Array(0), "HKDF", false, ["deriveBits"]), 128)));
  await attempt("hkdf max length", async () => (await s.deriveBits(H, hk, 255 * 512)).byteLength);
  await attempt("hkdf too long", () => s.deriveBits(H, hk, 255 * 512 + 8));
  await attempt("hkdf length 0", () => s.deriveBits(H, hk, 0));
  await attempt("hkdf length 12", () => s.deriveBits(H, hk, 12));
  await attempt("hkdf no info", () => s.deriveBits({ name: "HKDF", hash: "SHA-256", salt: enc("s") }, hk, 128));
  await attempt("hkdf no salt", () => s.deriveBits({ name: "HKDF", hash: "SHA-256", info: enc("s") }, hk, 128));
  await attempt("hkdf extractable", () => s.importKey("raw", enc("p"), "HKDF", true, ["deriveBits"]));
  await attempt("hkdf deriveKey HMAC", () => s.deriveKey(H, hk, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]));
  await attempt("hkdf with pbkdf2 key", () => s.deriveBits(H, pw, 128));
  await attempt("hkdf deriveBits with deriveKey-only", async () => s.deriveBits(H, await s.importKey("raw", enc("x"), "HKDF", false, ["deriveKey"]), 128));
})();
