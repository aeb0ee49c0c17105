// crypto_impl.js: Web Crypto's crypto, Crypto, SubtleCrypto and CryptoKey, compiled from the
// binary at first use (crypto.js registers the globals and the installers).
//
// Extending: the algorithms live in a registry (the spec's "supported algorithms"). Another
// file of this extension adds its own with
//     P.cryptoInstallers.push((C) => { C.register(op, name, converter); C.impls[name] = {...}; });
// Installers run when the globals are first used, with C, this file's internal API (below:
// register, impls, conv, dict, newKey, slots, error, checkUsages, b64url, jwk helpers, run).
// An operation of impls[name] gets the normalized algorithm and the key's internal slots
// ({type, extractable, algorithm, usages, handle}), never the CryptoKey object; it returns a
// value or a promise (generateKey/importKey a CryptoKey, or {publicKey, privateKey}).
(function (P) {
  "use strict";
  const installers = P.cryptoInstallers;

  const ops = P.ops;
  const DOMException = P.DOMException;
  const { defineProperty, getPrototypeOf, freeze } = Object;
  const TypedArray = getPrototypeOf(Uint8Array.prototype);
  const typedArrayName = Object.getOwnPropertyDescriptor(TypedArray, Symbol.toStringTag).get;
  const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
  const token = Symbol("illegal constructor");

  // ---------------------------------------------------------------- errors
  const domNames = new Set(["OperationError", "DataError", "NotSupportedError", "SyntaxError",
    "InvalidAccessError", "TypeMismatchError", "QuotaExceededError"]);
  function error(name, message) { return new DOMException(message, name); }
  // An op's Error (its code names a DOMException) becomes that DOMException.
  function mapError(e) {
    if (e instanceof Error && !(e instanceof DOMException) && domNames.has(e.code)) {
      return new DOMException(e.message, e.code);
    }
    return e;
  }
  // A method's promise. The spec throws argument-conversion and normalizeAlgorithm errors
  // (TypeError, NotSupportedError) before it returns the promise: those reject at once. The
  // operation's own outcome settles the promise from a queued task: here one microtask hop
  // later than the work, so a reaction the caller queues right after the call runs first.
  const resolved = Promise.resolve();
  function settle(fn) {
    let r;
    try {
      r = fn();
      if (r instanceof Promise) r = r.then(undefined, (e) => { throw mapError(e); });
    } catch (e) {
      const err = mapError(e);
      if (err instanceof TypeError || (err instanceof DOMException && err.name === "NotSupportedError")) {
        return Promise.reject(err);
      }
      return resolved.then(() => { throw err; });
    }
    return resolved.then(() => r);
  }
  function argCount(method, args, n) {
    if (args.length < n) {
      throw new TypeError(`Failed to execute '${method}' on 'SubtleCrypto': ${n} argument${n > 1 ? "s" : ""} required, but only ${args.length} present.`);
    }
  }

  // ---------------------------------------------------------------- WebIDL conversions
  const conv = {
    // BufferSource: the bytes as a Uint8Array over the same memory (every operation reads
    // them before it returns or copies them: the spec's "copy of the bytes held"). Not
    // shared memory (BufferSource has no [AllowShared]: another thread could write it while
    // an operation reads it); a detached buffer holds no bytes (an empty input, not an error).
    bufferSource(v, what = "value") {
      if (ArrayBuffer.isView(v)) {
        const buf = v.buffer;
        if (!isArrayBuffer(buf)) throw new TypeError(`${what} is backed by a SharedArrayBuffer`);
        // (A detached buffer's byteLength is 0; a DataView's own getters throw on it.)
        if (abByteLength.call(buf) === 0) return new Uint8Array(0);
        return new Uint8Array(buf, v.byteOffset, v.byteLength);
      }
      if (isArrayBuffer(v)) return abByteLength.call(v) === 0 ? new Uint8Array(0) : new Uint8Array(v);
      throw new TypeError(`${what} is not of type '(ArrayBuffer or ArrayBufferView)'`);
    },
    unsignedLong(v, what = "value", enforce = true) { return integer(v, 0, 4294967295, what, enforce); },
    unsignedShort(v, what = "value", enforce = true) { return integer(v, 0, 65535, what, enforce); },
    octet(v, what = "value", enforce = true) { return integer(v, 0, 255, what, enforce); },
    domString(v) {
      if (typeof v === "symbol") throw new TypeError("Cannot convert a Symbol value to a string");
      return `${v}`;
    },
    boolean(v) { return !!v; },
    hash(v) { return normalizeAlgorithm(v, "digest"); },
  };
  function isArrayBuffer(v) {
    try { abByteLength.call(v); return true; } catch { return false; }
  }
  function integer(v, lo, hi, what, enforce) {
    let x = Number(v);
    if (enforce) {
      if (!Number.isFinite(x)) throw new TypeError(`${what} is not a finite number`);
      x = Math.trunc(x);
      if (x < lo || x > hi) throw new TypeError(`${what} is outside the range [${lo}, ${hi}]`);
      return x === 0 ? 0 : x;
    }
    if (!Number.isFinite(x) || x === 0) return 0;
    const m = hi + 1;
    x = Math.trunc(x) % m;
    return x < 0 ? x + m : x;
  }
  // A dictionary type: members [name, converter, required], read in lexicographic order
  // (the IDL dictionary conversion); `name` is added by normalizeAlgorithm.
  function dict(members) {
    members = members.slice().sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return function convert(obj, out) {
      for (const [key, fn, required] of members) {
        const v = obj[key];
        if (v === undefined) {
          if (required) throw new TypeError(`${out.name}: member ${key} is required`);
          continue;
        }
        out[key] = fn(v, key);
      }
      return out;
    };
  }
  const Algorithm = dict([]);

  // ---------------------------------------------------------------- normalizeAlgorithm
  // supported[op]: lower-case name -> [canonical name, dictionary converter]
  const supported = {
    digest: new Map(), sign: new Map(), verify: new Map(), encrypt: new Map(),
    decrypt: new Map(), generateKey: new Map(), importKey: new Map(), deriveBits: new Map(),
    wrapKey: new Map(), unwrapKey: new Map(), "get key length": new Map(),
  };
  const impls = Object.create(null); // canonical name -> operations (see the bottom)
  function register(op, name, converter) {
    supported[op].set(asciiLower(name), [name, converter || Algorithm]);
  }
  function asciiLower(s) { return s.replace(/[A-Z]+/g, (m) => m.toLowerCase()); }

  function normalizeAlgorithm(alg, op) {
    if (alg === null || (typeof alg !== "object" && typeof alg !== "function")) {
      return normalizeAlgorithm({ name: conv.domString(alg) }, op);
    }
    const rawName = alg.name;
    if (rawName === undefined) throw new TypeError("Algorithm: name: Missing required 'name'");
    const name = conv.domString(rawName);
    const entry = supported[op].get(asciiLower(name));
    if (entry === undefined) throw error("NotSupportedError", "Unrecognized algorithm name");
    return entry[1](alg, { name: entry[0] });
  }

  // ---------------------------------------------------------------- CryptoKey
  const usageOrder = ["encrypt", "decrypt", "sign", "verify", "deriveKey", "deriveBits", "wrapKey", "unwrapKey"];
  const usageSet = new Set(usageOrder);
  const formats = new Set(["raw", "spki", "pkcs8", "jwk"]);
  let getSlots;
  const registry = new FinalizationRegistry((h) => ops.cryptoHandleFree(h));

  class CryptoKey {
    #slots;
    constructor(t, slots) {
      if (t !== token) throw new TypeError("Illegal constructor");
      this.#slots = slots;
    }
    get type() { return slotsOf(this, "type").type; }
    get extractable() { return slotsOf(this, "extractable").extractable; }
    get algorithm() { return slotsOf(this, "algorithm").algorithmCached; }
    get usages() { return slotsOf(this, "usages").usagesCached; }
    static {
      getSlots = (k) => (k !== null && typeof k === "object" && #slots in k ? k.#slots : undefined);
    }
  }
  function slotsOf(k, what) {
    const s = getSlots(k);
    if (s === undefined) throw new TypeError(`Illegal invocation: CryptoKey.${what}`);
    return s;
  }
  // A CryptoKey. algorithm: its KeyAlgorithm dictionary as a plain object (name first);
  // handle: a secret key's bytes (Uint8Array), or a native handle number (freed with the
  // key, see crypto_internal.h), or any object the algorithm keeps.
  function newKey(type, extractable, algorithm, usages, handle) {
    const slots = {
      type, extractable, algorithm, usages, handle,
      algorithmCached: cloneAlgorithm(algorithm), usagesCached: usages.slice(),
    };
    const key = new CryptoKey(token, slots);
    if (typeof handle === "number") registry.register(key, handle);
    return key;
  }
  function cloneAlgorithm(a) {
    const out = {};
    for (const k of Object.keys(a)) {
      const v = a[k];
      out[k] = v instanceof Uint8Array ? v.slice() : v !== null && typeof v === "object" ? cloneAlgorithm(v) : v;
    }
    return out;
  }
  function keyArg(v, what) {
    const s = getSlots(v);
    if (s === undefined) throw new TypeError(`${what} is not of type 'CryptoKey'`);
    return s;
  }
  function usagesArg(v) {
    if (v === null || (typeof v !== "object" && typeof v !== "function") || typeof v[Symbol.iterator] !== "function") {
      throw new TypeError("keyUsages is not a sequence");
    }
    const out = [];
    for (const u of v) {
      const s = conv.domString(u);
      if (!usageSet.has(s)) throw new TypeError(`'${s}' is not a valid enum value of type KeyUsage`);
      if (!out.includes(s)) out.push(s);
    }
    return out;
  }
  function formatArg(v) {
    const s = conv.domString(v);
    if (!formats.has(s)) throw new TypeError(`'${s}' is not a valid enum value of type KeyFormat`);
    return s;
  }
  // SyntaxError when usages has one outside allowed.
  function checkUsages(usages, allowed) {
    for (const u of usages) {
      if (!allowed.includes(u)) throw error("SyntaxError", `Unsupported key usage: ${u}`);
    }
  }

  // ---------------------------------------------------------------- JWK
  const jwkMembers = [
    ["alg", conv.domString], ["crv", conv.domString], ["d", conv.domString], ["dp", conv.domString],
    ["dq", conv.domString], ["e", conv.domString], ["ext", conv.boolean], ["k", conv.domString],
    ["key_ops", (v) => stringSequence(v)], ["kty", conv.domString], ["n", conv.domString],
    ["oth", (v) => sequence(v, (o) => {
      if (o === undefined || o === null) o = {};
      if (typeof o !== "object" && typeof o !== "function") throw new TypeError("oth: not a dictionary");
      const r = {};
      for (const k of ["d", "r", "t"]) if (o[k] !== undefined) r[k] = conv.domString(o[k]);
      return r;
    })],
    ["p", conv.domString], ["q", conv.domString], ["qi", conv.domString], ["use", conv.domString],
    ["x", conv.domString], ["y", conv.domString],
  ];
  function sequence(v, each) {
    if (v === null || typeof v !== "object" || typeof v[Symbol.iterator] !== "function") {
      throw new TypeError("value is not a sequence");
    }
    const out = [];
    for (const x of v) out.push(each(x));
    return out;
  }
  function stringSequence(v) { return sequence(v, conv.domString); }
  function jwkDict(v) {
    if (v === undefined || v === null) v = {};
    const out = {};
    for (const [k, fn] of jwkMembers) {
      const x = v[k];
      if (x !== undefined) out[k] = fn(x);
    }
    return out;
  }
  // The checks every JWK import makes (kty, use, key_ops, ext): DataError on a mismatch.
  function jwkCheck(jwk, kty, use, extractable, usages) {
    if (jwk.kty !== kty) throw error("DataError", `'kty' must be '${kty}'`);
    if (use !== undefined && jwk.use !== undefined && jwk.use !== use) {
      throw error("DataError", `'use' must be '${use}'`);
    }
    if (jwk.key_ops !== undefined) {
      const seen = new Set();
      for (const op of jwk.key_ops) {
        if (!usageSet.has(op) || seen.has(op)) throw error("DataError", "'key_ops' is invalid");
        seen.add(op);
      }
      for (const u of usages) {
        if (!seen.has(u)) throw error("DataError", "'key_ops' does not allow the requested usages");
      }
    }
    if (jwk.ext === false && extractable) throw error("DataError", "'ext' is false but the key is extractable");
  }
  // A JsonWebKey dictionary as the spec converts it to a JS object (members in order).
  function jwkObject(fields) {
    const out = {};
    for (const [k] of jwkMembers) if (fields[k] !== undefined) out[k] = fields[k];
    return out;
  }
  const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const b64rev = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) b64rev[b64.charCodeAt(i)] = i;
  function b64urlEncode(bytes) {
    let s = "";
    let i = 0;
    for (; i + 3 <= bytes.length; i += 3) {
      const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      s += b64[v >> 18] + b64[(v >> 12) & 63] + b64[(v >> 6) & 63] + b64[v & 63];
    }
    if (bytes.length - i === 1) {
      const v = bytes[i] << 16;
      s += b64[v >> 18] + b64[(v >> 12) & 63];
    } else if (bytes.length - i === 2) {
      const v = (bytes[i] << 16) | (bytes[i + 1] << 8);
      s += b64[v >> 18] + b64[(v >> 12) & 63] + b64[(v >> 6) & 63];
    }
    return s;
  }
  // base64url without padding (a trailing '=' run is tolerated); DataError when invalid.
  function b64urlDecode(s) {
    s = s.replace(/=+$/, "");
    if (s.length % 4 === 1) throw error("DataError", "invalid base64url");
    const out = new Uint8Array(Math.floor((s.length * 3) / 4));
    let acc = 0, bits = 0, o = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const v = c < 128 ? b64rev[c] : -1;
      if (v < 0) throw error("DataError", "invalid base64url");
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (acc >> bits) & 255;
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- native jobs
  // cryptoRun's kinds (crypto.c) and its hash numbers.
  const K = { DIGEST: 1, HMAC_SIGN: 2, HMAC_VERIFY: 3, ENCRYPT: 4, DECRYPT: 5, PBKDF2: 6, HKDF: 7 };
  const hashId = { "SHA-1": 1, "SHA-256": 2, "SHA-384": 3, "SHA-512": 4 };
  const hashBlockBits = { "SHA-1": 512, "SHA-256": 512, "SHA-384": 1024, "SHA-512": 1024 };
  const hashBits = { "SHA-1": 160, "SHA-256": 256, "SHA-384": 384, "SHA-512": 512 };
  // Inputs at least this large go to the worker pool; smaller ones are faster inline.
  const POOL_BYTES = 65536;
  function run(kind, a, n1, n2, b0, b1, b2, b3, heavy) {
    const size = (b0 ? b0.byteLength : 0) + (b1 ? b1.byteLength : 0) + (b2 ? b2.byteLength : 0);
    if (heavy || size >= POOL_BYTES) return ops.cryptoRunAsync(kind, a, n1, n2, b0, b1, b2, b3);
    return ops.cryptoRun(kind, a, n1, n2, b0, b1, b2, b3);
  }
  // A Uint8Array result (or a promise of one) as the ArrayBuffer the spec returns.
  function toBuffer(r) {
    if (r instanceof Promise) return r.then(toBuffer);
    return r.byteOffset === 0 && r.byteLength === r.buffer.byteLength ? r.buffer : r.slice().buffer;
  }
  function then(r, fn) { return r instanceof Promise ? r.then(fn) : fn(r); }

  // ---------------------------------------------------------------- Crypto
  let subtle;
  class Crypto {
    constructor(t) { if (t !== token) throw new TypeError("Illegal constructor"); }
    get subtle() {
      if (!isCrypto(this)) throw new TypeError("Illegal invocation");
      return subtle;
    }
    getRandomValues(array) {
      if (!isCrypto(this)) throw new TypeError("Illegal invocation");
      if (arguments.length < 1) {
        throw new TypeError("Failed to execute 'getRandomValues' on 'Crypto': 1 argument required, but only 0 present.");
      }
      if (!ArrayBuffer.isView(array)) {
        throw new TypeError("Failed to execute 'getRandomValues' on 'Crypto': parameter 1 is not of type 'ArrayBufferView'.");
      }
      const t = typedArrayName.call(array);
      if (t === undefined || t === "Float32Array" || t === "Float64Array") {
        throw error("TypeMismatchError", "The data argument must be an integer-type TypedArray");
      }
      if (array.byteLength > 65536) {
        throw error("QuotaExceededError", `The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`);
      }
      ops.cryptoRandom(array);
      return array;
    }
    randomUUID() {
      if (!isCrypto(this)) throw new TypeError("Illegal invocation");
      return ops.cryptoRandomUUID();
    }
  }
  let isCrypto;
  {
    const brand = new WeakSet();
    isCrypto = (o) => brand.has(o);
    Crypto.brand = brand;
  }
  const cryptoBrand = Crypto.brand;
  delete Crypto.brand;

  // ---------------------------------------------------------------- SubtleCrypto
  let isSubtle;
  function subtleThis(self) {
    if (!isSubtle(self)) throw new TypeError("Illegal invocation");
  }
  function notSupported(op) { return error("NotSupportedError", `${op} is not supported for this algorithm`); }
  function implOf(name, op) {
    const impl = impls[name];
    if (!impl || typeof impl[op] !== "function") throw notSupported(op);
    return impl;
  }
  function checkKey(key, name, usage) {
    if (key.algorithm.name !== name) throw error("InvalidAccessError", "The requested operation is not valid for the provided key");
    if (!key.usages.includes(usage)) throw error("InvalidAccessError", `The key does not allow '${usage}'`);
  }
  function finishKey(result, usages) {
    const secretOrPrivate = getSlots(result) !== undefined ? result : result.privateKey;
    const s = getSlots(secretOrPrivate);
    if (s && (s.type === "secret" || s.type === "private") && s.usages.length === 0) {
      throw error("SyntaxError", "Usages cannot be empty when creating a key.");
    }
    return result;
  }
  function importKeyData(format, keyData) {
    if (format === "jwk") {
      if (keyData !== undefined && keyData !== null && typeof keyData !== "object" && typeof keyData !== "function") {
        throw new TypeError("keyData is not a JsonWebKey");
      }
      if (ArrayBuffer.isView(keyData) || isArrayBuffer(keyData)) throw new TypeError("keyData is not a JsonWebKey");
      return jwkDict(keyData);
    }
    if (!ArrayBuffer.isView(keyData) && !isArrayBuffer(keyData)) throw new TypeError("keyData is not a BufferSource");
    return conv.bufferSource(keyData);
  }
  function doImport(format, keyData, alg, extractable, usages) {
    return then(implOf(alg.name, "importKey").importKey(format, keyData, alg, extractable, usages),
      (k) => finishKey(k, usages));
  }
  function doExport(format, key) {
    const impl = impls[key.algorithm.name];
    if (!impl || typeof impl.exportKey !== "function") throw notSupported("exportKey");
    if (!key.extractable) throw error("InvalidAccessError", "key is not extractable");
    return impl.exportKey(format, key);
  }
  const utf8 = new TextEncoder();

  class SubtleCrypto {
    constructor(t) { if (t !== token) throw new TypeError("Illegal constructor"); }
    encrypt(algorithm, key, data) {
      return settle(() => cipherOp(this, arguments, "encrypt", algorithm, key, data));
    }
    decrypt(algorithm, key, data) {
      return settle(() => cipherOp(this, arguments, "decrypt", algorithm, key, data));
    }
    sign(algorithm, key, data) {
      return settle(() => {
        subtleThis(this);
        argCount("sign", arguments, 3);
        const k = keyArg(key, "parameter 2");
        const bytes = conv.bufferSource(data, "parameter 3");
        const alg = normalizeAlgorithm(algorithm, "sign");
        checkKey(k, alg.name, "sign");
        return implOf(alg.name, "sign").sign(alg, k, bytes);
      });
    }
    verify(algorithm, key, signature, data) {
      return settle(() => {
        subtleThis(this);
        argCount("verify", arguments, 4);
        const k = keyArg(key, "parameter 2");
        const sig = conv.bufferSource(signature, "parameter 3");
        const bytes = conv.bufferSource(data, "parameter 4");
        const alg = normalizeAlgorithm(algorithm, "verify");
        checkKey(k, alg.name, "verify");
        return implOf(alg.name, "verify").verify(alg, k, sig, bytes);
      });
    }
    digest(algorithm, data) {
      return settle(() => {
        subtleThis(this);
        argCount("digest", arguments, 2);
        const bytes = conv.bufferSource(data, "parameter 2");
        const alg = normalizeAlgorithm(algorithm, "digest");
        return implOf(alg.name, "digest").digest(alg, bytes);
      });
    }
    generateKey(algorithm, extractable, keyUsages) {
      return settle(() => {
        subtleThis(this);
        argCount("generateKey", arguments, 3);
        const ext = conv.boolean(extractable);
        const usages = usagesArg(keyUsages);
        const alg = normalizeAlgorithm(algorithm, "generateKey");
        return then(implOf(alg.name, "generateKey").generateKey(alg, ext, usages),
          (r) => finishKey(r, usages));
      });
    }
    deriveKey(algorithm, baseKey, derivedKeyType, extractable, keyUsages) {
      return settle(() => {
        subtleThis(this);
        argCount("deriveKey", arguments, 5);
        const k = keyArg(baseKey, "parameter 2");
        const ext = conv.boolean(extractable);
        const usages = usagesArg(keyUsages);
        const alg = normalizeAlgorithm(algorithm, "deriveBits");
        const importAlg = normalizeAlgorithm(derivedKeyType, "importKey");
        const lengthAlg = normalizeAlgorithm(derivedKeyType, "get key length");
        checkKey(k, alg.name, "deriveKey");
        const length = implOf(lengthAlg.name, "getKeyLength").getKeyLength(lengthAlg);
        return then(implOf(alg.name, "deriveBits").deriveBits(alg, k, length),
          (secret) => doImport("raw", new Uint8Array(secret), importAlg, ext, usages));
      });
    }
    deriveBits(algorithm, baseKey, length = null) {
      return settle(() => {
        subtleThis(this);
        argCount("deriveBits", arguments, 2);
        const k = keyArg(baseKey, "parameter 2");
        const len = length === null || length === undefined ? null : conv.unsignedLong(length, "parameter 3", false);
        const alg = normalizeAlgorithm(algorithm, "deriveBits");
        checkKey(k, alg.name, "deriveBits");
        return implOf(alg.name, "deriveBits").deriveBits(alg, k, len);
      });
    }
    importKey(format, keyData, algorithm, extractable, keyUsages) {
      return settle(() => {
        subtleThis(this);
        argCount("importKey", arguments, 5);
        const fmt = formatArg(format);
        const data = importKeyData(fmt, keyData);
        const ext = conv.boolean(extractable);
        const usages = usagesArg(keyUsages);
        const alg = normalizeAlgorithm(algorithm, "importKey");
        return doImport(fmt, data, alg, ext, usages);
      });
    }
    exportKey(format, key) {
      return settle(() => {
        subtleThis(this);
        argCount("exportKey", arguments, 2);
        const fmt = formatArg(format);
        const k = keyArg(key, "parameter 2");
        return doExport(fmt, k);
      });
    }
    wrapKey(format, key, wrappingKey, wrapAlgorithm) {
      return settle(() => {
        subtleThis(this);
        argCount("wrapKey", arguments, 4);
        const fmt = formatArg(format);
        const k = keyArg(key, "parameter 2");
        const wk = keyArg(wrappingKey, "parameter 3");
        let alg, op = "wrapKey";
        try {
          alg = normalizeAlgorithm(wrapAlgorithm, "wrapKey");
        } catch (e) {
          if (!(e instanceof DOMException) || e.name !== "NotSupportedError") throw e;
          alg = normalizeAlgorithm(wrapAlgorithm, "encrypt");
          op = "encrypt";
        }
        checkKey(wk, alg.name, "wrapKey");
        const impl = implOf(alg.name, op);
        return then(doExport(fmt, k), (exported) => {
          const bytes = fmt === "jwk" ? utf8.encode(JSON.stringify(exported)) : new Uint8Array(exported);
          return impl[op](alg, wk, bytes);
        });
      });
    }
    unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
      return settle(() => {
        subtleThis(this);
        argCount("unwrapKey", arguments, 7);
        const fmt = formatArg(format);
        const wrapped = conv.bufferSource(wrappedKey, "parameter 2");
        const uk = keyArg(unwrappingKey, "parameter 3");
        const ext = conv.boolean(extractable);
        const usages = usagesArg(keyUsages);
        let alg, op = "unwrapKey";
        try {
          alg = normalizeAlgorithm(unwrapAlgorithm, "unwrapKey");
        } catch (e) {
          if (!(e instanceof DOMException) || e.name !== "NotSupportedError") throw e;
          alg = normalizeAlgorithm(unwrapAlgorithm, "decrypt");
          op = "decrypt";
        }
        const keyAlg = normalizeAlgorithm(unwrappedKeyAlgorithm, "importKey");
        checkKey(uk, alg.name, "unwrapKey");
        return then(implOf(alg.name, op)[op](alg, uk, wrapped), (buf) => {
          let data = new Uint8Array(buf);
          if (fmt === "jwk") {
            let parsed;
            try {
              parsed = JSON.parse(new TextDecoder().decode(data));
            } catch {
              throw error("DataError", "The unwrapped key is not valid JSON");
            }
            data = jwkDict(parsed);
          }
          return doImport(fmt, data, keyAlg, ext, usages);
        });
      });
    }
  }
  function cipherOp(self, args, op, algorithm, key, data) {
    subtleThis(self);
    argCount(op, args, 3);
    const k = keyArg(key, "parameter 2");
    const bytes = conv.bufferSource(data, "parameter 3");
    const alg = normalizeAlgorithm(algorithm, op);
    checkKey(k, alg.name, op);
    return implOf(alg.name, op)[op](alg, k, bytes);
  }
  {
    const brand = new WeakSet();
    isSubtle = (o) => brand.has(o);
    subtle = new SubtleCrypto(token);
    brand.add(subtle);
  }

  // WebIDL shapes: toStringTag, prototype members enumerable (as WebIDL attributes and
  // operations are), the interface objects' `length` 0.
  for (const [C, tag] of [[Crypto, "Crypto"], [SubtleCrypto, "SubtleCrypto"], [CryptoKey, "CryptoKey"]]) {
    for (const k of Object.getOwnPropertyNames(C.prototype)) {
      if (k === "constructor") continue;
      const d = Object.getOwnPropertyDescriptor(C.prototype, k);
      d.enumerable = true;
      defineProperty(C.prototype, k, d);
    }
    defineProperty(C.prototype, Symbol.toStringTag, { value: tag, configurable: true });
    defineProperty(C, "length", { value: 0, configurable: true });
  }
  const crypto = new Crypto(token);
  cryptoBrand.add(crypto);

  // ---------------------------------------------------------------- algorithms
  const C = {
    register, impls, conv, dict, normalizeAlgorithm, newKey, slots: getSlots, error,
    checkUsages, b64urlEncode, b64urlDecode, jwkDict, jwkCheck, jwkObject, run, K, toBuffer,
    then, hashId, hashBits, hashBlockBits, DOMException,
  };
  for (const install of installers) install(C);

  return { crypto, Crypto, SubtleCrypto, CryptoKey };
});
