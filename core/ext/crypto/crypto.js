// crypto.js: Web Crypto: the `crypto` global (Crypto), getRandomValues, randomUUID,
// crypto.subtle (SubtleCrypto) and CryptoKey. Defined at first use (P.lazyGlobals); OpenSSL
// is loaded at the first subtle operation (core/ext/crypto/openssl.c).
// The code (crypto_impl.js, symmetric_impl.js, asym_impl.js) is compiled from the binary on
// first use, not kept in the startup snapshot; the other files of the extension push their
// installers (functions of C, crypto_impl.js's internal API) to P.cryptoInstallers.
(function (P) {
  "use strict";
  P.cryptoInstallers = [];
  P.lazyGlobals(["crypto", "Crypto", "SubtleCrypto", "CryptoKey"],
    () => P.loadBuiltin("core/ext/crypto/crypto_impl.js"));
});
