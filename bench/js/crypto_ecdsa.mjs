// crypto.subtle ECDSA P-256 / SHA-256: 2e3 sign + verify pairs of 256 bytes, awaited in
// sequence. Portable: mrt, node, deno, bun.
const now = () => globalThis.performance.now();
const s = globalThis.crypto.subtle;
const N = 2000;
const data = new Uint8Array(256).fill(7);
const alg = { name: "ECDSA", hash: "SHA-256" };
const kp = await s.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
for (let i = 0; i < 50; i++) await s.verify(alg, kp.publicKey, await s.sign(alg, kp.privateKey, data), data);
const t0 = now();
let ok = 0;
for (let i = 0; i < N; i++) {
  const sig = await s.sign(alg, kp.privateKey, data);
  if (await s.verify(alg, kp.publicKey, sig, data)) ok++;
}
const ms = now() - t0;
if (ok !== N) throw new Error("verification failed");
console.log(`crypto_ecdsa: ${(N / ms).toFixed(3)} k/s`);
