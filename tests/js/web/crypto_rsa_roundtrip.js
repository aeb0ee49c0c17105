// timeout: 60000
// RSASSA-PKCS1-v1_5, RSA-PSS and RSA-OAEP through crypto.subtle: a fixed 1024-bit key (JWK,
// made once with node) gives known PKCS#1 v1.5 signatures; generated keys round-trip through
// spki, pkcs8 and jwk; OAEP with and without a label; wrapKey/unwrapKey of a JWK with OAEP.
const s = crypto.subtle;
const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");
const data = new TextEncoder().encode("a message to sign");
const fixed = {"key_ops":["sign"],"ext":true,"kty":"RSA","n":"vLe1A_WvnvHmNIav5XGJq0uRNRak3c9qRTNmzlHgmbMob1e9v_Mf5oN3GlixCtmwISefY_AasqrlfaFaZ08UPs0esXb0qUgDTVgajjmGTsoNsSNzWH3Tk8oYmPYzE-ecqBOEyeL4Mrh0fYFhAalfq6dWmfbsW-koNsJuYXdPxsc","e":"AQAB","d":"JAO_FNlfQasSbrXBfb0UM8-BD6uZnQcHVduAZCF2Bn8NWWpaOPaSAPDX2vxQFS0EEt-36F-bCLvafgY79Xk--IVQuZCvFVd7qDDg6P2Ui_MS3g21aQzclQByAWUvfH5P32Qp48dSQAjCE4tBpi1Xq7jIKzqFjMwbnJDzCWNm6JE","p":"3iDPq_SYmb9faDRVpHsn0WhV7KcuLBivVXAudZTwWZ9rnZKg0C_7i3o6OP_T2dOUPHroes2hfPp7ZhM2Ey17rw","q":"2X6m6sZNa3TA6nPdsR2K6Ay4Rc_axeBFT-_qd8Hc8TvQh4XNGpm5ZXfu90y-Erpj1nFroc6g2AoaUsO3Q5-0aQ","dp":"l73OYGetP4qOQH9P6hb_snwWBp6GWjVawYDrHAPs1SyktXYPSWkd68BJudp5_Joe79n-qrWClf__AFIrZJpznQ","dq":"WuXh4PEr3iMXlWUDXEiai0z1nse2CUkn7ra4aYCuVGvJRTqYc-uXXl73koeSUMVxgGg6sY9oDaJ7SefeKfcPMQ","qi":"Q6uFuACWG_vWrz7Ao5k3aN54kbPWjV8NY9QN3pEveOUCaIEFznsT7sPMOpdlXP8btuhPTtIQnpMiq5EBK2lglQ","alg":"RS256"};
const PK = "RSASSA-PKCS1-v1_5";

for (const hash of ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]) {
  const priv = await s.importKey("jwk", { ...fixed, key_ops: undefined, alg: undefined }, { name: PK, hash }, true, ["sign"]);
  const pub = await s.importKey("jwk", { kty: "RSA", n: fixed.n, e: fixed.e }, { name: PK, hash }, true, ["verify"]);
  const sig = await s.sign(PK, priv, data);
  console.log(hash, hex(sig).slice(0, 64), await s.verify(PK, pub, sig, data));
  const bad = new Uint8Array(sig).slice();
  bad[0] ^= 1;
  console.log("altered", await s.verify(PK, pub, bad, data), await s.verify(PK, pub, sig, data.slice(1)));
  const jwk = await s.exportKey("jwk", priv);
  console.log("jwk", jwk.alg, Object.keys(jwk).sort().join(","), jwk.n === fixed.n, jwk.qi === fixed.qi);
  console.log("algorithm", priv.algorithm.name, priv.algorithm.modulusLength, priv.algorithm.publicExponent, priv.algorithm.hash);
}

for (const name of [PK, "RSA-PSS"]) {
  const kp = await s.generateKey({ name, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-384" },
    true, ["sign", "verify"]);
  console.log(name, kp.publicKey.usages, kp.privateKey.usages, kp.publicKey.algorithm.modulusLength,
    kp.publicKey.algorithm.hash.name);
  const alg = { name, saltLength: 48 };
  const sig = await s.sign(alg, kp.privateKey, data);
  const spkiPub = await s.importKey("spki", await s.exportKey("spki", kp.publicKey), { name, hash: "SHA-384" }, true, ["verify"]);
  const pkcs8Priv = await s.importKey("pkcs8", await s.exportKey("pkcs8", kp.privateKey), { name, hash: "SHA-384" }, true, ["sign"]);
  const sig2 = await s.sign(alg, pkcs8Priv, data);
  console.log("sign", sig.byteLength, await s.verify(alg, spkiPub, sig, data), await s.verify(alg, kp.publicKey, sig2, data));
  if (name === "RSA-PSS") {
    console.log("salt 0", await s.verify({ name, saltLength: 0 }, kp.publicKey,
      await s.sign({ name, saltLength: 0 }, kp.privateKey, data), data),
      "wrong salt", await s.verify({ name, saltLength: 20 }, kp.publicKey, sig, data));
  }
}

const oaep = await s.generateKey({ name: "RSA-OAEP", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
  true, ["encrypt", "decrypt", "wrapKey", "unwrapKey"]);
console.log("oaep", oaep.publicKey.usages, oaep.privateKey.usages);
for (const label of [undefined, new Uint8Array([1, 2, 3])]) {
  const ct = await s.encrypt({ name: "RSA-OAEP", label }, oaep.publicKey, data);
  const pt = await s.decrypt({ name: "RSA-OAEP", label }, oaep.privateKey, ct);
  console.log("encrypt", ct.byteLength, new TextDecoder().decode(pt));
  try {
    await s.decrypt({ name: "RSA-OAEP", label: new Uint8Array([9]) }, oaep.privateKey, ct);
  } catch (e) {
    console.log("wrong label", e.name);
  }
}
const ed = await s.generateKey("Ed25519", true, ["sign", "verify"]);
const wrapped = await s.wrapKey("jwk", ed.privateKey, oaep.publicKey, { name: "RSA-OAEP" }).catch((e) => e);
if (wrapped instanceof ArrayBuffer) {
  const unwrapped = await s.unwrapKey("jwk", wrapped, oaep.privateKey, { name: "RSA-OAEP" }, "Ed25519", true, ["sign"]);
  const sig = await s.sign("Ed25519", unwrapped, data);
  console.log("unwrapped", unwrapped.type, unwrapped.algorithm.name, await s.verify("Ed25519", ed.publicKey, sig, data));
} else {
  console.log("wrap", wrapped.name);
}
