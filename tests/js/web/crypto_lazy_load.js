// node: skip
// OpenSSL's libcrypto is mapped only when needed: getRandomValues of up to 1 KiB (served by
// getrandom(2), core/ext/crypto/random.c), randomUUID and reaching crypto.subtle don't load
// it; a larger getRandomValues (OpenSSL's RAND_bytes) or the first crypto.subtle operation
// does. (With the stock libnode, which links libcrypto itself, it is there from the start:
// the check applies to mrt's libnode copy, which does not load OpenSSL.)
const maps = () => mrt.readTextFileSync("/proc/self/maps");
const lazy = !/libcrypto\.so/.test(maps());
const loaded = () => (lazy ? /libcrypto\.so/.test(maps()) : "n/a");
console.log("at start:", loaded() === true ? "libcrypto" : "no libcrypto");
crypto.getRandomValues(new Uint8Array(16));
crypto.getRandomValues(new Uint8Array(256));
crypto.getRandomValues(new Uint32Array(256)); // 1024 bytes
for (let i = 0; i < 20; i++) crypto.randomUUID(); // more than one 256-byte refill
const subtle = crypto.subtle;
console.log("after getRandomValues <= 1 KiB, randomUUID, subtle:", loaded() === true ? "libcrypto" : "no libcrypto");
const big = new Uint8Array(1025);
crypto.getRandomValues(big);
console.log("after getRandomValues of 1025 bytes:", loaded() === false ? "no libcrypto" : "libcrypto");
console.log("filled:", big.some((b) => b !== 0));
// Once libcrypto is there, mid-sized requests use it too (and still come back random).
const mid = new Uint8Array(512);
crypto.getRandomValues(mid);
console.log("512 bytes filled:", mid.some((b) => b !== 0));
subtle.digest("SHA-256", new Uint8Array(3)).then((d) => {
  console.log("digest", new Uint8Array(d).length);
});
