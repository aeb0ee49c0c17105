// node:crypto: random values (randomBytes, randomFill, randomInt, randomUUID,
// getRandomValues), webcrypto/subtle (mrt's Web Crypto), createHash/createHmac/hash,
// pbkdf2, scrypt, createCipheriv/createDecipheriv, timingSafeEqual, getHashes/getCiphers.
// Hashes, HMACs and ciphers are OpenSSL contexts held by handle (core/ext/node/hash.c; libcrypto
// loads at the first use); the callback forms of pbkdf2/scrypt/randomBytes compute at the call
// and call back from the check phase.
(function (P) {
  "use strict";
  const ops = P.ops;
  // core/ext/node/hash.c's calls, all through its one op nodeCrypto(call number, ...args).
  const HASH_NEW = 0, HASH_UPDATE = 1, HASH_DIGEST = 2, HASH_COPY = 3, HASH_SIZE = 4, PBKDF2 = 5,
    SCRYPT = 6, CIPHER_NEW = 7, CIPHER_UPDATE = 8, CIPHER_FINAL = 9, CIPHER_CTL = 10, SIGN = 11,
    VERIFY = 12, KEY_INFO = 13, KEY_PEM = 14, KEY_GENERATE = 15;
  let BufferClass;
  const Buffer = () => (BufferClass ??= P.nodeRequire("buffer").Buffer);
  const asBuffer = (u8) => Buffer().from(u8.buffer, u8.byteOffset, u8.byteLength);
  const webcrypto = globalThis.crypto;

  function codeError(Cls, code, msg) {
    const e = new Cls(msg);
    if (code) e.code = code;
    return e;
  }
  function received(v) {
    if (v == null) return ` Received ${v}`;
    if (typeof v === "function") return ` Received function ${v.name}`;
    if (typeof v === "object") return v.constructor?.name ? ` Received an instance of ${v.constructor.name}` : ` Received ${P.inspect(v, { depth: -1 })}`;
    return ` Received type ${typeof v} (${P.inspect(v).slice(0, 28)})`;
  }
  // Node says "property" for an option ("options.x") and "argument" otherwise.
  const invalidArgType = (name, expected, v) =>
    codeError(TypeError, "ERR_INVALID_ARG_TYPE", `The "${name}" ${name.includes(".") ? "property" : "argument"} must be ${
      expected}.${received(v)}`);
  const BUFFERISH = "of type string or an instance of Buffer, TypedArray, or DataView";

  function checkInt(name, v, min, max) {
    if (typeof v !== "number") throw invalidArgType(name, "of type number", v);
    if (!Number.isInteger(v) || v < min || v > max) {
      throw codeError(RangeError, "ERR_OUT_OF_RANGE",
        `The value of "${name}" is out of range. It must be ${Number.isInteger(v) ? `>= ${min} && <= ${max}` : "an integer"}. Received ${
          separated(v)}`);
    }
    return v;
  }
  // Node writes integers beyond 2^32 with "_" separators in range errors.
  const separated = (v) =>
    Number.isInteger(v) && Math.abs(v) > 2 ** 32 ? String(v).replace(/\B(?=(\d{3})+(?!\d))/g, "_") : String(v);
  const checkFunction = (name, f) => {
    if (typeof f !== "function") throw invalidArgType(name, "of type function", f);
    return f;
  };

  const viewBytes = (v) => (v instanceof Uint8Array ? v : new Uint8Array(v.buffer, v.byteOffset, v.byteLength));

  // Bytes of a string (in encoding), Buffer, TypedArray, DataView or ArrayBuffer.
  function toBytes(name, data, encoding, allowArrayBuffer = true) {
    if (typeof data === "string") return viewBytes(Buffer().from(data, encoding ?? "utf8"));
    if (ArrayBuffer.isView(data)) return viewBytes(data);
    if (allowArrayBuffer && data instanceof ArrayBuffer) return new Uint8Array(data);
    throw invalidArgType(name, allowArrayBuffer ? "of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView" : BUFFERISH, data);
  }

  // A digest in an encoding: hex and base64 here (the hot cases), the rest through Buffer.
  const HEX = Array.from({ length: 256 }, (_, i) => (i < 16 ? "0" : "") + i.toString(16));
  function encodeOut(u8, encoding) {
    // No encoding, or one Buffer does not know: a Buffer (as Node's digest()).
    if (encoding === undefined || encoding === "buffer" || (encoding !== "hex" && !Buffer().isEncoding(encoding))) {
      return asBuffer(u8);
    }
    if (encoding === "hex") {
      let s = "";
      for (let i = 0; i < u8.length; i++) s += HEX[u8[i]];
      return s;
    }
    return asBuffer(u8).toString(encoding);
  }

  const deferred = (cb, ...args) => setImmediate(() => cb(...args));

  // ---------------------------------------------------------------- random

  const MAX_RANDOM = 2 ** 31 - 1;

  function randomBytes(size, cb) {
    checkInt("size", size, 0, MAX_RANDOM);
    if (cb !== undefined) checkFunction("callback", cb);
    const buf = Buffer().alloc(size);
    fillRandom(viewBytes(buf));
    if (cb === undefined) return buf;
    deferred(cb, null, buf);
  }

  // getRandomValues takes at most 65536 bytes at a time.
  function fillRandom(u8) {
    for (let i = 0; i < u8.length; i += 65536) webcrypto.getRandomValues(u8.subarray(i, Math.min(u8.length, i + 65536)));
  }

  function fillArgs(buf, offset, size) {
    if (!ArrayBuffer.isView(buf) && !(buf instanceof ArrayBuffer)) {
      throw invalidArgType("buf", "an instance of ArrayBuffer or ArrayBufferView", buf);
    }
    const u8 = buf instanceof ArrayBuffer ? new Uint8Array(buf) : viewBytes(buf);
    const elem = ArrayBuffer.isView(buf) && buf.BYTES_PER_ELEMENT ? buf.BYTES_PER_ELEMENT : 1;
    offset = checkInt("offset", offset ?? 0, 0, u8.length / elem) * elem;
    size = size === undefined ? u8.length - offset : checkInt("size", size, 0, (u8.length - offset) / elem) * elem;
    return u8.subarray(offset, offset + size);
  }

  function randomFillSync(buf, offset, size) {
    fillRandom(fillArgs(buf, offset, size));
    return buf;
  }

  function randomFill(buf, offset, size, cb) {
    if (typeof offset === "function") [cb, offset, size] = [offset, undefined, undefined];
    else if (typeof size === "function") [cb, size] = [size, undefined];
    checkFunction("callback", cb);
    fillRandom(fillArgs(buf, offset, size));
    deferred(cb, null, buf);
  }

  // A uniform integer in [min, max): rejection sampling over 48 random bits.
  function randomInt(min, max, cb) {
    if (max === undefined || typeof max === "function") [cb, max, min] = [max, min, 0];
    if (!Number.isSafeInteger(min)) throw invalidArgType("min", "a safe integer", min);
    if (!Number.isSafeInteger(max)) throw invalidArgType("max", "a safe integer", max);
    if (max <= min) {
      throw codeError(RangeError, "ERR_OUT_OF_RANGE",
        `The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
    }
    const range = max - min;
    if (range > 2 ** 48 - 1) {
      throw codeError(RangeError, "ERR_OUT_OF_RANGE",
        `The value of "max - min" is out of range. It must be <= 281474976710655. Received ${
          separated(range)}`);
    }
    if (cb !== undefined) checkFunction("callback", cb);
    const limit = 2 ** 48 - (2 ** 48 % range);
    const b = new Uint8Array(6);
    let x;
    do {
      webcrypto.getRandomValues(b);
      x = ((b[0] * 256 + b[1]) * 256 + b[2]) * 2 ** 24 + ((b[3] * 256 + b[4]) * 256 + b[5]);
    } while (x >= limit);
    const n = min + (x % range);
    if (cb === undefined) return n;
    deferred(cb, null, n);
  }

  // ---------------------------------------------------------------- hashes

  // A digest by name: OpenSSL's own names, then the aliases Node lists (getHashes) that
  // OpenSSL knows as signature algorithms ("RSA-SHA256", "sha256WithRSAEncryption").
  const alias = (name) => name.toLowerCase().replace(/^rsa-/, "").replace(/withrsaencryption$|withrsa$/, "")
    .replace(/^id-rsassa-pkcs1-v1_5-with-/, "").replace(/^ssl3-/, "").replace(/^sha1-2$/, "sha1")
    .replace(/^(ripemd|rmd160)$/, "ripemd160").replace(/^sha512\//, "sha512-");
  function newHash(name, key, outputLength) {
    const h = ops.nodeCrypto(HASH_NEW, name, key, outputLength);
    if (h || typeof name !== "string") return h;
    return alias(name) !== name ? ops.nodeCrypto(HASH_NEW, alias(name), key, outputLength) : 0;
  }
  // The digest name OpenSSL knows for name (Node's aliases resolved), or null.
  const digestName = (name) =>
    ops.nodeCrypto(HASH_SIZE, name) ? name : ops.nodeCrypto(HASH_SIZE, alias(name)) ? alias(name) : null;

  // A handle not finished by digest() is freed when its object is collected.
  const registry = new FinalizationRegistry((h) => ops.cryptoHandleFree(h));

  const kHandle = Symbol("handle");
  const kDone = Symbol("done");
  const kXofLen = Symbol("outputLength");

  function finalized() {
    return codeError(Error, "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
  }

  function update(self, data, encoding) {
    if (self[kDone]) throw finalized();
    if (typeof data === "string") {
      if (encoding === undefined || encoding === "utf8" || encoding === "utf-8") ops.nodeCrypto(HASH_UPDATE, self[kHandle], data);
      else ops.nodeCrypto(HASH_UPDATE, self[kHandle], viewBytes(Buffer().from(data, encoding)));
    } else if (ArrayBuffer.isView(data)) {
      ops.nodeCrypto(HASH_UPDATE, self[kHandle], data);
    } else {
      throw invalidArgType("data", BUFFERISH, data);
    }
    return self;
  }

  function digest(self, encoding) {
    if (self[kDone]) throw finalized();
    self[kDone] = true;
    registry.unregister(self);
    return encodeOut(ops.nodeCrypto(HASH_DIGEST, self[kHandle], self[kXofLen] ?? -1), encoding);
  }

  function xofLength(options) {
    const n = options?.outputLength;
    return n === undefined ? undefined : checkInt("options.outputLength", n, 0, 2 ** 32 - 1);
  }

  class Hash {
    constructor(algorithm, options, handle) {
      if (handle === undefined) {
        if (typeof algorithm !== "string") throw invalidArgType("algorithm", "of type string", algorithm);
        handle = newHash(algorithm, undefined, xofLength(options));
        if (!handle) throw new Error("Digest method not supported");
      }
      this[kHandle] = handle;
      this[kDone] = false;
      this[kXofLen] = xofLength(options);
      registry.register(this, handle, this);
    }
    update(data, encoding) {
      return update(this, data, encoding);
    }
    digest(encoding) {
      return digest(this, encoding);
    }
    copy(options) {
      if (this[kDone]) throw finalized();
      return new Hash(null, options ?? { outputLength: this[kXofLen] }, ops.nodeCrypto(HASH_COPY, this[kHandle]));
    }
  }

  function keyBytes(key) {
    if (typeof key === "string") return viewBytes(Buffer().from(key));
    if (ArrayBuffer.isView(key)) return viewBytes(key);
    if (key instanceof ArrayBuffer) return new Uint8Array(key);
    if (key instanceof KeyObject) return key[kKey];
    throw invalidArgType("key", "of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey", key);
  }

  class Hmac {
    constructor(hmac, key) {
      if (typeof hmac !== "string") throw invalidArgType("hmac", "of type string", hmac);
      const k = keyBytes(key);
      const handle = newHash(hmac, k);
      if (!handle) throw codeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${hmac}`);
      this[kHandle] = handle;
      this[kDone] = false;
      registry.register(this, handle, this);
    }
    update(data, encoding) {
      return update(this, data, encoding);
    }
    digest(encoding) {
      // Node returns an empty result (not an error) for a second digest of an Hmac.
      if (this[kDone]) return encodeOut(new Uint8Array(0), encoding);
      return digest(this, encoding);
    }
  }

  const createHash = (algorithm, options) => new Hash(algorithm, options);
  const createHmac = (hmac, key, options) => new Hmac(hmac, key, options);

  // crypto.hash(algorithm, data, outputEncoding = "hex"): one-shot.
  function hash(algorithm, data, outputEncoding = "hex") {
    if (typeof algorithm !== "string") throw invalidArgType("algorithm", "of type string", algorithm);
    if (typeof data !== "string" && !ArrayBuffer.isView(data)) throw invalidArgType("data", "of type string or an instance of Buffer, TypedArray, or DataView", data);
    const h = newHash(algorithm);
    if (!h) throw new Error("Digest method not supported");
    ops.nodeCrypto(HASH_UPDATE, h, data);
    return encodeOut(ops.nodeCrypto(HASH_DIGEST, h, -1), outputEncoding);
  }

  const HASHES = ["RSA-MD5", "RSA-RIPEMD160", "RSA-SHA1", "RSA-SHA1-2", "RSA-SHA224", "RSA-SHA256",
    "RSA-SHA3-224", "RSA-SHA3-256", "RSA-SHA3-384", "RSA-SHA3-512", "RSA-SHA384", "RSA-SHA512",
    "RSA-SHA512/224", "RSA-SHA512/256", "RSA-SM3", "blake2b512", "blake2s256",
    "id-rsassa-pkcs1-v1_5-with-sha3-224", "id-rsassa-pkcs1-v1_5-with-sha3-256",
    "id-rsassa-pkcs1-v1_5-with-sha3-384", "id-rsassa-pkcs1-v1_5-with-sha3-512", "md5", "md5-sha1",
    "md5WithRSAEncryption", "ripemd", "ripemd160", "ripemd160WithRSA", "rmd160", "sha1",
    "sha1WithRSAEncryption", "sha224", "sha224WithRSAEncryption", "sha256",
    "sha256WithRSAEncryption", "sha3-224", "sha3-256", "sha3-384", "sha3-512", "sha384",
    "sha384WithRSAEncryption", "sha512", "sha512-224", "sha512-224WithRSAEncryption", "sha512-256",
    "sha512-256WithRSAEncryption", "sha512WithRSAEncryption", "shake128", "shake256", "sm3",
    "sm3WithRSAEncryption", "ssl3-md5", "ssl3-sha1"];
  const getHashes = () => HASHES.slice();

  const CIPHERS = ["aes-128-cbc", "aes-128-ccm", "aes-128-cfb", "aes-128-ctr", "aes-128-ecb",
    "aes-128-gcm", "aes-128-ocb", "aes-128-ofb", "aes-192-cbc", "aes-192-ccm", "aes-192-cfb",
    "aes-192-ctr", "aes-192-ecb", "aes-192-gcm", "aes-192-ocb", "aes-192-ofb", "aes-256-cbc",
    "aes-256-ccm", "aes-256-cfb", "aes-256-ctr", "aes-256-ecb", "aes-256-gcm", "aes-256-ocb",
    "aes-256-ofb", "aes128", "aes192", "aes256", "chacha20", "chacha20-poly1305"];
  const getCiphers = () => CIPHERS.slice();

  // ---------------------------------------------------------------- KDFs

  // Node checks the digest's type first.
  function pbkdf2Args(password, salt, iterations, keylen, digest) {
    if (typeof digest !== "string") throw invalidArgType("digest", "of type string", digest);
    const p = toBytes("password", password), s = toBytes("salt", salt);
    checkInt("iterations", iterations, 1, 2147483647);
    checkInt("keylen", keylen, 0, 2147483647);
    if (!ops.nodeCrypto(HASH_SIZE, digest)) throw codeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${digest}`);
    return [p, s, iterations, keylen, digest];
  }

  const pbkdf2Sync = (...a) => asBuffer(ops.nodeCrypto(PBKDF2, ...pbkdf2Args(...a)));
  function pbkdf2(password, salt, iterations, keylen, digest, cb) {
    const args = pbkdf2Args(password, salt, iterations, keylen, digest);
    checkFunction("callback", cb);
    let r, err = null;
    try {
      r = asBuffer(ops.nodeCrypto(PBKDF2, ...args));
    } catch (e) {
      err = e;
    }
    deferred(cb, err, r);
  }

  function scryptArgs(password, salt, keylen, options) {
    const p = toBytes("password", password), s = toBytes("salt", salt);
    checkInt("keylen", keylen, 0, 2147483647);
    const o = options ?? {};
    const pick = (a, b, dflt) => {
      if (o[a] !== undefined && o[b] !== undefined) {
        throw codeError(Error, "ERR_CRYPTO_SCRYPT_INVALID_PARAMETER", "Invalid scrypt parameter");
      }
      return o[a] ?? o[b] ?? dflt;
    };
    const N = pick("N", "cost", 16384), r = pick("r", "blockSize", 8), par = pick("p", "parallelization", 1);
    const maxmem = o.maxmem ?? 32 << 20;
    if (N < 2 || (N & (N - 1)) !== 0) {
      throw codeError(RangeError, "ERR_CRYPTO_INVALID_SCRYPT_PARAMS", "Invalid scrypt params");
    }
    return [p, s, keylen, N, r, par, maxmem];
  }
  const scryptSync = (...a) => asBuffer(ops.nodeCrypto(SCRYPT, ...scryptArgs(...a)));
  function scrypt(password, salt, keylen, options, cb) {
    if (typeof options === "function") [cb, options] = [options, undefined];
    checkFunction("callback", cb);
    const args = scryptArgs(password, salt, keylen, options);
    let r, err = null;
    try {
      r = asBuffer(ops.nodeCrypto(SCRYPT, ...args));
    } catch (e) {
      err = e;
    }
    deferred(cb, err, r);
  }

  function timingSafeEqual(a, b) {
    const check = (name, v) => {
      if (!ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer)) {
        const e = invalidArgType(name, "an instance of ArrayBuffer, Buffer, TypedArray, or DataView", v);
        e.message = e.message.replace(/ Received .*$/, ""); // Node's says no more
        throw e;
      }
      return v instanceof ArrayBuffer ? new Uint8Array(v) : viewBytes(v);
    };
    const x = check("buf1", a), y = check("buf2", b);
    if (x.length !== y.length) {
      throw codeError(RangeError, "ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH", "Input buffers must have the same byte length");
    }
    let d = 0;
    for (let i = 0; i < x.length; i++) d |= x[i] ^ y[i];
    return d === 0;
  }

  // ---------------------------------------------------------------- KeyObject

  // KeyObject: secret keys (their bytes) and asymmetric keys (their PEM text and passphrase,
  // parsed by OpenSSL at each use). createSecretKey, createPrivateKey, createPublicKey.
  const kKey = Symbol("key");
  const kType = Symbol("type");
  const kPem = Symbol("pem");
  const kInfo = Symbol("info");
  class KeyObject {
    constructor(type, handle) {
      if (type !== "secret" && type !== "public" && type !== "private") {
        throw codeError(TypeError, "ERR_INVALID_ARG_VALUE", `The argument 'type' is invalid. Received '${type}'`);
      }
      this[kType] = type;
      if (type === "secret") this[kKey] = handle;
      else this[kPem] = handle; // [pem bytes, passphrase]
    }
    get type() {
      return this[kType];
    }
    get symmetricKeySize() {
      return this[kType] === "secret" ? this[kKey].length : undefined;
    }
    #info() {
      return (this[kInfo] ??= ops.nodeCrypto(KEY_INFO, ...this[kPem], this[kType] === "private").split(" "));
    }
    get asymmetricKeyType() {
      return this[kType] === "secret" ? undefined : this.#info()[0];
    }
    get asymmetricKeyDetails() {
      if (this[kType] === "secret") return undefined;
      const [type, bits, extra] = this.#info();
      if (type === "rsa" || type === "rsa-pss") return { modulusLength: Number(bits), publicExponent: BigInt(extra ?? 65537) };
      if (type === "ec") return { namedCurve: extra };
      return {};
    }
    export(options) {
      if (this[kType] === "secret") {
        if (options?.format === "jwk") return { kty: "oct", k: asBuffer(this[kKey]).toString("base64url") };
        return Buffer().from(this[kKey]);
      }
      const format = options?.format ?? "pem";
      if (format !== "pem") {
        throw codeError(Error, "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM", `mrt's KeyObject.export supports only the PEM format (asked: ${format})`);
      }
      if (options?.cipher !== undefined) {
        throw codeError(Error, "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM", "mrt's KeyObject.export does not encrypt keys");
      }
      return ops.nodeCrypto(KEY_PEM, ...this[kPem], this[kType] === "private", this[kType] === "public");
    }
    equals(other) {
      if (!(other instanceof KeyObject)) throw invalidArgType("otherKeyObject", "an instance of KeyObject", other);
      if (other[kType] !== this[kType]) return false;
      if (this[kType] === "secret") {
        return other[kKey].length === this[kKey].length && timingSafeEqual(this[kKey], other[kKey]);
      }
      return this.export() === other.export();
    }
  }

  function createSecretKey(key, encoding) {
    const bytes = typeof key === "string" ? viewBytes(Buffer().from(key, encoding ?? "utf8")) :
      ArrayBuffer.isView(key) ? viewBytes(key) : key instanceof ArrayBuffer ? new Uint8Array(key) : null;
    if (!bytes) throw invalidArgType("key", "an instance of ArrayBuffer, Buffer, TypedArray, or DataView", key);
    return new KeyObject("secret", bytes.slice());
  }

  // A key argument as [pem bytes, passphrase]: PEM text, { key, passphrase }, or a KeyObject.
  function keyInput(key, expected = "of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey") {
    if (key instanceof KeyObject) {
      if (key[kType] === "secret") {
        throw codeError(TypeError, "ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE", "Invalid key object type secret, expected private.");
      }
      return key[kPem];
    }
    let passphrase;
    if (key !== null && typeof key === "object" && !ArrayBuffer.isView(key)) {
      if (key.key instanceof KeyObject) return keyInput(key.key);
      if (key.format !== undefined && key.format !== "pem") {
        throw codeError(Error, "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM", "only PEM keys are supported by mrt's node:crypto");
      }
      ({ key, passphrase } = key);
    }
    if (typeof key === "string") key = viewBytes(Buffer().from(key));
    else if (ArrayBuffer.isView(key)) key = viewBytes(key).slice();
    else throw invalidArgType("key", expected, key);
    if (passphrase !== undefined && typeof passphrase !== "string") passphrase = asBuffer(toBytes("passphrase", passphrase)).toString("latin1");
    return [key, passphrase];
  }

  function createPrivateKey(key) {
    const handle = keyInput(key, "of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView");
    const k = new KeyObject("private", handle);
    k[kInfo] = ops.nodeCrypto(KEY_INFO, ...handle, true).split(" "); // throws for a non-key
    return k;
  }

  function createPublicKey(key) {
    if (key instanceof KeyObject && key[kType] === "public") return key;
    const handle = keyInput(key);
    // The public half, as SPKI PEM, whatever was given (a private key too).
    const pem = ops.nodeCrypto(KEY_PEM, ...handle, false, true);
    return new KeyObject("public", [viewBytes(Buffer().from(pem)), undefined]);
  }

  // generateKeyPairSync(type, options): KeyObjects, or PEM strings where an encoding with
  // format "pem" is asked for (RSA, EC, Ed25519/Ed448, X25519/X448; no DER, no cipher).
  function generateKeyPairSync(type, options = {}) {
    if (typeof type !== "string") throw invalidArgType("type", "of type string", type);
    const o = options ?? {};
    let a, b;
    if (type === "rsa") {
      a = checkInt("options.modulusLength", o.modulusLength, 0, 2 ** 32 - 1);
      b = o.publicExponent === undefined ? 65537 : checkInt("options.publicExponent", o.publicExponent, 0, 2 ** 32 - 1);
    } else if (type === "ec") {
      if (typeof o.namedCurve !== "string") throw invalidArgType("options.namedCurve", "of type string", o.namedCurve);
      a = o.namedCurve;
    } else if (!["ed25519", "ed448", "x25519", "x448"].includes(type)) {
      throw codeError(TypeError, "ERR_INVALID_ARG_VALUE",
        `The argument 'type' must be a supported key type. Received '${type}'`);
    }
    const encoding = (which, enc) => {
      if (enc === undefined) return;
      if (enc === null || typeof enc !== "object") throw invalidArgType(`options.${which}`, "of type object", enc);
      if (enc.format !== "pem" || enc.cipher !== undefined) {
        throw codeError(Error, "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM", "mrt generates keys as PEM (no DER, JWK or cipher)");
      }
      return enc;
    };
    const pubEnc = encoding("publicKeyEncoding", o.publicKeyEncoding);
    const privEnc = encoding("privateKeyEncoding", o.privateKeyEncoding);
    const [priv, pub] = ops.nodeCrypto(KEY_GENERATE, type, a, b).split("\0");
    const bytes = (pem) => viewBytes(Buffer().from(pem));
    return {
      publicKey: pubEnc ? pub : new KeyObject("public", [bytes(pub), undefined]),
      privateKey: privEnc ? priv : new KeyObject("private", [bytes(priv), undefined]),
    };
  }

  function generateKeyPair(type, options, cb) {
    if (typeof options === "function") [cb, options] = [options, undefined];
    checkFunction("callback", cb);
    const { publicKey, privateKey } = generateKeyPairSync(type, options);
    deferred(cb, null, publicKey, privateKey);
  }

  // ---------------------------------------------------------------- sign, verify

  const pemKey = keyInput;

  function signArgs(algorithm) {
    if (algorithm === null || algorithm === undefined) return "";
    if (typeof algorithm !== "string") throw invalidArgType("algorithm", "of type string", algorithm);
    const d = digestName(algorithm);
    if (!d) throw codeError(TypeError, "ERR_CRYPTO_INVALID_DIGEST", `Invalid digest: ${algorithm}`);
    return d;
  }

  // crypto.sign(algorithm, data, key) / crypto.verify(algorithm, data, key, signature).
  function sign(algorithm, data, key, cb) {
    const d = signArgs(algorithm);
    const sig = asBuffer(ops.nodeCrypto(SIGN, d, ...pemKey(key), toBytes("data", data, undefined, false)));
    if (cb === undefined) return sig;
    deferred(checkFunction("callback", cb), null, sig);
  }
  function verify(algorithm, data, key, signature, cb) {
    const d = signArgs(algorithm);
    const ok = ops.nodeCrypto(VERIFY, d, ...pemKey(key), toBytes("data", data, undefined, false),
      toBytes("signature", signature, undefined, false));
    if (cb === undefined) return ok;
    deferred(checkFunction("callback", cb), null, ok);
  }

  // createSign / createVerify: the data gathered by update(), signed at the end.
  class SignBase {
    constructor(algorithm) {
      this._algorithm = signArgs(algorithm);
      this._chunks = [];
    }
    update(data, encoding) {
      this._chunks.push(toBytes("data", data, encoding, false).slice());
      return this;
    }
    _data() {
      const n = this._chunks.reduce((a, c) => a + c.length, 0), out = new Uint8Array(n);
      let o = 0;
      for (const c of this._chunks) {
        out.set(c, o);
        o += c.length;
      }
      return out;
    }
  }
  class Sign extends SignBase {
    sign(key, outputEncoding) {
      return encodeOut(ops.nodeCrypto(SIGN, this._algorithm, ...pemKey(key), this._data()), outputEncoding);
    }
  }
  class Verify extends SignBase {
    verify(key, signature, signatureEncoding) {
      return ops.nodeCrypto(VERIFY, this._algorithm, ...pemKey(key), this._data(),
        toBytes("signature", signature, signatureEncoding, false));
    }
  }

  // ---------------------------------------------------------------- ciphers

  class CipherBase {
    constructor(cipher, key, iv, options, encrypt) {
      if (typeof cipher !== "string") throw invalidArgType("cipher", "of type string", cipher);
      const k = keyBytes(key);
      let v = null;
      if (iv !== null && iv !== undefined) v = toBytes("iv", iv);
      else if (iv === undefined) throw invalidArgType("iv", "of type string or an instance of Buffer, TypedArray, or DataView", iv);
      this[kHandle] = ops.nodeCrypto(CIPHER_NEW, cipher, k, v, encrypt);
      this[kDone] = false;
      this._authTagLength = options?.authTagLength ?? 16;
      this._encrypt = encrypt;
      registry.register(this, this[kHandle], this);
    }
    update(data, inputEncoding, outputEncoding) {
      if (this[kDone]) throw codeError(Error, "ERR_CRYPTO_INVALID_STATE", "Invalid state for operation update");
      const bytes = typeof data === "string" ? viewBytes(Buffer().from(data, inputEncoding ?? "utf8")) :
        ArrayBuffer.isView(data) ? data : (() => { throw invalidArgType("data", BUFFERISH, data); })();
      return encodeOut(ops.nodeCrypto(CIPHER_UPDATE, this[kHandle], bytes), outputEncoding);
    }
    final(outputEncoding) {
      if (this[kDone]) throw codeError(Error, "ERR_CRYPTO_INVALID_STATE", "Invalid state for operation final");
      this[kDone] = true;
      let out;
      try {
        out = ops.nodeCrypto(CIPHER_FINAL, this[kHandle]);
      } catch (e) {
        // OpenSSL's "error:1C800064:Provider routines::bad decrypt": Node's library and reason.
        const m = typeof e.code === "string" && /^error:[0-9A-F]+:([^:]*)::(.*)$/.exec(e.message);
        if (m) {
          const code = e.code;
          delete e.code;
          Object.assign(e, { library: m[1], reason: m[2], code }); // Node's key order
        }
        throw e;
      }
      return encodeOut(out, outputEncoding);
    }
    setAutoPadding(autoPadding = true) {
      ops.nodeCrypto(CIPHER_CTL, this[kHandle], 1, !!autoPadding);
      return this;
    }
    setAAD(buffer) {
      ops.nodeCrypto(CIPHER_CTL, this[kHandle], 2, toBytes("buffer", buffer));
      return this;
    }
  }

  class Cipheriv extends CipherBase {
    constructor(cipher, key, iv, options) {
      super(cipher, key, iv, options, true);
    }
    getAuthTag() {
      if (!this[kDone]) throw codeError(Error, "ERR_CRYPTO_INVALID_STATE", "Invalid state for operation getAuthTag");
      return asBuffer(ops.nodeCrypto(CIPHER_CTL, this[kHandle], 3, this._authTagLength));
    }
  }

  class Decipheriv extends CipherBase {
    constructor(cipher, key, iv, options) {
      super(cipher, key, iv, options, false);
    }
    setAuthTag(tag) {
      ops.nodeCrypto(CIPHER_CTL, this[kHandle], 4, toBytes("buffer", tag));
      return this;
    }
  }

  const createCipheriv = (c, k, iv, o) => new Cipheriv(c, k, iv, o);
  const createDecipheriv = (c, k, iv, o) => new Decipheriv(c, k, iv, o);

  return {
    randomBytes,
    pseudoRandomBytes: randomBytes,
    randomFillSync,
    randomFill,
    randomInt,
    randomUUID: (options) => {
      if (options !== undefined && (options === null || typeof options !== "object")) {
        throw invalidArgType("options", "of type object", options);
      }
      return webcrypto.randomUUID();
    },
    getRandomValues: (v) => webcrypto.getRandomValues(v),
    webcrypto,
    subtle: webcrypto.subtle,
    createHash,
    createHmac,
    hash,
    Hash,
    Hmac,
    getHashes,
    getCiphers,
    pbkdf2,
    pbkdf2Sync,
    scrypt,
    scryptSync,
    timingSafeEqual,
    createCipheriv,
    createDecipheriv,
    createSecretKey,
    createPrivateKey,
    createPublicKey,
    generateKeyPairSync,
    generateKeyPair,
    KeyObject,
    sign,
    verify,
    createSign: (algorithm) => new Sign(algorithm),
    createVerify: (algorithm) => new Verify(algorithm),
    Sign,
    Verify,
    Cipheriv,
    Decipheriv,
    constants: {},
  };
});
