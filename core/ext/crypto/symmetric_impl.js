// symmetric_impl.js: the Web Crypto algorithms that use no key pairs: SHA digests, HMAC,
// AES-CTR/CBC/GCM/KW, PBKDF2 and HKDF, installed into crypto.js's registry (C). A secret key's
// handle is its bytes (a Uint8Array); the work is crypto.c's cryptoRun (OpenSSL).
// Compiled from the binary at first use (symmetric.js registers it).
(function (P) {
  "use strict";
  return (C) => {
    const { register, impls, conv, dict, newKey, error, checkUsages, run, K, toBuffer, then } = C;
    const ops = P.ops;

    function randomBytes(n) {
      const b = new Uint8Array(n);
      ops.cryptoRandom(b);
      return b;
    }
    // Operations get a key's internal slots (crypto.js's newKey): .handle is a secret's bytes.
    function keyBytes(key) { return key.handle; }
    function bufferCopy(bytes) { return bytes.slice().buffer; }
    function hashOf(alg) { return alg.hash.name; }
    function unsupportedFormat(format) {
      return error("NotSupportedError", `Unsupported key format: ${format}`);
    }
    // The jwk `k` of a secret key, checked: DataError when missing or not base64url.
    function jwkSecret(jwk) {
      if (jwk.k === undefined) throw error("DataError", "'k' is missing");
      return C.b64urlDecode(jwk.k);
    }
    function exportSecret(format, key, alg) {
      const bytes = keyBytes(key);
      if (format === "raw") return bufferCopy(bytes);
      if (format === "jwk") {
        return C.jwkObject({
          kty: "oct", k: C.b64urlEncode(bytes), alg, key_ops: key.usages.slice(), ext: key.extractable,
        });
      }
      throw unsupportedFormat(format);
    }

    // ---------------------------------------------------------------- digests
    for (const name of ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]) {
      register("digest", name);
      impls[name] = { digest: (alg, data) => toBuffer(run(K.DIGEST, C.hashId[alg.name], 0, 0, data)) };
    }

    // ---------------------------------------------------------------- HMAC
    const HmacParams = dict([["hash", conv.hash, true], ["length", conv.unsignedLong, false]]);
    register("generateKey", "HMAC", HmacParams);
    register("importKey", "HMAC", HmacParams);
    register("get key length", "HMAC", HmacParams);
    register("sign", "HMAC");
    register("verify", "HMAC");
    const hmacJwkAlg = { "SHA-1": "HS1", "SHA-256": "HS256", "SHA-384": "HS384", "SHA-512": "HS512" };
    function hmacKey(bytes, hash, length, extractable, usages) {
      return newKey("secret", extractable, { name: "HMAC", hash: { name: hash }, length }, usages, bytes);
    }
    impls.HMAC = {
      generateKey(alg, extractable, usages) {
        checkUsages(usages, ["sign", "verify"]);
        let length = alg.length;
        if (length === undefined) length = C.hashBlockBits[hashOf(alg)];
        else if (length === 0) throw error("OperationError", "HMAC key length must not be zero");
        return hmacKey(randomBytes(Math.ceil(length / 8)), hashOf(alg), length, extractable, usages);
      },
      importKey(format, keyData, alg, extractable, usages) {
        checkUsages(usages, ["sign", "verify"]);
        let data;
        const hash = hashOf(alg);
        if (format === "raw") {
          data = keyData.slice();
        } else if (format === "jwk") {
          C.jwkCheck(keyData, "oct", "sig", extractable, usages);
          data = jwkSecret(keyData);
          if (keyData.alg !== undefined && keyData.alg !== hmacJwkAlg[hash]) {
            throw error("DataError", `'alg' must be '${hmacJwkAlg[hash]}'`);
          }
        } else {
          throw unsupportedFormat(format);
        }
        let length = data.length * 8;
        if (length === 0) throw error("DataError", "HMAC key data must not be empty");
        if (alg.length !== undefined) {
          if (alg.length > length || alg.length <= length - 8) {
            throw error("DataError", "HMAC key length does not match the key data");
          }
          length = alg.length;
        }
        return hmacKey(data, hash, length, extractable, usages);
      },
      exportKey(format, key) {
        return exportSecret(format, key, hmacJwkAlg[key.algorithm.hash.name]);
      },
      sign(alg, key, data) {
        const k = key;
        return toBuffer(run(K.HMAC_SIGN, C.hashId[k.algorithm.hash.name], 0, 0, k.handle, data));
      },
      verify(alg, key, signature, data) {
        const k = key;
        return run(K.HMAC_VERIFY, C.hashId[k.algorithm.hash.name], 0, 0, k.handle, data, signature);
      },
      getKeyLength(alg) {
        if (alg.length === undefined) return C.hashBlockBits[hashOf(alg)];
        if (alg.length === 0) throw new TypeError("HMAC key length must not be zero");
        return alg.length;
      },
    };

    // ---------------------------------------------------------------- AES
    const AesKeyGenParams = dict([["length", conv.unsignedShort, true]]);
    const AesCbcParams = dict([["iv", conv.bufferSource, true]]);
    const AesCtrParams = dict([["counter", conv.bufferSource, true], ["length", conv.octet, true]]);
    const AesGcmParams = dict([["iv", conv.bufferSource, true], ["additionalData", conv.bufferSource, false],
      ["tagLength", conv.octet, false]]);
    const modes = { "AES-CBC": 1, "AES-CTR": 2, "AES-GCM": 3, "AES-KW": 4 };
    const jwkSuffix = { "AES-CBC": "CBC", "AES-CTR": "CTR", "AES-GCM": "GCM", "AES-KW": "KW" };
    const tagLengths = [32, 64, 96, 104, 112, 120, 128];

    function aes(name, params) {
      const allowed = name === "AES-KW" ? ["wrapKey", "unwrapKey"] : ["encrypt", "decrypt", "wrapKey", "unwrapKey"];
      const mode = modes[name];
      const newAesKey = (bytes, extractable, usages) =>
        newKey("secret", extractable, { name, length: bytes.length * 8 }, usages, bytes);
      register("generateKey", name, AesKeyGenParams);
      register("importKey", name);
      register("get key length", name, AesKeyGenParams);
      if (params) {
        register("encrypt", name, params);
        register("decrypt", name, params);
      } else {
        register("wrapKey", name);
        register("unwrapKey", name);
      }
      // AES-CBC/CTR/GCM: cryptoRun's ENCRYPT/DECRYPT with n1 = the tag or counter length.
      function cipher(kind, alg, key, data) {
        let n1 = 0, iv = alg.iv, aad;
        if (name === "AES-CTR") {
          if (alg.counter.byteLength !== 16) throw error("OperationError", "AES-CTR counter must be 16 bytes");
          if (alg.length === 0 || alg.length > 128) throw error("OperationError", "AES-CTR length must be 1 to 128");
          n1 = alg.length;
          iv = alg.counter;
        } else if (name === "AES-CBC") {
          if (iv.byteLength !== 16) throw error("OperationError", "AES-CBC iv must be 16 bytes");
        } else if (name === "AES-GCM") {
          n1 = alg.tagLength === undefined ? 128 : alg.tagLength;
          if (!tagLengths.includes(n1)) throw error("OperationError", `invalid AES-GCM tagLength: ${n1}`);
          aad = alg.additionalData;
        }
        return toBuffer(run(kind, mode, n1, 0, keyBytes(key), data, iv, aad));
      }
      impls[name] = {
        generateKey(alg, extractable, usages) {
          checkUsages(usages, allowed);
          if (alg.length !== 128 && alg.length !== 192 && alg.length !== 256) {
            throw error("OperationError", "AES key length must be 128, 192 or 256 bits");
          }
          return newAesKey(randomBytes(alg.length / 8), extractable, usages);
        },
        importKey(format, keyData, alg, extractable, usages) {
          checkUsages(usages, allowed);
          let data;
          if (format === "raw") {
            data = keyData.slice();
          } else if (format === "jwk") {
            C.jwkCheck(keyData, "oct", "enc", extractable, usages);
            data = jwkSecret(keyData);
          } else {
            throw unsupportedFormat(format);
          }
          if (data.length !== 16 && data.length !== 24 && data.length !== 32) {
            throw error("DataError", "AES key data must be 128, 192 or 256 bits");
          }
          if (format === "jwk" && keyData.alg !== undefined && keyData.alg !== `A${data.length * 8}${jwkSuffix[name]}`) {
            throw error("DataError", `'alg' must be 'A${data.length * 8}${jwkSuffix[name]}'`);
          }
          return newAesKey(data, extractable, usages);
        },
        exportKey(format, key) {
          return exportSecret(format, key, `A${key.algorithm.length}${jwkSuffix[name]}`);
        },
        getKeyLength(alg) {
          if (alg.length !== 128 && alg.length !== 192 && alg.length !== 256) {
            throw error("OperationError", "AES key length must be 128, 192 or 256 bits");
          }
          return alg.length;
        },
      };
      if (params) {
        impls[name].encrypt = (alg, key, data) => cipher(K.ENCRYPT, alg, key, data);
        impls[name].decrypt = (alg, key, data) => cipher(K.DECRYPT, alg, key, data);
      } else {
        impls[name].wrapKey = (alg, key, data) => toBuffer(run(K.ENCRYPT, mode, 0, 0, keyBytes(key), data));
        impls[name].unwrapKey = (alg, key, data) => toBuffer(run(K.DECRYPT, mode, 0, 0, keyBytes(key), data));
      }
    }
    aes("AES-CBC", AesCbcParams);
    aes("AES-CTR", AesCtrParams);
    aes("AES-GCM", AesGcmParams);
    aes("AES-KW", null);

    // ---------------------------------------------------------------- PBKDF2, HKDF
    const Pbkdf2Params = dict([["hash", conv.hash, true], ["iterations", conv.unsignedLong, true],
      ["salt", conv.bufferSource, true]]);
    const HkdfParams = dict([["hash", conv.hash, true], ["info", conv.bufferSource, true],
      ["salt", conv.bufferSource, true]]);
    function kdf(name, params, derive) {
      register("importKey", name);
      register("deriveBits", name, params);
      register("get key length", name);
      impls[name] = {
        importKey(format, keyData, alg, extractable, usages) {
          if (format !== "raw") throw unsupportedFormat(format);
          checkUsages(usages, ["deriveKey", "deriveBits"]);
          if (extractable) throw error("SyntaxError", `${name} keys are not extractable`);
          return newKey("secret", false, { name }, usages, keyData.slice());
        },
        deriveBits(alg, key, length) {
          if (length === null) throw error("OperationError", "length is required");
          if (length % 8 !== 0) throw error("OperationError", "length must be a multiple of 8");
          return toBuffer(derive(alg, keyBytes(key), length / 8));
        },
        getKeyLength() { return null; },
      };
    }
    kdf("PBKDF2", Pbkdf2Params, (alg, key, n) => {
      if (alg.iterations === 0) throw error("OperationError", "iterations must not be zero");
      // Many iterations take long: the worker pool.
      return run(K.PBKDF2, C.hashId[hashOf(alg)], alg.iterations, n, key, alg.salt, undefined, undefined,
        alg.iterations * (n / C.hashBits[hashOf(alg)] * 8 + 1) >= 1000);
    });
    kdf("HKDF", HkdfParams, (alg, key, n) => {
      if (n > 255 * (C.hashBits[hashOf(alg)] / 8)) throw error("OperationError", "HKDF length is too large");
      return run(K.HKDF, C.hashId[hashOf(alg)], 0, n, key, alg.salt, alg.info);
    });
  };
});
