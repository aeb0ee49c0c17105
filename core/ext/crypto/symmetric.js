// symmetric.js: registers the Web Crypto algorithms that use no key pairs (SHA digests, HMAC,
// AES-CTR/CBC/GCM/KW, PBKDF2, HKDF) with crypto.js; their code (symmetric_impl.js) is compiled
// from the binary at the first use of crypto.
(function (P) {
  "use strict";
  P.cryptoInstallers.push((C) => P.loadBuiltin("core/ext/crypto/symmetric_impl.js")(C));
});
