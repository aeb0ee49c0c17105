// node: skip
// Web Crypto behaviour where node 20 departs from the spec (the .out is written from the
// spec): HMAC lengths that are not whole bytes, error names (NotSupportedError for a format
// or an export the algorithm lacks, TypeError for a buffer given as a JWK, DataError for bad
// base64url), HMAC's get-key-length TypeError, AES-KW without padding, dictionary member order,
// and the promise settling after a reaction queued right after the call.
const s = crypto.subtle;
const err = (e) => `${e.name}${e instanceof DOMException ? " (DOMException)" : ""}`;
async function attempt(what, f) {
  try {
    const r = await f();
    console.log(what, "ok", r instanceof CryptoKey ? JSON.stringify(r.algorithm) : r instanceof ArrayBuffer ? r.byteLength : r);
  } catch (e) {
    console.log(what, err(e));
  }
}
(async () => {
  const H = { name: "HMAC", hash: "SHA-256" };
  const g = await s.generateKey({ name: "HMAC", hash: "SHA-1", length: 100 }, true, ["sign"]);
  console.log("length 100", JSON.stringify(g.algorithm), (await s.exportKey("raw", g)).byteLength);
  await attempt("import 4 bytes as 30 bits", () => s.importKey("raw", new Uint8Array(4), { ...H, length: 30 }, true, ["sign"]));
  await attempt("import 4 bytes as 24 bits", () => s.importKey("raw", new Uint8Array(4), { ...H, length: 24 }, true, ["sign"]));
  await attempt("hmac spki", () => s.importKey("spki", new Uint8Array(4), H, true, ["sign"]));
  await attempt("jwk given a buffer", () => s.importKey("jwk", new Uint8Array(4), H, true, ["sign"]));
  await attempt("jwk bad base64url", () => s.importKey("jwk", { kty: "oct", k: "a*b" }, H, true, ["sign"]));
  const k = await s.importKey("raw", new Uint8Array(16), H, false, ["sign"]);
  await attempt("export non-extractable", () => s.exportKey("raw", k));
  const ek = await s.importKey("raw", new Uint8Array(16), H, true, ["sign"]);
  await attempt("export hmac as spki", () => s.exportKey("spki", ek));
  console.log("jwk members", Object.keys(await s.exportKey("jwk", ek)).join());
  console.log("algorithm members", Object.keys(ek.algorithm).join());
  const pw = await s.importKey("raw", new Uint8Array(4), "PBKDF2", false, ["deriveKey"]);
  await attempt("export pbkdf2", () => s.exportKey("raw", pw));
  const P = { name: "PBKDF2", salt: new Uint8Array(4), iterations: 1, hash: "SHA-256" };
  await attempt("deriveKey HMAC length 0", () => s.deriveKey(P, pw, { ...H, length: 0 }, true, ["sign"]));
  const kek = await s.importKey("raw", new Uint8Array(16), "AES-KW", true, ["wrapKey"]);
  const small = await s.importKey("raw", new Uint8Array(3), H, true, ["sign"]);
  await attempt("AES-KW wrap of a jwk that is not 8-byte aligned", () => s.wrapKey("jwk", small, kek, "AES-KW"));
  // The promise settles after a reaction queued right after the call.
  let later = false;
  const p = s.digest("SHA-256", new Uint8Array(1));
  Promise.resolve().then(() => { later = true; });
  await p;
  console.log("resolved after the microtask", later);
  // An operation's error rejects after it too; a normalizeAlgorithm error before (the spec
  // throws it before returning the promise).
  later = false;
  const q = s.importKey("raw", new Uint8Array(16), "AES-GCM", true, []).catch((e) => console.log(e.name, later));
  Promise.resolve().then(() => { later = true; });
  await q;
    later = false;
  const r = s.digest("SHA-0", new Uint8Array(1)).catch((e) => console.log(e.name, later));
  Promise.resolve().then(() => { later = true; });
  await r;
    console.log("DOMException codes", new DOMException("", "OperationError").code, new DOMException("", "DataError").code,
    new DOMException("", "InvalidAccessError").code, new DOMException("", "NotSupportedError").code);
})();
