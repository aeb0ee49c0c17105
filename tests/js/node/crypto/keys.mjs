// node:crypto KeyObjects: createPrivateKey/createPublicKey from PEM (plain and encrypted),
// their type, details and PEM export, use with sign/verify, and errors for what is no key
// (the step jsonwebtoken takes before falling back to a secret key).
import crypto from "node:crypto";
import { Buffer } from "node:buffer";
import * as keys from "./_keys.mjs";

const show = (f) => {
  try {
    console.log("ok", f());
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
};
const data = "payload";
for (const [name, priv, pub] of [["rsa", keys.rsa, keys.rsa_pub], ["ec", keys.ec, keys.ec_pub], ["ed", keys.ed, keys.ed_pub]]) {
  const k = crypto.createPrivateKey(priv);
  const p = crypto.createPublicKey(priv);
  const p2 = crypto.createPublicKey(pub);
  const p3 = crypto.createPublicKey(k);
  console.log(name, k.type, k.asymmetricKeyType, k.asymmetricKeyDetails, p.type, p.asymmetricKeyType, p.asymmetricKeyDetails);
  console.log(p.export({ type: "spki", format: "pem" }) === pub + "\n", p.equals(p2), p2.equals(p3), k.equals(p));
  console.log(k.export({ type: "pkcs8", format: "pem" }).startsWith("-----BEGIN PRIVATE KEY-----"), k.symmetricKeySize);
  const alg = name === "ed" ? null : "sha256";
  const sig = crypto.sign(alg, Buffer.from(data), k);
  const again = name === "ed" ? crypto.verify(null, Buffer.from(data), pub, sig) :
    crypto.createVerify("sha256").update(data).verify(p, crypto.createSign("sha256").update(data).sign(k));
  console.log("verify", crypto.verify(alg, Buffer.from(data), p2, sig), again);
}
const enc = crypto.createPrivateKey({ key: keys.ec_enc, passphrase: "secret" });
console.log("encrypted", enc.asymmetricKeyType, enc.asymmetricKeyDetails);
show(() => crypto.createPrivateKey({ key: keys.ec_enc, passphrase: "nope" }));
show(() => crypto.createPrivateKey("my-hs256-secret"));
show(() => crypto.createPrivateKey(keys.rsa_pub));
show(() => crypto.createPublicKey("nope"));
show(() => crypto.createPrivateKey(5));
show(() => crypto.sign("sha256", Buffer.from(data), crypto.createSecretKey(Buffer.from("x"))));
const s = crypto.createSecretKey(Buffer.from("k"));
console.log(s.type, s.asymmetricKeyType, s.equals(crypto.createPrivateKey(keys.ec)));
