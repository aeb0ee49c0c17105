// asym_impl.js: crypto.subtle's asymmetric algorithms: ECDSA, ECDH (P-256, P-384, P-521), Ed25519,
// X25519, RSASSA-PKCS1-v1_5, RSA-PSS and RSA-OAEP. The per-algorithm steps of the Web
// Cryptography spec (usages, key types, formats, JWK members) are here; the keys and their
// operations are native (asym.c, OpenSSL 3). SubtleCrypto itself (argument conversion,
// normalizeAlgorithm, the generic checks) is crypto.js's, which calls these through its
// registration table.
// Compiled from the binary at first use (asym.js registers it).
(function (P) {
  "use strict";
  return install;

  function install(C) {
  const ops = P.ops;
  const { error: domError, newKey, register, impls, dict, conv, toBuffer } = C;
  const b64urlEncode = C.b64urlEncode;
  function b64urlDecode(s, what) {
    if (typeof s !== "string") throw domError("DataError", `JWK member ${what} is missing`);
    return C.b64urlDecode(s);
  }

  // ------------------------------------------------------------------ usages

  const usageOrder = ["encrypt", "decrypt", "sign", "verify", "deriveKey", "deriveBits",
    "wrapKey", "unwrapKey"];

  function checkUsages(usages, allowed) {
    for (const u of usages) {
      if (!allowed.includes(u)) {
        throw domError("SyntaxError", `Unsupported key usage for this key: ${u}`);
      }
    }
  }

  function only(usages, allowed) {
    return usageOrder.filter((u) => allowed.includes(u) && usages.includes(u));
  }

  // ------------------------------------------------------------------ JWK checks

  function checkJwkCommon(jwk, kty, usages, extractable, use) {
    C.jwkCheck(jwk, kty, use, extractable, usages);
  }

  // The exported JsonWebKey: the members in the dictionary's order, as the spec's conversion
  // to a JS object makes them.
  function jwkOut(fields, key) {
    fields.key_ops = key.usages.slice();
    fields.ext = key.extractable;
    return C.jwkObject(fields);
  }

  // ------------------------------------------------------------------ keys

  function makeKey(type, extractable, algorithm, usages, handle) {
    return newKey(type, extractable, algorithm, usages, handle);
  }

  // The operations get a key's internal slots (crypto.js).
  function slots(key) {
    return key;
  }

  function makePair(privHandle, algorithm, extractable, usages, privUsages, pubUsages) {
    const pubHandle = ops.asymDup(privHandle);
    const publicKey = makeKey("public", true, algorithm, only(usages, pubUsages), pubHandle);
    const privateKey = makeKey("private", extractable, algorithm, only(usages, privUsages),
      privHandle);
    return { publicKey, privateKey };
  }

  // Imports in one of the binary formats or JWK. kind: "EC:P-256", "Ed25519", "X25519",
  // "RSA". Returns [handle, type].
  function importNative(kind, format, keyData) {
    if (format === "spki") return [ops.asymImport(kind, "spki", keyData), "public"];
    if (format === "pkcs8") return [ops.asymImport(kind, "pkcs8", keyData), "private"];
    if (format === "raw") return [ops.asymImport(kind, "raw", keyData), "public"];
    throw domError("NotSupportedError", `Unsupported key format: ${format}`);
  }

  function binaryUsages(format, usages, pub, priv, rawOk) {
    if (format === "spki" || (format === "raw" && rawOk)) checkUsages(usages, pub);
    else if (format === "pkcs8") checkUsages(usages, priv);
    else if (format !== "jwk") throw domError("NotSupportedError", `Unsupported key format: ${format}`);
  }

  function exportBinary(format, key, rawOk) {
    const { type, handle } = slots(key);
    if (format === "spki" || (format === "raw" && rawOk)) {
      if (type !== "public") throw domError("InvalidAccessError", "The key is not a public key");
    } else if (format === "pkcs8") {
      if (type !== "private") throw domError("InvalidAccessError", "The key is not a private key");
    } else {
      throw domError("NotSupportedError", `Unsupported key format: ${format}`);
    }
    return toBuffer(ops.asymExport(handle, format));
  }

  // ------------------------------------------------------------------ EC (ECDSA, ECDH)

  const curves = ["P-256", "P-384", "P-521"];
  const curveBits = { "P-256": 256, "P-384": 384, "P-521": 528 };
  const ecdsaJwkAlg = { "P-256": "ES256", "P-384": "ES384", "P-521": "ES512" };

  function ecAlgorithm(name) {
    const pub = name === "ECDSA" ? ["verify"] : [];
    const priv = name === "ECDSA" ? ["sign"] : ["deriveKey", "deriveBits"];
    const all = pub.concat(priv);
    const use = name === "ECDSA" ? "sig" : "enc";

    function checkCurve(c) {
      if (!curves.includes(c)) throw domError("NotSupportedError", `Unsupported namedCurve: ${c}`);
    }

    return {
      generateKey(alg, extractable, usages) {
        checkUsages(usages, all);
        checkCurve(alg.namedCurve);
        // The async form: the promise settles in a later task, as the spec's "in parallel"
        // steps do (never within the caller's microtask checkpoint).
        const algorithm = { name, namedCurve: alg.namedCurve };
        return ops.asymGenerateAsync("EC", alg.namedCurve)
          .then((h) => makePair(h, algorithm, extractable, usages, priv, pub));
      },
      importKey(format, keyData, alg, extractable, usages) {
        checkCurve(alg.namedCurve);
        const kind = `EC:${alg.namedCurve}`;
        let handle, type;
        if (format === "jwk") {
          const isPriv = keyData.d !== undefined;
          checkUsages(usages, isPriv ? priv : pub);
          checkJwkCommon(keyData, "EC", usages, extractable, use);
          if (keyData.crv !== alg.namedCurve) throw domError("DataError", "JWK \"crv\" does not match namedCurve");
          if (name === "ECDSA" && keyData.alg !== undefined && keyData.alg !== ecdsaJwkAlg[alg.namedCurve]) {
            throw domError("DataError", "JWK \"alg\" does not match the curve");
          }
          const x = b64urlDecode(keyData.x, "x");
          const y = b64urlDecode(keyData.y, "y");
          const d = isPriv ? b64urlDecode(keyData.d, "d") : new Uint8Array(0);
          handle = ops.asymImportJwk(kind, isPriv, x, y, d);
          type = isPriv ? "private" : "public";
        } else {
          binaryUsages(format, usages, pub, priv, true);
          [handle, type] = importNative(kind, format, keyData);
        }
        return makeKey(type, extractable, { name, namedCurve: alg.namedCurve }, usages, handle);
      },
      exportKey(format, key) {
        if (format !== "jwk") return exportBinary(format, key, true);
        const { type, handle, algorithm } = slots(key);
        const jwk = { kty: "EC", crv: algorithm.namedCurve };
        jwk.x = b64urlEncode(ops.asymParam(handle, "x"));
        jwk.y = b64urlEncode(ops.asymParam(handle, "y"));
        if (type === "private") jwk.d = b64urlEncode(ops.asymParam(handle, "d"));
        return jwkOut(jwk, key);
      },
    };
  }

  // ------------------------------------------------------------------ OKP (Ed25519, X25519)

  function okpAlgorithm(name) {
    const pub = name === "Ed25519" ? ["verify"] : [];
    const priv = name === "Ed25519" ? ["sign"] : ["deriveKey", "deriveBits"];
    const all = pub.concat(priv);
    const use = name === "Ed25519" ? "sig" : "enc";
    return {
      generateKey(alg, extractable, usages) {
        checkUsages(usages, all);
        return ops.asymGenerateAsync(name)
          .then((h) => makePair(h, { name }, extractable, usages, priv, pub));
      },
      importKey(format, keyData, alg, extractable, usages) {
        let handle, type;
        if (format === "jwk") {
          const isPriv = keyData.d !== undefined;
          checkUsages(usages, isPriv ? priv : pub);
          if (keyData.kty !== "OKP") throw domError("DataError", "JWK \"kty\" must be \"OKP\"");
          if (keyData.crv !== name) throw domError("DataError", `JWK "crv" must be "${name}"`);
          if (name === "Ed25519" && keyData.alg !== undefined && keyData.alg !== "EdDSA" &&
              keyData.alg !== "Ed25519") {
            throw domError("DataError", "JWK \"alg\" must be \"EdDSA\"");
          }
          checkJwkCommon(keyData, "OKP", usages, extractable, use);
          const x = b64urlDecode(keyData.x, "x");
          const d = isPriv ? b64urlDecode(keyData.d, "d") : new Uint8Array(0);
          handle = ops.asymImportJwk(name, isPriv, x, d);
          type = isPriv ? "private" : "public";
        } else {
          binaryUsages(format, usages, pub, priv, true);
          [handle, type] = importNative(name, format, keyData);
        }
        return makeKey(type, extractable, { name }, usages, handle);
      },
      exportKey(format, key) {
        if (format !== "jwk") return exportBinary(format, key, true);
        const { type, handle } = slots(key);
        const jwk = { crv: name };
        if (type === "private") jwk.d = b64urlEncode(ops.asymParam(handle, "d"));
        jwk.x = b64urlEncode(ops.asymParam(handle, "x"));
        jwk.kty = "OKP";
        if (name === "Ed25519") jwk.alg = "Ed25519";
        return jwkOut(jwk, key);
      },
    };
  }

  // ------------------------------------------------------------------ RSA

  const rsaHashes = ["SHA-1", "SHA-256", "SHA-384", "SHA-512"];
  const rsaJwkAlg = {
    "RSASSA-PKCS1-v1_5": { "SHA-1": "RS1", "SHA-256": "RS256", "SHA-384": "RS384", "SHA-512": "RS512" },
    "RSA-PSS": { "SHA-1": "PS1", "SHA-256": "PS256", "SHA-384": "PS384", "SHA-512": "PS512" },
    "RSA-OAEP": { "SHA-1": "RSA-OAEP", "SHA-256": "RSA-OAEP-256", "SHA-384": "RSA-OAEP-384",
      "SHA-512": "RSA-OAEP-512" },
  };
  const rsaJwkMembers = ["n", "e", "d", "p", "q", "dp", "dq", "qi"];

  function hashName(h) {
    const n = typeof h === "string" ? h : h && h.name;
    const up = typeof n === "string" ? n.toUpperCase() : "";
    const found = rsaHashes.find((x) => x === up);
    if (!found) throw domError("NotSupportedError", `Unsupported hash: ${n}`);
    return found;
  }

  function rsaKeyAlgorithm(name, handle, hash) {
    const info = ops.asymInfo(handle);
    const modulusLength = +info.slice(4);
    const publicExponent = new Uint8Array(ops.asymParam(handle, "e"));
    return { name, modulusLength, publicExponent, hash: { name: hash } };
  }

  function rsaAlgorithm(name) {
    const oaep = name === "RSA-OAEP";
    const pub = oaep ? ["encrypt", "wrapKey"] : ["verify"];
    const priv = oaep ? ["decrypt", "unwrapKey"] : ["sign"];
    const all = pub.concat(priv);
    const use = oaep ? "enc" : "sig";
    return {
      async generateKey(alg, extractable, usages) {
        checkUsages(usages, all);
        const hash = hashName(alg.hash);
        const e = alg.publicExponent;
        const bits = alg.modulusLength;
        // OpenSSL refuses these; the spec's answer is an OperationError.
        if (bits < 256 || bits > 16384 || bits % 8 !== 0) {
          throw domError("OperationError", "Unsupported modulusLength");
        }
        let ev = 0;
        for (let i = 0; i < e.length; i++) ev = ev * 256 + e[i];
        if (e.length === 0 || e.length > 4 || ev < 3 || ev % 2 === 0) {
          throw domError("OperationError", "Unsupported publicExponent");
        }
        const h = await ops.asymGenerateAsync("RSA", bits, e);
        const algorithm = rsaKeyAlgorithm(name, h, hash);
        return makePair(h, algorithm, extractable, usages, priv, pub);
      },
      importKey(format, keyData, alg, extractable, usages) {
        const hash = hashName(alg.hash);
        let handle, type;
        if (format === "jwk") {
          const isPriv = keyData.d !== undefined;
          checkUsages(usages, isPriv ? priv : pub);
          checkJwkCommon(keyData, "RSA", usages, extractable, use);
          if (keyData.alg !== undefined && keyData.alg !== rsaJwkAlg[name][hash]) {
            throw domError("DataError", "JWK \"alg\" does not match the hash");
          }
          const parts = [];
          for (let i = 0; i < 8; i++) {
            const m = rsaJwkMembers[i];
            if (i < 2 || isPriv) parts.push(b64urlDecode(keyData[m], m));
            else parts.push(new Uint8Array(0));
          }
          handle = ops.asymImportJwk("RSA", isPriv, ...parts);
          type = isPriv ? "private" : "public";
        } else {
          binaryUsages(format, usages, pub, priv, false);
          [handle, type] = importNative("RSA", format, keyData);
        }
        return makeKey(type, extractable, rsaKeyAlgorithm(name, handle, hash), usages, handle);
      },
      exportKey(format, key) {
        if (format !== "jwk") return exportBinary(format, key, false);
        const { type, handle, algorithm } = slots(key);
        const jwk = { kty: "RSA" };
        const members = type === "private" ? rsaJwkMembers : ["n", "e"];
        for (const m of members) jwk[m] = b64urlEncode(ops.asymParam(handle, m));
        jwk.alg = rsaJwkAlg[name][algorithm.hash.name];
        return jwkOut(jwk, key);
      },
    };
  }

  // ------------------------------------------------------------------ sign / verify

  function needType(key, type) {
    if (slots(key).type !== type) {
      throw domError("InvalidAccessError", `The requested operation is not valid for the provided key`);
    }
  }

  function signer(name) {
    return {
      sign(alg, key, data) {
        needType(key, "private");
        const { handle, algorithm } = slots(key);
        const hash = name === "ECDSA" ? hashName(alg.hash) : algorithm.hash ? algorithm.hash.name : "";
        const salt = name === "RSA-PSS" ? alg.saltLength : 0;
        if (name === "RSA-PSS" || name === "RSASSA-PKCS1-v1_5") {
          return ops.asymSignAsync(handle, name, hash, salt, data).then(toBuffer);
        }
        return toBuffer(ops.asymSign(handle, name, hash, salt, data));
      },
      verify(alg, key, signature, data) {
        needType(key, "public");
        const { handle, algorithm } = slots(key);
        const hash = name === "ECDSA" ? hashName(alg.hash) : algorithm.hash ? algorithm.hash.name : "";
        const salt = name === "RSA-PSS" ? alg.saltLength : 0;
        return ops.asymVerify(handle, name, hash, salt, signature, data);
      },
    };
  }

  // ------------------------------------------------------------------ ECDH / X25519

  function deriver(name) {
    return {
      deriveBits(alg, key, length) {
        needType(key, "private");
        const peer = alg.public;
        const ps = peer; // its slots (the dictionary's converter)
        if (ps.type !== "public") throw domError("InvalidAccessError", "algorithm.public is not a public key");
        const ks = slots(key);
        if (ps.algorithm.name !== ks.algorithm.name) {
          throw domError("InvalidAccessError", "algorithm.public is a key of another algorithm");
        }
        if (name === "ECDH" && ps.algorithm.namedCurve !== ks.algorithm.namedCurve) {
          throw domError("InvalidAccessError", "algorithm.public is on another curve");
        }
        const secret = ops.asymDerive(ks.handle, ps.handle);
        if (length === null || length === undefined) return toBuffer(secret);
        if (length > secret.length * 8) {
          throw domError("OperationError", "length is larger than the shared secret");
        }
        const n = Math.ceil(length / 8);
        const out = secret.slice(0, n);
        if (length % 8) out[n - 1] &= 0xff << (8 - (length % 8));
        return out.buffer;
      },
    };
  }

  // ------------------------------------------------------------------ RSA-OAEP

  const oaepOps = {
    encrypt(alg, key, data) {
      needType(key, "public");
      const { handle, algorithm } = slots(key);
      const label = alg.label === undefined ? new Uint8Array(0) : alg.label;
      return toBuffer(ops.asymEncrypt(handle, algorithm.hash.name, label, data));
    },
    decrypt(alg, key, data) {
      needType(key, "private");
      const { handle, algorithm } = slots(key);
      const label = alg.label === undefined ? new Uint8Array(0) : alg.label;
      return ops.asymDecryptAsync(handle, algorithm.hash.name, label, data)
        .then(toBuffer);
    },
  };

  // ------------------------------------------------------------------ registration

  impls.ECDSA = Object.assign(ecAlgorithm("ECDSA"), signer("ECDSA"));
  impls.ECDH = Object.assign(ecAlgorithm("ECDH"), deriver("ECDH"));
  impls.Ed25519 = Object.assign(okpAlgorithm("Ed25519"), signer("Ed25519"));
  impls.X25519 = Object.assign(okpAlgorithm("X25519"), deriver("X25519"));
  for (const n of ["RSASSA-PKCS1-v1_5", "RSA-PSS"]) impls[n] = Object.assign(rsaAlgorithm(n), signer(n));
  impls["RSA-OAEP"] = Object.assign(rsaAlgorithm("RSA-OAEP"), oaepOps);

  // The algorithms' dictionaries (WebCrypto's IDL), for normalizeAlgorithm.
  const hashMember = ["hash", conv.hash, true];
  const EcKeyParams = dict([["namedCurve", conv.domString, true]]);
  const EcdsaParams = dict([hashMember]);
  const EcdhKeyDeriveParams = dict([["public", (v) => {
    const s = C.slots(v);
    if (s === undefined) throw new TypeError("EcdhKeyDeriveParams: public is not of type 'CryptoKey'");
    return s;
  }, true]]);
  const RsaHashedKeyGenParams = dict([
    ["modulusLength", (v) => conv.unsignedLong(v, "modulusLength"), true],
    ["publicExponent", (v) => {
      if (!(v instanceof Uint8Array)) throw new TypeError("publicExponent is not of type 'Uint8Array'");
      return v.slice();
    }, true],
    hashMember]);
  const RsaHashedImportParams = dict([hashMember]);
  const RsaPssParams = dict([["saltLength", (v) => conv.unsignedLong(v, "saltLength"), true]]);
  const RsaOaepParams = dict([["label", (v) => conv.bufferSource(v, "label").slice()]]);

  for (const n of ["ECDSA", "ECDH"]) {
    register("generateKey", n, EcKeyParams);
    register("importKey", n, EcKeyParams);
  }
  register("sign", "ECDSA", EcdsaParams);
  register("verify", "ECDSA", EcdsaParams);
  register("deriveBits", "ECDH", EcdhKeyDeriveParams);
  for (const n of ["Ed25519", "X25519"]) {
    register("generateKey", n);
    register("importKey", n);
  }
  register("sign", "Ed25519");
  register("verify", "Ed25519");
  register("deriveBits", "X25519", EcdhKeyDeriveParams);
  for (const n of ["RSASSA-PKCS1-v1_5", "RSA-PSS", "RSA-OAEP"]) {
    register("generateKey", n, RsaHashedKeyGenParams);
    register("importKey", n, RsaHashedImportParams);
  }
  register("sign", "RSASSA-PKCS1-v1_5");
  register("verify", "RSASSA-PKCS1-v1_5");
  register("sign", "RSA-PSS", RsaPssParams);
  register("verify", "RSA-PSS", RsaPssParams);
  register("encrypt", "RSA-OAEP", RsaOaepParams);
  register("decrypt", "RSA-OAEP", RsaOaepParams);
  }
});
