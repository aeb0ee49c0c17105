// timeout: 60000
// crypto.subtle's checks for the RSA algorithms: the spec's error names.
const s = crypto.subtle;
const data = new TextEncoder().encode("data");
async function t(label, p) {
  try {
    const r = await p;
    console.log(label, "ok", r instanceof ArrayBuffer ? r.byteLength : typeof r === "object" ? (r.type || "pair") : r);
  } catch (e) {
    console.log(label, e.name);
  }
}
const e = new Uint8Array([1, 0, 1]);
await t("no exponent", s.generateKey({ name: "RSA-PSS", modulusLength: 1024, hash: "SHA-256" }, true, ["sign"]));
await t("exponent not Uint8Array", s.generateKey({ name: "RSA-PSS", modulusLength: 1024, publicExponent: [1, 0, 1], hash: "SHA-256" }, true, ["sign"]));
await t("no hash", s.generateKey({ name: "RSA-PSS", modulusLength: 1024, publicExponent: e }, true, ["sign"]));
await t("bad hash", s.generateKey({ name: "RSA-PSS", modulusLength: 1024, publicExponent: e, hash: "MD5" }, true, ["sign"]));
await t("pss encrypt usage", s.generateKey({ name: "RSA-PSS", modulusLength: 1024, publicExponent: e, hash: "SHA-1" }, true, ["encrypt"]));
await t("oaep sign usage", s.generateKey({ name: "RSA-OAEP", modulusLength: 1024, publicExponent: e, hash: "SHA-1" }, true, ["sign"]));
await t("oaep encrypt only", s.generateKey({ name: "RSA-OAEP", modulusLength: 1024, publicExponent: e, hash: "SHA-1" }, true, ["encrypt"]));
await t("modulusLength -1", s.generateKey({ name: "RSA-OAEP", modulusLength: -1, publicExponent: e, hash: "SHA-1" }, true, ["decrypt"]));
const kp = await s.generateKey({ name: "RSA-OAEP", modulusLength: 1024, publicExponent: e, hash: "SHA-256" }, true, ["encrypt", "decrypt"]);
await t("encrypt with private", s.encrypt({ name: "RSA-OAEP" }, kp.privateKey, data));
await t("decrypt with public", s.decrypt({ name: "RSA-OAEP" }, kp.publicKey, new Uint8Array(128)));
await t("decrypt garbage", s.decrypt({ name: "RSA-OAEP" }, kp.privateKey, new Uint8Array(128)));
await t("plaintext too long", s.encrypt({ name: "RSA-OAEP" }, kp.publicKey, new Uint8Array(100)));
await t("label not bytes", s.encrypt({ name: "RSA-OAEP", label: "x" }, kp.publicKey, data));
await t("sign with OAEP key", s.sign({ name: "RSA-PSS", saltLength: 20 }, kp.privateKey, data));
await t("wrapKey without usage", s.wrapKey("spki", kp.publicKey, kp.publicKey, { name: "RSA-OAEP" }));
const spki = await s.exportKey("spki", kp.publicKey);
const pkcs8 = await s.exportKey("pkcs8", kp.privateKey);
await t("spki decrypt usage", s.importKey("spki", spki, { name: "RSA-OAEP", hash: "SHA-256" }, true, ["decrypt"]));
await t("spki as pkcs8", s.importKey("pkcs8", spki, { name: "RSA-OAEP", hash: "SHA-256" }, true, ["decrypt"]));
await t("spki as RSA-PSS", s.importKey("spki", spki, { name: "RSA-PSS", hash: "SHA-256" }, true, ["verify"]));
await t("spki as ECDSA", s.importKey("spki", spki, { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"]));
await t("pkcs8 no hash", s.importKey("pkcs8", pkcs8, { name: "RSA-OAEP" }, true, ["decrypt"]));
const jwk = await s.exportKey("jwk", kp.privateKey);
await t("jwk ok", s.importKey("jwk", jwk, { name: "RSA-OAEP", hash: "SHA-256" }, true, ["decrypt"]));
await t("jwk alg for other hash", s.importKey("jwk", jwk, { name: "RSA-OAEP", hash: "SHA-1" }, true, ["decrypt"]));
await t("jwk kty", s.importKey("jwk", { ...jwk, kty: "EC" }, { name: "RSA-OAEP", hash: "SHA-256" }, true, ["decrypt"]));
await t("jwk use sig", s.importKey("jwk", { ...jwk, use: "sig" }, { name: "RSA-OAEP", hash: "SHA-256" }, true, ["decrypt"]));
await t("jwk key_ops", s.importKey("jwk", { ...jwk, key_ops: ["encrypt"] }, { name: "RSA-OAEP", hash: "SHA-256" }, true, ["decrypt"]));
await t("jwk ext", s.importKey("jwk", { ...jwk, ext: false }, { name: "RSA-OAEP", hash: "SHA-256" }, true, ["decrypt"]));
await t("jwk public encrypt", s.importKey("jwk", { kty: "RSA", n: jwk.n, e: jwk.e, alg: "RSA-OAEP-256" }, { name: "RSA-OAEP", hash: "SHA-256" }, true, ["encrypt"]));
await t("jwk public decrypt usage", s.importKey("jwk", { kty: "RSA", n: jwk.n, e: jwk.e }, { name: "RSA-OAEP", hash: "SHA-256" }, true, ["decrypt"]));
const pss = await s.generateKey({ name: "RSA-PSS", modulusLength: 1024, publicExponent: e, hash: "SHA-256" }, true, ["sign", "verify"]);
await t("pss no saltLength", s.sign({ name: "RSA-PSS" }, pss.privateKey, data));
await t("pss saltLength too big", s.sign({ name: "RSA-PSS", saltLength: 1000 }, pss.privateKey, data));
await t("pss verify with private", s.verify({ name: "RSA-PSS", saltLength: 32 }, pss.privateKey, new Uint8Array(128), data));
await t("pss verify short sig", s.verify({ name: "RSA-PSS", saltLength: 32 }, pss.publicKey, new Uint8Array(5), data));
await t("pss export non-private pkcs8", s.exportKey("pkcs8", pss.publicKey).catch((e) => { throw e.name === "InvalidAccessError" ? e : e; }));
