// AES-CBC/CTR/GCM/KW: NIST SP 800-38A/D and RFC 3394 vectors, counter wrap, tags, wrapKey,
// key import/export, errors.
const s = crypto.subtle;
const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");
const unhex = (h) => Uint8Array.from(h.match(/../g) || [], (x) => parseInt(x, 16));
const enc = (x) => new TextEncoder().encode(x);
const err = (e) => `${e.name}${e instanceof DOMException ? " (DOMException)" : ""}`;
const sortJwk = (j) => JSON.stringify(Object.fromEntries(Object.entries(j).sort()));
async function attempt(what, f) {
  try {
    const r = await f();
    console.log(what, "ok", r instanceof ArrayBuffer ? hex(r) : r instanceof CryptoKey ? JSON.stringify(r.algorithm) : r);
  } catch (e) {
    console.log(what, err(e));
  }
}
const U = ["encrypt", "decrypt", "wrapKey", "unwrapKey"];

(async () => {
  // SP 800-38A F.2.1 / F.5.1 (AES-128), F.5.5 (AES-256).
  const k128 = unhex("2b7e151628aed2a6abf7158809cf4f3c");
  const pt = unhex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
  const cbc = await s.importKey("raw", k128, "AES-CBC", true, U);
  const iv = unhex("000102030405060708090a0b0c0d0e0f");
  const c1 = await s.encrypt({ name: "AES-CBC", iv }, cbc, pt);
  console.log("cbc", hex(c1), hex(await s.decrypt({ name: "aes-cbc", iv }, cbc, c1)) === hex(pt));
  const ctr = await s.importKey("raw", k128, "AES-CTR", true, U);
  const counter = unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
  const c2 = await s.encrypt({ name: "AES-CTR", counter, length: 64 }, ctr, pt);
  console.log("ctr", hex(c2), hex(await s.decrypt({ name: "AES-CTR", counter, length: 64 }, ctr, c2)) === hex(pt));
  const k256 = unhex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
  const ctr256 = await s.importKey("raw", k256, { name: "AES-CTR" }, true, ["encrypt"]);
  console.log("ctr256", hex(await s.encrypt({ name: "AES-CTR", counter, length: 128 }, ctr256, pt)));
  // Counter wrap inside the low bits: the bits above stay as they are.
  for (const length of [1, 2, 8, 16, 32, 64, 127, 128]) {
    const c = new Uint8Array(16).fill(0xff);
    await attempt(`ctr wrap ${length}`, () => s.encrypt({ name: "AES-CTR", counter: c, length }, ctr, new Uint8Array(length === 1 ? 32 : 40)));
  }
  await attempt("ctr too long for counter", () => s.encrypt({ name: "AES-CTR", counter, length: 1 }, ctr, new Uint8Array(33)));
  await attempt("ctr length 0", () => s.encrypt({ name: "AES-CTR", counter, length: 0 }, ctr, pt));
  await attempt("ctr length 129", () => s.encrypt({ name: "AES-CTR", counter, length: 129 }, ctr, pt));
  await attempt("ctr counter 15", () => s.encrypt({ name: "AES-CTR", counter: counter.subarray(1), length: 64 }, ctr, pt));
  await attempt("ctr no length", () => s.encrypt({ name: "AES-CTR", counter }, ctr, pt));
  await attempt("cbc iv 15", () => s.encrypt({ name: "AES-CBC", iv: iv.subarray(1) }, cbc, pt));
  await attempt("cbc no iv", () => s.encrypt({ name: "AES-CBC" }, cbc, pt));
  await attempt("cbc bad padding", () => s.decrypt({ name: "AES-CBC", iv }, cbc, c1.slice(0, 32)));
  await attempt("cbc not block size", () => s.decrypt({ name: "AES-CBC", iv }, cbc, c1.slice(0, 31)));
  await attempt("cbc empty", () => s.encrypt({ name: "AES-CBC", iv }, cbc, new Uint8Array(0)));

  // SP 800-38D / GCM spec test case 4 (AES-128, 60 bytes, AAD) and truncated tags.
  const gk = await s.importKey("raw", unhex("feffe9928665731c6d6a8f9467308308"), "AES-GCM", true, U);
  const gpt = unhex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
  const gaad = unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
  const giv = unhex("cafebabefacedbaddecaf888");
  const gc = await s.encrypt({ name: "AES-GCM", iv: giv, additionalData: gaad }, gk, gpt);
  console.log("gcm", hex(gc));
  console.log("gcm open", hex(await s.decrypt({ name: "AES-GCM", iv: giv, additionalData: gaad }, gk, gc)) === hex(gpt));
  for (const tagLength of [32, 64, 96, 104, 112, 120, 128]) {
    const c = await s.encrypt({ name: "AES-GCM", iv: giv, tagLength }, gk, gpt);
    const p = await s.decrypt({ name: "AES-GCM", iv: giv, tagLength }, gk, c);
    console.log("gcm tag", tagLength, c.byteLength, hex(c).slice(-16), hex(p) === hex(gpt));
  }
  const bad = new Uint8Array(gc);
  bad[3] ^= 1;
  await attempt("gcm tampered", () => s.decrypt({ name: "AES-GCM", iv: giv, additionalData: gaad }, gk, bad));
  await attempt("gcm wrong aad", () => s.decrypt({ name: "AES-GCM", iv: giv }, gk, gc));
  await attempt("gcm shorter than tag", () => s.decrypt({ name: "AES-GCM", iv: giv }, gk, new Uint8Array(15)));
  await attempt("gcm tag 33", () => s.encrypt({ name: "AES-GCM", iv: giv, tagLength: 33 }, gk, gpt));
  await attempt("gcm tag 256", () => s.encrypt({ name: "AES-GCM", iv: giv, tagLength: 256 }, gk, gpt));
  await attempt("gcm long iv", () => s.encrypt({ name: "AES-GCM", iv: new Uint8Array(64) }, gk, enc("x")));
  const large = new Uint8Array(3 << 20).fill(9); // worker pool
  const lc = await s.encrypt({ name: "AES-GCM", iv: giv }, gk, large);
  const lp = new Uint8Array(await s.decrypt({ name: "AES-GCM", iv: giv }, gk, lc));
  console.log("gcm 3 MiB", lc.byteLength, lp.length, lp.every((x) => x === 9));

  // RFC 3394 4.1 and 4.6: AES-KW.
  const kek = await s.importKey("raw", unhex("000102030405060708090a0b0c0d0e0f"), "AES-KW", true, ["wrapKey", "unwrapKey"]);
  const toWrap = await s.importKey("raw", unhex("00112233445566778899aabbccddeeff"), "AES-GCM", true, ["encrypt"]);
  const wrapped = await s.wrapKey("raw", toWrap, kek, "AES-KW");
  console.log("kw", hex(wrapped));
  const un = await s.unwrapKey("raw", wrapped, kek, "AES-KW", "AES-GCM", true, ["decrypt"]);
  console.log("unwrapped", JSON.stringify(un.algorithm), un.usages, hex(await s.exportKey("raw", un)));
  const kek256 = await s.importKey("raw", unhex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"), "AES-KW", false, ["wrapKey"]);
  const k2 = await s.importKey("raw", unhex("00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f"), "AES-CBC", true, ["encrypt"]);
  console.log("kw256", hex(await s.wrapKey("raw", k2, kek256, { name: "aes-kw" })));
  const tampered = new Uint8Array(wrapped);
  tampered[0] ^= 1;
  await attempt("kw tampered", () => s.unwrapKey("raw", tampered, kek, "AES-KW", "AES-GCM", true, ["decrypt"]));
  await attempt("kw encrypt", () => s.encrypt("AES-KW", kek, new Uint8Array(16)));
  // wrapKey/unwrapKey through AES-GCM (encrypt/decrypt) with jwk.
  const hk = await s.importKey("raw", enc("0123456789abcdef"), { name: "HMAC", hash: "SHA-256" }, true, ["sign"]);
  const wj = await s.wrapKey("jwk", hk, gk, { name: "AES-GCM", iv: giv });
  const uj = await s.unwrapKey("jwk", wj, gk, { name: "AES-GCM", iv: giv }, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  console.log("jwk unwrap", JSON.stringify(uj.algorithm), uj.extractable, uj.usages);
  const notJson = await s.encrypt({ name: "AES-GCM", iv: giv }, gk, enc("not json"));
  await attempt("unwrap not json", () => s.unwrapKey("jwk", notJson, gk, { name: "AES-GCM", iv: giv }, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]));
  await attempt("wrap without usage", () => s.wrapKey("raw", toWrap, ctr256, { name: "AES-CTR", counter, length: 64 }));

  // Keys.
  for (const name of ["AES-CBC", "AES-CTR", "AES-GCM", "AES-KW"]) {
    for (const length of [128, 192, 256]) {
      const k = await s.generateKey({ name, length }, true, name === "AES-KW" ? ["wrapKey"] : ["encrypt", "decrypt"]);
      const j = await s.exportKey("jwk", k);
      console.log(name, length, k.type, JSON.stringify(k.algorithm), k.usages, j.alg, j.k.length, j.key_ops, j.ext);
      const back = await s.importKey("jwk", j, name, true, k.usages);
      console.log("  jwk round trip", hex(await s.exportKey("raw", back)) === hex(await s.exportKey("raw", k)));
    }
  }
  await attempt("gen 64", () => s.generateKey({ name: "AES-GCM", length: 64 }, true, ["encrypt"]));
  await attempt("gen no length", () => s.generateKey({ name: "AES-GCM" }, true, ["encrypt"]));
  await attempt("gen length NaN", () => s.generateKey({ name: "AES-GCM", length: NaN }, true, ["encrypt"]));
  await attempt("gen length 65536", () => s.generateKey({ name: "AES-GCM", length: 65536 }, true, ["encrypt"]));
  await attempt("gen sign usage", () => s.generateKey({ name: "AES-GCM", length: 128 }, true, ["sign"]));
  await attempt("gen kw encrypt usage", () => s.generateKey({ name: "AES-KW", length: 128 }, true, ["encrypt"]));
  await attempt("gen empty usages", () => s.generateKey({ name: "AES-CBC", length: 128 }, true, []));
  await attempt("import 20 bytes", () => s.importKey("raw", new Uint8Array(20), "AES-GCM", true, ["encrypt"]));
  await attempt("import jwk alg", () => s.importKey("jwk", { kty: "oct", k: "AAAAAAAAAAAAAAAAAAAAAA", alg: "A256GCM" }, "AES-GCM", true, ["encrypt"]));
  await attempt("import jwk mode", () => s.importKey("jwk", { kty: "oct", k: "AAAAAAAAAAAAAAAAAAAAAA", alg: "A128CBC" }, "AES-GCM", true, ["encrypt"]));
  await attempt("import jwk use", () => s.importKey("jwk", { kty: "oct", k: "AAAAAAAAAAAAAAAAAAAAAA", use: "sig" }, "AES-GCM", true, ["encrypt"]));
  await attempt("import jwk ok", () => s.importKey("jwk", { kty: "oct", k: "AAAAAAAAAAAAAAAAAAAAAA", alg: "A128GCM", use: "enc" }, "AES-GCM", true, ["encrypt"]));
  await attempt("import pkcs8", () => s.importKey("pkcs8", new Uint8Array(16), "AES-GCM", true, ["encrypt"]));
  await attempt("encrypt with decrypt-only key", async () => s.encrypt({ name: "AES-CBC", iv }, await s.importKey("raw", k128, "AES-CBC", true, ["decrypt"]), pt));
  await attempt("encrypt with other mode", () => s.encrypt({ name: "AES-GCM", iv }, cbc, pt));
  const jwkOut = await s.exportKey("jwk", cbc);
  console.log(sortJwk(jwkOut));
})();
