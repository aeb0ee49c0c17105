// node: skip
// OpenSSL's libcrypto is mapped only at the first crypto.subtle operation: getRandomValues,
// randomUUID and reaching crypto.subtle don't load it. (With the stock libnode, which links
// libcrypto itself, it is there from the start: the check applies to mrt's libnode copy,
// whose OpenSSL is a stub, libmrt0.so.)
const maps = () => mrt.readTextFileSync("/proc/self/maps");
const stub = /libmrt0\.so/.test(maps());
const loaded = () => (stub ? /libcrypto\.so/.test(maps()) : "n/a");
console.log("at start:", loaded() === true ? "libcrypto" : "no libcrypto");
crypto.getRandomValues(new Uint8Array(16));
crypto.randomUUID();
const subtle = crypto.subtle;
console.log("after getRandomValues, randomUUID, subtle:", loaded() === true ? "libcrypto" : "no libcrypto");
subtle.digest("SHA-256", new Uint8Array(3)).then((d) => {
  console.log("digest", new Uint8Array(d).length);
  console.log("after digest:", loaded() === false ? "no libcrypto" : "libcrypto");
});
