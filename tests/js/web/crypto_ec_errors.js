// crypto.subtle's checks for ECDSA, ECDH, Ed25519 and X25519: the spec's error names for bad
// usages, curves, key types, formats and JWK members.
const s = crypto.subtle;
const data = new TextEncoder().encode("data");
async function t(label, p) {
  try {
    const r = await p;
    console.log(label, "ok", r instanceof ArrayBuffer ? r.byteLength : typeof r === "object" ? r.type : r);
  } catch (e) {
    console.log(label, e.name);
  }
}
const P256 = { name: "ECDSA", namedCurve: "P-256" };
await t("usage encrypt", s.generateKey(P256, true, ["encrypt"]));
await t("unknown curve", s.generateKey({ name: "ECDSA", namedCurve: "P-255" }, true, ["sign"]));
await t("no curve", s.generateKey({ name: "ECDSA" }, true, ["sign"]));
await t("empty usages", s.generateKey(P256, true, []));
await t("verify only", s.generateKey(P256, true, ["verify"]));
await t("ecdh with sign", s.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["sign"]));
await t("ed25519 deriveBits", s.generateKey({ name: "Ed25519" }, true, ["deriveBits"]));
await t("x25519 sign", s.generateKey({ name: "X25519" }, true, ["sign"]));
await t("x25519 lower case", s.generateKey({ name: "x25519" }, true, ["deriveBits"]));

const kp = await s.generateKey(P256, true, ["sign", "verify"]);
await t("sign with public", s.sign({ name: "ECDSA", hash: "SHA-256" }, kp.publicKey, data));
await t("verify with private", s.verify({ name: "ECDSA", hash: "SHA-256" }, kp.privateKey, new Uint8Array(64), data));
await t("sign no hash", s.sign({ name: "ECDSA" }, kp.privateKey, data));
await t("sign bad hash", s.sign({ name: "ECDSA", hash: "SHA-3" }, kp.privateKey, data));
await t("sign as Ed25519", s.sign({ name: "Ed25519" }, kp.privateKey, data));
await t("spki of private", s.exportKey("spki", kp.privateKey));
await t("pkcs8 of public", s.exportKey("pkcs8", kp.publicKey));
await t("raw of private", s.exportKey("raw", kp.privateKey));
const spki = await s.exportKey("spki", kp.publicKey);
const pkcs8 = await s.exportKey("pkcs8", kp.privateKey);
await t("spki sign usage", s.importKey("spki", spki, P256, true, ["sign"]));
await t("pkcs8 verify usage", s.importKey("pkcs8", pkcs8, P256, true, ["verify"]));
await t("spki other curve", s.importKey("spki", spki, { name: "ECDSA", namedCurve: "P-384" }, true, ["verify"]));
await t("spki garbage", s.importKey("spki", new Uint8Array([48, 3, 2, 1, 0]), P256, true, ["verify"]));
await t("pkcs8 as spki", s.importKey("spki", pkcs8, P256, true, ["verify"]));
await t("raw 64 bytes", s.importKey("raw", new Uint8Array(64), P256, true, ["verify"]));
const off = new Uint8Array(65);
off[0] = 4;
off[64] = 1;
await t("raw not on curve", s.importKey("raw", off, P256, true, ["verify"]));
await t("ecdh raw usage", s.importKey("raw", await s.exportKey("raw", kp.publicKey), { name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"]));
const jwk = await s.exportKey("jwk", kp.publicKey);
await t("jwk ok", s.importKey("jwk", jwk, P256, true, ["verify"]));
await t("jwk kty", s.importKey("jwk", { ...jwk, kty: "OKP" }, P256, true, ["verify"]));
await t("jwk crv", s.importKey("jwk", { ...jwk, crv: "P-521" }, P256, true, ["verify"]));
await t("jwk ext", s.importKey("jwk", { ...jwk, ext: false }, P256, true, ["verify"]));
await t("jwk key_ops", s.importKey("jwk", { ...jwk, key_ops: ["sign"] }, P256, true, ["verify"]));
await t("jwk use", s.importKey("jwk", { ...jwk, use: "enc" }, P256, true, ["verify"]));
await t("jwk alg", s.importKey("jwk", { ...jwk, alg: "ES512" }, P256, true, ["verify"]));
await t("jwk alg ok", s.importKey("jwk", { ...jwk, alg: "ES256" }, P256, true, ["verify"]));
await t("jwk short x", s.importKey("jwk", { ...jwk, x: jwk.x.slice(4) }, P256, true, ["verify"]));
await t("jwk no y", s.importKey("jwk", { ...jwk, y: undefined }, P256, true, ["verify"]));
const jwkPriv = await s.exportKey("jwk", kp.privateKey);
const other = await s.exportKey("jwk", (await s.generateKey(P256, true, ["sign"])).privateKey);
await t("jwk d of another key", s.importKey("jwk", { ...jwkPriv, d: other.d }, P256, true, ["sign"]));

const a = await s.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"]);
const b384 = await s.generateKey({ name: "ECDH", namedCurve: "P-384" }, true, ["deriveBits"]);
await t("ecdh other curve", s.deriveBits({ name: "ECDH", public: b384.publicKey }, a.privateKey, 256));
await t("ecdh public is private", s.deriveBits({ name: "ECDH", public: a.privateKey }, a.privateKey, 256));
await t("ecdh public is ECDSA", s.deriveBits({ name: "ECDH", public: kp.publicKey }, a.privateKey, 256));
await t("ecdh public not a key", s.deriveBits({ name: "ECDH", public: {} }, a.privateKey, 256));
await t("ecdh base is public", s.deriveBits({ name: "ECDH", public: a.publicKey }, a.publicKey, 256));
await t("ecdh too long", s.deriveBits({ name: "ECDH", public: a.publicKey }, a.privateKey, 264));

const ed = await s.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
await t("ed spki as X25519", s.importKey("spki", await s.exportKey("spki", ed.publicKey), "X25519", true, []));
await t("ed raw 31", s.importKey("raw", new Uint8Array(31), "Ed25519", true, ["verify"]));
await t("ed raw sign usage", s.importKey("raw", new Uint8Array(32), "Ed25519", true, ["sign"]));
await t("x25519 raw usage", s.importKey("raw", new Uint8Array(32), "X25519", true, ["deriveBits"]));
const edJwk = await s.exportKey("jwk", ed.privateKey);
await t("ed jwk crv", s.importKey("jwk", { ...edJwk, crv: "X25519" }, "Ed25519", true, ["sign"]));
await t("ed jwk kty", s.importKey("jwk", { ...edJwk, kty: "EC" }, "Ed25519", true, ["sign"]));
await t("ed jwk x mismatch", s.importKey("jwk", { ...edJwk, x: (await s.exportKey("jwk", (await s.generateKey("Ed25519", true, ["sign"])).publicKey)).x }, "Ed25519", true, ["sign"]));
