// Ed25519 (RFC 8032 section 7.1) and X25519 (RFC 7748 section 6.1) known answers through
// crypto.subtle: imported from raw, pkcs8 and jwk, signatures and shared secrets compared.
const s = crypto.subtle;
const hex = (b) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, "0")).join("");
const unhex = (h) => new Uint8Array(h.match(/../g)?.map((x) => parseInt(x, 16)) ?? []);
const b64u = (u8) => btoa(String.fromCharCode(...u8)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const pkcs8 = (prefix, seed) => new Uint8Array([...unhex(prefix), ...seed]);

const ed = [
  ["9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
   "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", ""],
  ["4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
   "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72"],
  ["c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
   "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82"],
];
for (const [sk, pk, msg] of ed) {
  const priv = await s.importKey("pkcs8", pkcs8("302e020100300506032b657004220420", unhex(sk)),
    "Ed25519", true, ["sign"]);
  const pub = await s.importKey("raw", unhex(pk), { name: "Ed25519" }, true, ["verify"]);
  const sig = await s.sign("Ed25519", priv, unhex(msg));
  console.log("sig", hex(sig));
  console.log("verify", await s.verify("Ed25519", pub, sig, unhex(msg)));
  const bad = new Uint8Array(sig).slice();
  bad[5] ^= 1;
  console.log("verify altered", await s.verify("Ed25519", pub, bad, unhex(msg)));
  console.log("verify short", await s.verify("Ed25519", pub, bad.slice(1), unhex(msg)));
  const jwk = await s.exportKey("jwk", priv);
  console.log("jwk", jwk.kty, jwk.crv, jwk.x === b64u(unhex(pk)), jwk.d === b64u(unhex(sk)));
  const fromJwk = await s.importKey("jwk", jwk, "Ed25519", false, ["sign"]);
  console.log("jwk sig same", hex(await s.sign("Ed25519", fromJwk, unhex(msg))) === hex(sig));
  console.log("raw", hex(await s.exportKey("raw", pub)) === pk);
  console.log("spki", hex(await s.exportKey("spki", pub)));
  console.log("pkcs8", hex(await s.exportKey("pkcs8", priv)));
}

const alice = ["77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
  "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"];
const bob = ["5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb",
  "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"];
const xpre = "302e020100300506032b656e04220420";
const aPriv = await s.importKey("pkcs8", pkcs8(xpre, unhex(alice[0])), "X25519", true, ["deriveBits"]);
const bPriv = await s.importKey("jwk", { kty: "OKP", crv: "X25519", x: b64u(unhex(bob[1])), d: b64u(unhex(bob[0])) },
  "X25519", true, ["deriveBits", "deriveKey"]);
const aPub = await s.importKey("raw", unhex(alice[1]), "X25519", true, []);
const bPub = await s.importKey("raw", unhex(bob[1]), "X25519", true, []);
console.log("alice", hex(await s.deriveBits({ name: "X25519", public: bPub }, aPriv, 256)));
console.log("bob", hex(await s.deriveBits({ name: "X25519", public: aPub }, bPriv, 256)));
console.log("bob 100 bits", hex(await s.deriveBits({ name: "X25519", public: aPub }, bPriv, 100)));
console.log("alice jwk x", (await s.exportKey("jwk", aPriv)).x === b64u(unhex(alice[1])));
try {
  await s.deriveBits({ name: "X25519", public: aPub }, bPriv, 512);
} catch (e) {
  console.log("too long", e.name);
}
// A small-order point gives an all-zero secret, which the spec refuses.
const zero = await s.importKey("raw", new Uint8Array(32), "X25519", true, []);
try {
  await s.deriveBits({ name: "X25519", public: zero }, aPriv, 256);
  console.log("zero: no error");
} catch (e) {
  console.log("small order", e.name);
}
