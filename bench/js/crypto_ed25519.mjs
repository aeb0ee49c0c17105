// crypto.subtle Ed25519: 5e3 signatures of 256 bytes, awaited in sequence, then one verify.
// Portable: mrt, node, deno, bun.
const now = () => globalThis.performance.now();
const s = globalThis.crypto.subtle;
const N = 5000;
const data = new Uint8Array(256).fill(7);
const kp = await s.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
let sig;
for (let i = 0; i < 100; i++) sig = await s.sign("Ed25519", kp.privateKey, data);
const t0 = now();
for (let i = 0; i < N; i++) sig = await s.sign("Ed25519", kp.privateKey, data);
const ms = now() - t0;
if (!(await s.verify("Ed25519", kp.publicKey, sig, data))) throw new Error("verification failed");
console.log(`crypto_ed25519: ${(N / ms).toFixed(3)} k/s`);
