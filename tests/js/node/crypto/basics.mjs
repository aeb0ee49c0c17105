// node:crypto: hashes (every name Node lists that packages use), HMAC, hash(), KDFs, random
// values, timingSafeEqual, AES ciphers, and Node's errors for bad input.
import crypto from "node:crypto";
import { Buffer } from "node:buffer";
const t=(f)=>{ try { console.log(f()) } catch(e) { console.log(e.name, e.code, e.message) } };
for (const a of ["md5","sha1","sha256","sha384","sha512","sha512-256","sha3-256","sha3-512","SHA256","RSA-SHA256","shake128","shake256","ripemd160","blake2b512"]) t(()=>a+" "+crypto.createHash(a).update("hello").update(" world").digest("hex"));
t(()=>crypto.createHash("shake256",{outputLength:8}).update("x").digest("hex"));
t(()=>crypto.createHash("sha256").update("68656c6c6f","hex").digest("base64"));
t(()=>crypto.createHash("sha256").update(new Uint16Array([1,2,3])).digest("base64url"));
t(()=>crypto.createHash("sha256").update("é","latin1").digest("hex"));
t(()=>crypto.createHash("sha1").digest().length);
const h=crypto.createHash("sha256").update("a"); const h2=h.copy(); h2.update("b"); t(()=>h.digest("hex")+" "+h2.digest("hex"));
t(()=>h.digest()); t(()=>h.update("x")); t(()=>crypto.createHash("nope")); t(()=>crypto.createHash(5)); t(()=>crypto.createHash("sha256").update(5));
t(()=>crypto.createHmac("sha256","key").update("data").digest("hex"));
t(()=>crypto.createHmac("sha512",Buffer.from("key")).update("data").digest("base64"));
t(()=>crypto.createHmac("sha256","").update("").digest("hex"));
t(()=>crypto.createHmac("nope","k"));
t(()=>crypto.hash("sha1","abc"));
t(()=>crypto.hash("md5","abc","base64"));
t(()=>crypto.pbkdf2Sync("pw","salt",1000,32,"sha256").toString("hex"));
t(()=>crypto.pbkdf2Sync("pw","salt",1,20,"sha1").toString("hex"));
t(()=>crypto.pbkdf2Sync("pw","salt",1,20,"nope"));
t(()=>crypto.pbkdf2Sync("pw","salt",0,20,"sha1"));
t(()=>crypto.scryptSync("pw","salt",32).toString("hex"));
t(()=>crypto.scryptSync("pw","salt",16,{N:1024,r:8,p:1}).toString("hex"));
t(()=>crypto.scryptSync("pw","salt",16,{N:1000}));
t(()=>crypto.timingSafeEqual(Buffer.from("ab"),Buffer.from("ab")));
t(()=>crypto.timingSafeEqual(Buffer.from("ab"),Buffer.from("ac")));
t(()=>crypto.timingSafeEqual(Buffer.from("ab"),Buffer.from("abc")));
t(()=>crypto.timingSafeEqual("ab","ab"));
t(()=>crypto.randomBytes(16).length);
t(()=>crypto.randomBytes(-1));
t(()=>crypto.randomBytes("1"));
t(()=>/^[0-9a-f-]{36}$/.test(crypto.randomUUID()));
t(()=>{ const n = crypto.randomInt(10); return n>=0 && n<10 && Number.isInteger(n) });
t(()=>{ const n = crypto.randomInt(-5, -3); return n===-5 || n===-4 });
t(()=>crypto.randomInt(5, 5));
t(()=>crypto.randomFillSync(new Uint32Array(4)).length);
t(()=>crypto.getRandomValues(new Uint8Array(4)).length);
t(()=>crypto.webcrypto === globalThis.crypto && crypto.subtle === globalThis.crypto.subtle);
t(()=>crypto.getHashes().includes("sha256"));
const key=Buffer.alloc(32,1), iv=Buffer.alloc(16,2);
for (const alg of ["aes-256-cbc","aes-256-ctr"]) {
  const c=crypto.createCipheriv(alg,key,iv); const enc=Buffer.concat([c.update("secret message here!","utf8"),c.final()]);
  const d=crypto.createDecipheriv(alg,key,iv); t(()=>alg+" "+enc.toString("hex")+" "+d.update(enc,undefined,"utf8")+d.final("utf8"));
}
{ const c=crypto.createCipheriv("aes-256-gcm",key,Buffer.alloc(12,3)); c.setAAD(Buffer.from("aad")); const enc=c.update("gcm text","utf8","hex")+c.final("hex"); const tag=c.getAuthTag();
  t(()=>enc+" "+tag.toString("hex"));
  const d=crypto.createDecipheriv("aes-256-gcm",key,Buffer.alloc(12,3)); d.setAAD(Buffer.from("aad")); d.setAuthTag(tag); t(()=>d.update(enc,"hex","utf8")+d.final("utf8"));
  const d2=crypto.createDecipheriv("aes-256-gcm",key,Buffer.alloc(12,3)); d2.setAuthTag(Buffer.alloc(16)); d2.update(enc,"hex"); t(()=>d2.final()); }
t(()=>crypto.createCipheriv("aes-128-cbc", Buffer.alloc(3), Buffer.alloc(16)));
t(()=>crypto.createCipheriv("aes-128-cbc", Buffer.alloc(16), Buffer.alloc(3)));
t(()=>crypto.createCipheriv("nope", Buffer.alloc(16), Buffer.alloc(3)));
{ const d=crypto.createDecipheriv("aes-128-cbc", Buffer.alloc(16), Buffer.alloc(16)); d.update(Buffer.alloc(5)); t(()=>d.final()); }
{ const d=crypto.createDecipheriv("aes-128-cbc", Buffer.alloc(16), Buffer.alloc(16)); d.update(Buffer.alloc(16)); t(()=>d.final()); }
// One after another: Node runs them on its thread pool, where their order varies.
crypto.randomBytes(8, (e, b) => {
  console.log("cb", e, b.length);
  crypto.pbkdf2("pw","salt",1,8,"sha256", (e, b) => {
    console.log("pbkdf2 cb", e, b.toString("hex"));
    crypto.scrypt("pw","salt",8, (e, b) => console.log("scrypt cb", e, b.toString("hex")));
  });
});
