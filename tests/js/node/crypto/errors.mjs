// node:crypto errors in Node's shape: OpenSSL's reason on a failed decryption (library,
// reason, code), argument errors, a finished hash.
import crypto from "node:crypto";
import { Buffer } from "node:buffer";

const show = (f) => {
  try {
    console.log("ok", f());
  } catch (e) {
    console.log(e.name, e.code, e.message, Object.keys(e).join(","));
  }
};
const key = Buffer.alloc(16, 7), iv = Buffer.alloc(16, 9);
const enc = Buffer.concat([crypto.createCipheriv("aes-128-cbc", key, iv).update("sixteen bytes!!!"), crypto.createCipheriv("aes-128-cbc", key, iv).final()]);
show(() => {
  const d = crypto.createDecipheriv("aes-128-cbc", Buffer.alloc(16, 1), iv);
  d.update(enc);
  return d.final();
});
show(() => {
  const d = crypto.createDecipheriv("aes-128-cbc", key, iv);
  d.update(Buffer.alloc(5));
  return d.final();
});
show(() => {
  const c = crypto.createCipheriv("aes-128-cbc", key, iv);
  c.setAutoPadding(false);
  c.update(Buffer.alloc(5));
  return c.final();
});
show(() => {
  const c = crypto.createCipheriv("aes-128-cbc", key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.alloc(16)), c.final()]).toString("hex");
});
show(() => crypto.createHash("sha256").update(null));
show(() => crypto.createHash("sha256").update({}));
show(() => crypto.createHmac("sha256", 5));
show(() => crypto.randomBytes(2 ** 31));
show(() => crypto.randomInt(1.5));
show(() => crypto.randomInt(0, 2 ** 49));
show(() => crypto.pbkdf2Sync("a", "b", 1, -1, "sha256"));
show(() => crypto.pbkdf2(1, 2));
show(() => crypto.scryptSync("a", "b", 16, { N: 16, cost: 16 }));
show(() => crypto.randomFillSync(new Uint8Array(4), 5));
show(() => crypto.randomFillSync("x"));
const h = crypto.createHmac("sha256", "k");
h.digest();
show(() => h.digest("hex"));

// Secret KeyObjects.
const k = crypto.createSecretKey(Buffer.from("secret"));
console.log(k.type, k.symmetricKeySize, k.export().toString(), k.export({ format: "jwk" }), k instanceof crypto.KeyObject);
console.log(k.equals(crypto.createSecretKey("secret", "utf8")), k.equals(crypto.createSecretKey(Buffer.from("other!"))));
console.log(crypto.createHmac("sha256", k).update("x").digest("hex") === crypto.createHmac("sha256", "secret").update("x").digest("hex"));
show(() => crypto.createSecretKey(5));
