// ECDSA and ECDH on P-256, P-384, P-521 through crypto.subtle: generate, export in every
// format, import again, sign/verify and derive across the copies. Randomness makes the bytes
// differ from run to run, so lengths, booleans and JWK member names are printed.
const s = crypto.subtle;
const data = new TextEncoder().encode("a message to sign");
const same = (a, b) => a.byteLength === b.byteLength && new Uint8Array(a).every((v, i) => v === new Uint8Array(b)[i]);

for (const namedCurve of ["P-256", "P-384", "P-521"]) {
  const kp = await s.generateKey({ name: "ECDSA", namedCurve }, true, ["sign", "verify"]);
  console.log(namedCurve, kp.publicKey.type, kp.privateKey.type, kp.publicKey.extractable,
    kp.publicKey.usages, kp.privateKey.usages, kp.privateKey.algorithm);
  const spki = await s.exportKey("spki", kp.publicKey);
  const raw = await s.exportKey("raw", kp.publicKey);
  const pkcs8 = await s.exportKey("pkcs8", kp.privateKey);
  const jwkPub = await s.exportKey("jwk", kp.publicKey);
  const jwkPriv = await s.exportKey("jwk", kp.privateKey);
  console.log("lengths", spki.byteLength, raw.byteLength, new Uint8Array(raw)[0]);
  console.log("jwk", Object.keys(jwkPub).sort().join(","), "|", Object.keys(jwkPriv).sort().join(","),
    jwkPriv.kty, jwkPriv.crv, jwkPriv.key_ops, jwkPriv.ext);
  for (const hash of ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]) {
    const sig = await s.sign({ name: "ECDSA", hash }, kp.privateKey, data);
    const pubs = [
      await s.importKey("spki", spki, { name: "ECDSA", namedCurve }, false, ["verify"]),
      await s.importKey("raw", raw, { name: "ECDSA", namedCurve }, false, ["verify"]),
      await s.importKey("jwk", jwkPub, { name: "ECDSA", namedCurve }, false, ["verify"]),
    ];
    const ok = [];
    for (const p of pubs) ok.push(await s.verify({ name: "ECDSA", hash }, p, sig, data));
    const bad = new Uint8Array(sig).slice();
    bad[bad.length - 1] ^= 1;
    ok.push(await s.verify({ name: "ECDSA", hash }, kp.publicKey, bad, data));
    ok.push(await s.verify({ name: "ECDSA", hash }, kp.publicKey, sig.slice(1), data));
    console.log(hash, sig.byteLength, ok.join(" "));
  }
  const priv2 = await s.importKey("pkcs8", pkcs8, { name: "ECDSA", namedCurve }, true, ["sign"]);
  const priv3 = await s.importKey("jwk", jwkPriv, { name: "ECDSA", namedCurve }, true, ["sign"]);
  const sig2 = await s.sign({ name: "ECDSA", hash: "SHA-256" }, priv2, data);
  const sig3 = await s.sign({ name: "ECDSA", hash: "SHA-256" }, priv3, data);
  console.log("reimported", await s.verify({ name: "ECDSA", hash: "SHA-256" }, kp.publicKey, sig2, data),
    await s.verify({ name: "ECDSA", hash: "SHA-256" }, kp.publicKey, sig3, data),
    same(await s.exportKey("pkcs8", priv3), pkcs8));

  const a = await s.generateKey({ name: "ECDH", namedCurve }, true, ["deriveBits", "deriveKey"]);
  const b = await s.generateKey({ name: "ECDH", namedCurve }, false, ["deriveBits"]);
  console.log("ecdh usages", a.publicKey.usages, a.privateKey.usages, b.privateKey.extractable);
  const bPubRaw = await s.importKey("raw", await s.exportKey("raw", b.publicKey), { name: "ECDH", namedCurve }, true, []);
  const ab = await s.deriveBits({ name: "ECDH", public: bPubRaw }, a.privateKey, null);
  const ba = await s.deriveBits({ name: "ECDH", public: a.publicKey }, b.privateKey, null);
  const short = await s.deriveBits({ name: "ECDH", public: a.publicKey }, b.privateKey, 64);
  console.log("ecdh", ab.byteLength, same(ab, ba), same(short, ba.slice(0, 8)));
}

// A compressed point (raw or in an spki) imports; exports are uncompressed.
for (const namedCurve of ["P-256", "P-384", "P-521"]) {
  const kp = await s.generateKey({ name: "ECDSA", namedCurve }, true, ["sign", "verify"]);
  const raw = new Uint8Array(await s.exportKey("raw", kp.publicKey));
  const n = (raw.length - 1) / 2;
  const compressed = new Uint8Array(1 + n);
  compressed[0] = 2 | (raw[raw.length - 1] & 1);
  compressed.set(raw.subarray(1, 1 + n), 1);
  const k = await s.importKey("raw", compressed, { name: "ECDSA", namedCurve }, true, ["verify"]);
  const back = new Uint8Array(await s.exportKey("raw", k));
  const spki = new Uint8Array(await s.exportKey("spki", k));
  const jwk = await s.exportKey("jwk", k);
  const sig = await s.sign({ name: "ECDSA", hash: "SHA-256" }, kp.privateKey, data);
  console.log("compressed", namedCurve, compressed.length, back.length, back.every((v, i) => v === raw[i]),
    spki.length, jwk.y === (await s.exportKey("jwk", kp.publicKey)).y,
    await s.verify({ name: "ECDSA", hash: "SHA-256" }, k, sig, data));
}
