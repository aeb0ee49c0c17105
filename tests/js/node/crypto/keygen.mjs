// node:crypto generateKeyPairSync / generateKeyPair: RSA, EC and Ed25519 pairs as KeyObjects
// or PEM text; the pairs sign and verify; bad options. (Keys are random: only their facts
// and what they do are printed.)
import crypto from "node:crypto";

const show = (f) => {
  try {
    console.log("ok", f());
  } catch (e) {
    console.log(e.name, e.code, e.message);
  }
};
const data = new TextEncoder().encode("to sign");
const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });
console.log(rsa.privateKey.type, rsa.publicKey.type, rsa.privateKey.asymmetricKeyDetails, rsa.publicKey.asymmetricKeyType);
console.log(crypto.verify("sha256", data, rsa.publicKey, crypto.sign("sha256", data, rsa.privateKey)));
const ec = crypto.generateKeyPairSync("ec", {
  namedCurve: "P-256",
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
});
console.log(ec.publicKey.split("\n")[0], ec.privateKey.split("\n")[0], crypto.createPublicKey(ec.publicKey).asymmetricKeyDetails);
console.log(crypto.verify("sha256", data, ec.publicKey, crypto.sign("sha256", data, ec.privateKey)));
const ed = crypto.generateKeyPairSync("ed25519");
console.log(ed.privateKey.asymmetricKeyType, crypto.verify(null, data, ed.publicKey, crypto.sign(null, data, ed.privateKey)));
console.log(crypto.createPublicKey(ed.privateKey).equals(ed.publicKey));
show(() => crypto.generateKeyPairSync("nope"));
show(() => crypto.generateKeyPairSync("rsa", {}));
show(() => crypto.generateKeyPairSync("ec", { namedCurve: "nope" }));
crypto.generateKeyPair("ec", { namedCurve: "prime256v1" }, (err, pub, priv) => {
  console.log("callback", err, pub.type, priv.type, pub.asymmetricKeyDetails);
});
