// asym.js: registers crypto.subtle's asymmetric algorithms (ECDSA, ECDH, Ed25519, X25519,
// RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP) with crypto.js; their code (asym_impl.js) is compiled
// from the binary at the first use of crypto.
(function (P) {
  "use strict";
  P.cryptoInstallers.push((C) => P.loadBuiltin("core/ext/crypto/asym_impl.js")(C));
});
