// node:crypto sign/verify with PEM keys: RSA PKCS#1 v1.5 (deterministic: the signature is
// compared with node's), ECDSA (DER), Ed25519, an encrypted private key, and errors.
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
const data = Buffer.from("message to sign");

const rsaSig = crypto.sign("sha256", data, keys.rsa);
console.log("rsa", rsaSig.toString("base64"));
console.log(crypto.verify("sha256", data, keys.rsa_pub, rsaSig), crypto.verify("sha256", Buffer.from("other"), keys.rsa_pub, rsaSig));
const s = crypto.createSign("RSA-SHA256");
s.update("message ");
s.update(Buffer.from("to sign"));
console.log("createSign", s.sign(keys.rsa, "base64") === rsaSig.toString("base64"));
const v = crypto.createVerify("sha256");
v.update(data);
console.log("createVerify", v.verify(keys.rsa_pub, rsaSig.toString("hex"), "hex"), crypto.createVerify("sha256").update(data).verify(keys.rsa, rsaSig));

const ecSig = crypto.sign("sha256", data, keys.ec);
console.log("ecdsa der", ecSig[0] === 0x30, crypto.verify("sha256", data, keys.ec_pub, ecSig), crypto.verify("sha256", data, keys.ec_pub, Buffer.from(ecSig).fill(1, 10, 12)));
console.log("ecdsa encrypted", crypto.verify("sha256", data, keys.ec_pub, crypto.sign("sha256", data, { key: keys.ec_enc, passphrase: "secret" })));
show(() => crypto.sign("sha256", data, { key: keys.ec_enc, passphrase: "wrong" }).length);

const edSig = crypto.sign(null, data, keys.ed);
console.log("ed25519", edSig.toString("hex"), crypto.verify(null, data, keys.ed_pub, edSig));

show(() => crypto.sign("nope", data, keys.rsa));
show(() => crypto.sign("sha256", data, "not a key"));
show(() => crypto.sign("sha256", data, 5));
show(() => crypto.createSign("sha256").update(data).sign(keys.rsa_pub));
crypto.sign("sha256", data, keys.rsa, (err, sig) => console.log("callback", err, sig.equals(rsaSig)));
