// node: skip
// The runtime is freed while crypto jobs are still on the worker pool (mrt.exit): their
// results are dropped, their copies, keys and generated keys freed (ASan/LSan check it), and
// nothing settles after the exit.
(async () => {
  const s = crypto.subtle;
  const pair = await s.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 1024,
    publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, false, ["sign", "verify"]);
  const hmac = await s.importKey("raw", new Uint8Array(32).fill(1), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const pw = await s.importKey("raw", new Uint8Array(8), "PBKDF2", false, ["deriveBits"]);
  const big = new Uint8Array(1 << 20);
  const late = () => console.log("MUST NOT RUN");
  s.generateKey({ name: "RSA-PSS", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]),
    hash: "SHA-256" }, true, ["sign"]).then(late);
  s.generateKey({ name: "ECDSA", namedCurve: "P-384" }, true, ["sign"]).then(late);
  s.sign("RSASSA-PKCS1-v1_5", pair.privateKey, big).then(late);
  s.sign("HMAC", hmac, big).then(late);
  s.digest("SHA-512", big).then(late);
  s.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: new Uint8Array(8), iterations: 200000 }, pw, 256).then(late);
  s.encrypt({ name: "AES-GCM", iv: new Uint8Array(12) },
    await s.importKey("raw", new Uint8Array(16), "AES-GCM", false, ["encrypt"]), big).then(late);
  console.log("exiting with jobs in flight");
  mrt.exit(0);
})();
