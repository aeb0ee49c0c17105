// timeout: 60000
// crypto.subtle deriveKey through ECDH and X25519 (into AES-GCM and HMAC keys) and wrapKey/unwrapKey of a raw AES key with RSA-OAEP and a label.
const s = crypto.subtle;
const a = await s.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveKey"]);
const b = await s.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveKey"]);
const k1 = await s.deriveKey({ name: "ECDH", public: b.publicKey }, a.privateKey, { name: "AES-GCM", length: 256 }, true, ["encrypt", "decrypt"]);
const k2 = await s.deriveKey({ name: "ECDH", public: a.publicKey }, b.privateKey, { name: "AES-GCM", length: 256 }, true, ["encrypt", "decrypt"]);
const r1 = new Uint8Array(await s.exportKey("raw", k1)), r2 = new Uint8Array(await s.exportKey("raw", k2));
console.log("ecdh->aes", r1.length, r1.every((v, i) => v === r2[i]));
const x = await s.generateKey("X25519", true, ["deriveKey"]);
const y = await s.generateKey("X25519", true, ["deriveKey"]);
const h = await s.deriveKey({ name: "X25519", public: y.publicKey }, x.privateKey, { name: "HMAC", hash: "SHA-256", length: 256 }, true, ["sign"]);
console.log("x25519->hmac", h.algorithm.name, h.algorithm.length);
const oaep = await s.generateKey({ name: "RSA-OAEP", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["wrapKey", "unwrapKey"]);
const w = await s.wrapKey("raw", k1, oaep.publicKey, { name: "RSA-OAEP", label: new Uint8Array([7]) });
const u = await s.unwrapKey("raw", w, oaep.privateKey, { name: "RSA-OAEP", label: new Uint8Array([7]) }, "AES-GCM", true, ["decrypt"]);
console.log("wrap raw aes", w.byteLength, new Uint8Array(await s.exportKey("raw", u)).every((v, i) => v === r1[i]));
