/* hash.c: node:crypto's streaming primitives (core/ext/node/lib/crypto.js) on OpenSSL 3's
 * libcrypto, loaded at the first call (ext/crypto/openssl.h): createHash and createHmac
 * (update in pieces, digest, copy), createCipheriv/createDecipheriv, pbkdf2Sync, scryptSync.
 *
 * A hash, HMAC or cipher in progress is a crypto handle (ext/crypto/crypto_internal.h): a
 * number the JS object keeps; digest and final free it, and a FinalizationRegistry in JS
 * frees the handle of an object collected before it finished. The ops are registered by the
 * crypto extension's init (they share its handle table) and run inline on the caller's
 * thread: they are the synchronous calls Node has. Algorithm names are OpenSSL's (Node passes
 * them through the same way): "sha256", "SHA-256", "sha3-512", "md5", "aes-256-gcm"... */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/kdf.h>
#include <openssl/pem.h>
#include <openssl/bn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ext/crypto/crypto_internal.h"
#include "ext/crypto/openssl.h"
#include "ext/ext.h"

/* All calls go through one op, nodeCrypto(call, ...args) (each op costs start-up time):
 * argument i of a call is the op's argument i + 1. */
#define AT(i) ((i) + 1)

/* Fetched algorithms, by name, once per process: a fetch costs more than hashing 1 KiB. */
#define CACHE_MAX 32
static struct {
  char name[32];
  void *alg;
} cache[CACHE_MAX];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static void *fetch_cached(const char *kind, const char *name) {
  char key[32];
  if (strlen(name) + 2 > sizeof key) return NULL;
  key[0] = kind[0];
  strcpy(key + 1, name);
  void *alg = NULL;
  pthread_mutex_lock(&cache_lock);
  int i = 0;
  for (; i < CACHE_MAX && cache[i].alg; i++) {
    if (strcmp(cache[i].name, key) == 0) {
      alg = cache[i].alg;
      break;
    }
  }
  if (!alg) {
    if (kind[0] == 'd') alg = OSSL(EVP_MD_fetch)(NULL, name, NULL);
    else if (kind[0] == 'c') alg = OSSL(EVP_CIPHER_fetch)(NULL, name, NULL);
    else alg = OSSL(EVP_MAC_fetch)(NULL, name, NULL);
    if (!alg) OSSL(ERR_clear_error)(); /* an unknown name queues an error: not kept */
    if (alg && i < CACHE_MAX) { /* kept for the life of the process, as crypto.c's */
      strcpy(cache[i].name, key);
      cache[i].alg = alg;
    }
  }
  pthread_mutex_unlock(&cache_lock);
  return alg;
}

static const EVP_MD *md_by_name(const char *name) { return fetch_cached("d", name); }

typedef struct node_hash {
  EVP_MD_CTX *md;   /* a hash */
  EVP_MAC_CTX *mac; /* or an HMAC */
  int xof;          /* SHAKE: the digest's length is chosen at the end */
} node_hash;

/* Ends the call with Node's error for OpenSSL's first queued error: its text, and code
 * ERR_OSSL_<REASON> ("error:1C800064:Provider routines::bad decrypt", ERR_OSSL_BAD_DECRYPT);
 * with nothing queued, an Error saying fallback. The queue is emptied. */
static void ossl_error(mrt_op_call *c, const char *fallback) {
  unsigned long e = OSSL(ERR_peek_error)();
  const char *reason = e ? OSSL(ERR_reason_error_string)(e) : NULL;
  if (!reason) {
    OSSL(ERR_clear_error)();
    rt_op_error(c, "Error", NULL, fallback);
    return;
  }
  char msg[256], code[96] = "ERR_OSSL_";
  OSSL(ERR_error_string_n)(e, msg, sizeof msg);
  size_t k = strlen(code);
  for (const char *r = reason; *r && k + 1 < sizeof code; r++)
    code[k++] = *r == ' ' ? '_' : (*r >= 'a' && *r <= 'z') ? (char)(*r - 32) : *r;
  code[k] = '\0';
  OSSL(ERR_clear_error)();
  rt_op_error(c, "Error", code, msg);
}

static void cipher_free(void *p) { OSSL(EVP_CIPHER_CTX_free)(p); }

static void hash_free(void *p) {
  node_hash *h = p;
  if (h->md) OSSL(EVP_MD_CTX_free)(h->md);
  if (h->mac) OSSL(EVP_MAC_CTX_free)(h->mac);
  free(h);
}

static void oom(mrt_op_call *c) { rt_op_error(c, "RangeError", NULL, "out of memory"); }

/* (algorithm, key?) -> handle; 0 for an algorithm OpenSSL does not have (crypto.js throws
 * Node's error). A key makes it an HMAC. */
static void op_hash_new(mrt_op_call *c) {
  if (rt_crypto_need_ossl(c) != 0) return;
  rt_crypto *st = rt_crypto_of(c);
  char name[32];
  size_t n = 0;
  const char *s = mrt_op_arg_string(c, AT(0), &n);
  if (!s || n == 0 || n >= sizeof name) {
    mrt_op_return_number(c, 0);
    return;
  }
  memcpy(name, s, n);
  name[n] = '\0';
  const EVP_MD *md = md_by_name(name);
  if (!md) {
    mrt_op_return_number(c, 0);
    return;
  }
  node_hash *h = calloc(1, sizeof *h);
  if (!h) {
    oom(c);
    return;
  }
  void *key;
  size_t klen;
  int ok;
  if (mrt_op_arg_buffer(c, AT(1), &key, &klen) == MRT_OK) {
    EVP_MAC *mac = fetch_cached("m", "HMAC");
    h->mac = mac ? OSSL(EVP_MAC_CTX_new)(mac) : NULL;
    OSSL_PARAM params[2] = {
        OSSL(OSSL_PARAM_construct_utf8_string)(OSSL_MAC_PARAM_DIGEST, name, 0),
        OSSL(OSSL_PARAM_construct_end)()};
    /* A zero-length key still needs a non-NULL pointer (NULL means "keep the old key"). */
    ok = h->mac && OSSL(EVP_MAC_init)(h->mac, klen ? key : (void *)"", klen, params);
  } else {
    h->md = OSSL(EVP_MD_CTX_new)();
    ok = h->md && OSSL(EVP_DigestInit_ex2)(h->md, md, NULL);
    h->xof = (OSSL(EVP_MD_get_flags)(md) & EVP_MD_FLAG_XOF) != 0;
    /* An outputLength (argument 2) other than the size of a fixed-size digest: Node's error. */
    double want = mrt_op_arg_type(c, AT(2)) == MRT_TYPE_NUMBER ? mrt_op_arg_number(c, AT(2)) : -1;
    if (ok && !h->xof && want >= 0 && want != OSSL(EVP_MD_get_size)(md)) {
      hash_free(h);
      rt_op_error(c, "Error", "ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH",
                  "error:030000B2:digital envelope routines::not XOF or invalid length");
      return;
    }
  }
  if (!ok) {
    hash_free(h);
    mrt_op_return_number(c, 0); /* e.g. HMAC over a XOF: not supported */
    return;
  }
  uint32_t id = rt_crypto_handle_add(st, h, hash_free);
  if (!id) oom(c);
  else mrt_op_return_number(c, id);
}

/* The handle of argument i if it is of the kind freed by free_fn, else NULL: the handle table
 * is shared with Web Crypto's keys, and JS can put any number where a handle goes. */
static void *arg_handle(mrt_op_call *c, int i, void (*free_fn)(void *)) {
  double id = mrt_op_arg_number(c, AT(i));
  if (!(id >= 1 && id <= UINT32_MAX)) return NULL;
  rt_crypto *st = rt_crypto_of(c);
  return rt_crypto_handle_free_fn(st, (uint32_t)id) == free_fn ? rt_crypto_handle_get(st, (uint32_t)id) : NULL;
}

static node_hash *arg_hash(mrt_op_call *c) {
  node_hash *h = arg_handle(c, 0, hash_free);
  if (!h) rt_op_error(c, "Error", "ERR_CRYPTO_HASH_FINALIZED", "Digest already called");
  return h;
}

/* (handle, bytes) */
static void op_hash_update(mrt_op_call *c) {
  node_hash *h = arg_hash(c);
  if (!h) return;
  void *data;
  size_t len;
  if (mrt_op_arg_type(c, AT(1)) == MRT_TYPE_STRING) { /* UTF-8 text, without a copy in JS */
    data = (void *)mrt_op_arg_string(c, AT(1), &len);
    if (!data) return;
  } else if (mrt_op_arg_buffer(c, AT(1), &data, &len) != MRT_OK) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE", "The \"data\" argument must be a buffer");
    return;
  }
  int ok = h->md ? OSSL(EVP_DigestUpdate)(h->md, data, len) : OSSL(EVP_MAC_update)(h->mac, data, len);
  if (!ok) rt_op_error(c, "Error", "ERR_CRYPTO_OPERATION_FAILED", "hash update failed");
}

/* (handle, length for a XOF or -1) -> Uint8Array; the handle is freed. */
static void op_hash_digest(mrt_op_call *c) {
  node_hash *h = arg_hash(c);
  if (!h) return;
  unsigned char buf[EVP_MAX_MD_SIZE];
  unsigned char *out = buf;
  size_t len = 0;
  int ok;
  double want = mrt_op_arg_number(c, AT(1));
  if (h->mac) {
    ok = OSSL(EVP_MAC_final)(h->mac, buf, &len, sizeof buf);
  } else if (h->xof && want >= 0) {
    len = want > (1 << 30) ? (1 << 30) : (size_t)want;
    out = len > sizeof buf ? malloc(len) : buf;
    ok = out && OSSL(EVP_DigestFinalXOF)(h->md, out, len);
  } else {
    unsigned int n = 0;
    ok = OSSL(EVP_DigestFinal_ex)(h->md, buf, &n);
    len = n;
  }
  rt_crypto_handle_free(rt_crypto_of(c), (uint32_t)mrt_op_arg_number(c, AT(0)));
  if (!ok) rt_op_error(c, "Error", "ERR_CRYPTO_OPERATION_FAILED", "digest failed");
  else {
    mrt_result res = {.kind = MRT_RESULT_BUFFER, .bytes = out, .len = len};
    mrt_op_return_result(c, &res);
  }
  if (out != buf) free(out);
}

/* (handle) -> a new handle with the same state */
static void op_hash_copy(mrt_op_call *c) {
  node_hash *h = arg_hash(c);
  if (!h) return;
  node_hash *d = calloc(1, sizeof *d);
  if (!d) {
    oom(c);
    return;
  }
  d->xof = h->xof;
  int ok;
  if (h->mac) {
    ok = (d->mac = OSSL(EVP_MAC_CTX_dup)(h->mac)) != NULL;
  } else {
    d->md = OSSL(EVP_MD_CTX_new)();
    ok = d->md && OSSL(EVP_MD_CTX_copy_ex)(d->md, h->md);
  }
  if (!ok) {
    hash_free(d);
    oom(c);
    return;
  }
  uint32_t id = rt_crypto_handle_add(rt_crypto_of(c), d, hash_free);
  if (!id) oom(c);
  else mrt_op_return_number(c, id);
}

/* (digest name) -> its size in bytes, 0 for an unknown one */
static void op_hash_size(mrt_op_call *c) {
  if (rt_crypto_need_ossl(c) != 0) return;
  size_t n = 0;
  const char *s = mrt_op_arg_string(c, AT(0), &n);
  char name[32];
  if (!s || n == 0 || n >= sizeof name) {
    mrt_op_return_number(c, 0);
    return;
  }
  memcpy(name, s, n);
  name[n] = '\0';
  const EVP_MD *md = md_by_name(name);
  mrt_op_return_number(c, md ? OSSL(EVP_MD_get_size)(md) : 0);
}

/* (password, salt, iterations, keylen, digest) -> Uint8Array; crypto.js checks the numbers. */
static void op_pbkdf2(mrt_op_call *c) {
  if (rt_crypto_need_ossl(c) != 0) return;
  void *pass, *salt;
  size_t plen, slen;
  if (mrt_op_arg_buffer(c, AT(0), &pass, &plen) != MRT_OK || mrt_op_arg_buffer(c, AT(1), &salt, &slen) != MRT_OK) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE", "password and salt must be buffers");
    return;
  }
  double iter = mrt_op_arg_number(c, AT(2)), keylen = mrt_op_arg_number(c, AT(3));
  if (!(iter >= 1 && iter <= 2147483647) || !(keylen >= 0 && keylen <= 2147483647)) {
    rt_op_error(c, "RangeError", "ERR_OUT_OF_RANGE", "iterations or keylen out of range");
    return;
  }
  char name[32];
  size_t n = 0;
  const char *s = mrt_op_arg_string(c, AT(4), &n);
  const EVP_MD *md = NULL;
  if (s && n > 0 && n < sizeof name) {
    memcpy(name, s, n);
    name[n] = '\0';
    md = md_by_name(name);
  }
  if (!md) {
    rt_op_error(c, "TypeError", "ERR_CRYPTO_INVALID_DIGEST", "Invalid digest");
    return;
  }
  unsigned char *out = malloc(keylen ? (size_t)keylen : 1);
  if (!out) {
    oom(c);
    return;
  }
  if (!OSSL(PKCS5_PBKDF2_HMAC)(plen ? pass : "", (int)plen, salt, (int)slen, (int)iter, md,
                               (int)keylen, out)) {
    free(out);
    rt_op_error(c, "Error", "ERR_CRYPTO_OPERATION_FAILED", "pbkdf2 failed");
    return;
  }
  mrt_result res = {.kind = MRT_RESULT_BUFFER, .bytes = out, .len = (size_t)keylen, .free_bytes = free};
  mrt_op_return_result(c, &res);
}

/* (password, salt, keylen, N, r, p, maxmem) -> Uint8Array */
static void op_scrypt(mrt_op_call *c) {
  if (rt_crypto_need_ossl(c) != 0) return;
  void *pass, *salt;
  size_t plen, slen;
  if (mrt_op_arg_buffer(c, AT(0), &pass, &plen) != MRT_OK || mrt_op_arg_buffer(c, AT(1), &salt, &slen) != MRT_OK) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE", "password and salt must be buffers");
    return;
  }
  double keylen = mrt_op_arg_number(c, AT(2)), N = mrt_op_arg_number(c, AT(3)), r = mrt_op_arg_number(c, AT(4)),
         p = mrt_op_arg_number(c, AT(5)), maxmem = mrt_op_arg_number(c, AT(6));
  if (!(keylen >= 0 && keylen <= 2147483647) || !(N >= 2 && N <= 1e15) || !(r >= 1 && r <= 4294967295.0) ||
      !(p >= 1 && p <= 4294967295.0) || !(maxmem >= 0 && maxmem <= 9007199254740991.0)) {
    rt_op_error(c, "RangeError", "ERR_CRYPTO_INVALID_SCRYPT_PARAMS", "Invalid scrypt params");
    return;
  }
  unsigned char *out = malloc(keylen ? (size_t)keylen : 1);
  if (!out) {
    oom(c);
    return;
  }
  if (!OSSL(EVP_PBE_scrypt)(plen ? pass : "", plen, salt, slen, (uint64_t)N, (uint64_t)r,
                            (uint64_t)p, (uint64_t)maxmem, out, (size_t)keylen)) {
    free(out);
    rt_op_error(c, "RangeError", "ERR_CRYPTO_INVALID_SCRYPT_PARAMS",
                "Invalid scrypt params: memory limit exceeded");
    return;
  }
  mrt_result res = {.kind = MRT_RESULT_BUFFER, .bytes = out, .len = (size_t)keylen, .free_bytes = free};
  mrt_op_return_result(c, &res);
}

/* ---------------------------------------------------------------- ciphers */

static EVP_CIPHER_CTX *arg_cipher(mrt_op_call *c) {
  EVP_CIPHER_CTX *x = arg_handle(c, 0, cipher_free);
  if (!x) rt_op_error(c, "Error", "ERR_CRYPTO_INVALID_STATE", "Invalid state for operation");
  return x;
}

/* (name, key, iv, encrypt, authTagLength) -> handle; errors name what is wrong, as Node's. */
static void op_cipher_new(mrt_op_call *c) {
  if (rt_crypto_need_ossl(c) != 0) return;
  char name[32];
  size_t n = 0;
  const char *s = mrt_op_arg_string(c, AT(0), &n);
  const EVP_CIPHER *ci = NULL;
  if (s && n > 0 && n < sizeof name) {
    memcpy(name, s, n);
    name[n] = '\0';
    ci = fetch_cached("c", name);
  }
  if (!ci) {
    rt_op_error(c, "Error", "ERR_CRYPTO_UNKNOWN_CIPHER", "Unknown cipher");
    return;
  }
  void *key, *iv = NULL;
  size_t klen, ivlen = 0;
  if (mrt_op_arg_buffer(c, AT(1), &key, &klen) != MRT_OK) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE", "The \"key\" argument must be a buffer");
    return;
  }
  int has_iv = mrt_op_arg_buffer(c, AT(2), &iv, &ivlen) == MRT_OK;
  if ((int)klen != OSSL(EVP_CIPHER_get_key_length)(ci)) {
    rt_op_error(c, "RangeError", "ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length");
    return;
  }
  int mode = OSSL(EVP_CIPHER_get_mode)(ci);
  int aead = mode == EVP_CIPH_GCM_MODE || mode == EVP_CIPH_CCM_MODE || mode == EVP_CIPH_OCB_MODE;
  int want_iv = OSSL(EVP_CIPHER_get_iv_length)(ci);
  if ((want_iv == 0 && has_iv && ivlen) || (want_iv > 0 && !has_iv) ||
      (!aead && want_iv > 0 && (int)ivlen != want_iv) || (aead && ivlen == 0)) {
    rt_op_error(c, "TypeError", "ERR_CRYPTO_INVALID_IV", "Invalid initialization vector");
    return;
  }
  int enc = mrt_op_arg_boolean(c, AT(3));
  EVP_CIPHER_CTX *x = OSSL(EVP_CIPHER_CTX_new)();
  int ok = x && OSSL(EVP_CipherInit_ex2)(x, ci, NULL, NULL, enc, NULL);
  if (ok && aead && (int)ivlen != want_iv)
    ok = OSSL(EVP_CIPHER_CTX_ctrl)(x, EVP_CTRL_AEAD_SET_IVLEN, (int)ivlen, NULL);
  if (ok) ok = OSSL(EVP_CipherInit_ex2)(x, NULL, key, has_iv && ivlen ? iv : NULL, enc, NULL);
  if (!ok) {
    if (x) OSSL(EVP_CIPHER_CTX_free)(x);
    rt_op_error(c, "Error", "ERR_CRYPTO_OPERATION_FAILED", "cipher initialization failed");
    return;
  }
  uint32_t id = rt_crypto_handle_add(rt_crypto_of(c), x, cipher_free);
  if (!id) oom(c);
  else mrt_op_return_number(c, id);
}

/* (handle, bytes) -> Uint8Array */
static void op_cipher_update(mrt_op_call *c) {
  EVP_CIPHER_CTX *x = arg_cipher(c);
  if (!x) return;
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, AT(1), &data, &len) != MRT_OK || len > (1u << 30)) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE", "The \"data\" argument must be a buffer");
    return;
  }
  unsigned char *out = malloc(len + 32);
  int outl = 0;
  if (!out) {
    oom(c);
    return;
  }
  if (!OSSL(EVP_CipherUpdate)(x, out, &outl, data, (int)len)) {
    free(out);
    rt_op_error(c, "Error", "ERR_CRYPTO_OPERATION_FAILED", "cipher update failed");
    return;
  }
  mrt_result res = {.kind = MRT_RESULT_BUFFER, .bytes = out, .len = (size_t)outl, .free_bytes = free};
  mrt_op_return_result(c, &res);
}

/* (handle) -> Uint8Array; the handle stays (getAuthTag after final) until crypto.js frees it. */
static void op_cipher_final(mrt_op_call *c) {
  EVP_CIPHER_CTX *x = arg_cipher(c);
  if (!x) return;
  unsigned char out[64];
  int outl = 0;
  OSSL(ERR_clear_error)(); /* only this call's reason is wanted */
  if (!OSSL(EVP_CipherFinal_ex)(x, out, &outl)) {
    /* An AEAD whose tag does not match queues nothing: Node's own words then. */
    ossl_error(c, "Unsupported state or unable to authenticate data");
    return;
  }
  mrt_op_return_result(c, &(mrt_result){.kind = MRT_RESULT_BUFFER, .bytes = out, .len = (size_t)outl});
}

/* (handle, what, arg): 1 setAutoPadding(bool), 2 setAAD(bytes), 3 getAuthTag(len) -> bytes,
 * 4 setAuthTag(bytes). */
static void op_cipher_ctl(mrt_op_call *c) {
  EVP_CIPHER_CTX *x = arg_cipher(c);
  if (!x) return;
  int what = (int)mrt_op_arg_number(c, AT(1));
  void *data = NULL;
  size_t len = 0;
  int ok = 0, outl = 0;
  if (what == 1) {
    ok = OSSL(EVP_CIPHER_CTX_set_padding)(x, mrt_op_arg_boolean(c, AT(2)));
  } else if (what == 3) {
    unsigned char tag[16];
    double n = mrt_op_arg_number(c, AT(2));
    if (n >= 1 && n <= 16 && OSSL(EVP_CIPHER_CTX_ctrl)(x, EVP_CTRL_AEAD_GET_TAG, (int)n, tag)) {
      mrt_op_return_result(c, &(mrt_result){.kind = MRT_RESULT_BUFFER, .bytes = tag, .len = (size_t)n});
      return;
    }
  } else if (mrt_op_arg_buffer(c, AT(2), &data, &len) == MRT_OK && len <= INT32_MAX) {
    if (what == 2) ok = OSSL(EVP_CipherUpdate)(x, NULL, &outl, data, (int)len);
    else if (what == 4 && len <= 16) ok = OSSL(EVP_CIPHER_CTX_ctrl)(x, EVP_CTRL_AEAD_SET_TAG, (int)len, data);
  }
  if (!ok) rt_op_error(c, "Error", "ERR_CRYPTO_INVALID_STATE", "Invalid state for operation");
}

/* ---------------------------------------------------------------- sign, verify */

/* A key from PEM text (argument i), private (with the passphrase of argument i + 1, if any)
 * or, when want_private is 0, public (a private key's public half also does); NULL after
 * throwing Node's error. */
static EVP_PKEY *arg_pem_key(mrt_op_call *c, int i, int want_private) {
  void *pem;
  size_t len;
  if (mrt_op_arg_buffer(c, AT(i), &pem, &len) != MRT_OK || len > INT32_MAX) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE", "The \"key\" argument must be a PEM key");
    return NULL;
  }
  char pass[1024];
  size_t plen = 0;
  const char *p = mrt_op_arg_type(c, AT(i + 1)) == MRT_TYPE_STRING ? mrt_op_arg_string(c, AT(i + 1), &plen) : NULL;
  if (p && plen < sizeof pass) {
    memcpy(pass, p, plen);
    pass[plen] = '\0';
  }
  OSSL(ERR_clear_error)();
  EVP_PKEY *k = NULL;
  BIO *b = OSSL(BIO_new_mem_buf)(pem, (int)len);
  if (b) {
    if (want_private) {
      k = OSSL(PEM_read_bio_PrivateKey)(b, NULL, NULL, p && plen < sizeof pass ? pass : (char *)"");
    } else {
      k = OSSL(PEM_read_bio_PUBKEY)(b, NULL, NULL, NULL);
      if (!k) {
        OSSL(BIO_ctrl)(b, BIO_CTRL_RESET, 0, NULL); /* BIO_reset, a macro */
        k = OSSL(PEM_read_bio_PrivateKey)(b, NULL, NULL, p && plen < sizeof pass ? pass : (char *)"");
      }
    }
    OSSL(BIO_free)(b);
  }
  OSSL(OPENSSL_cleanse)(pass, sizeof pass);
  if (!k) ossl_error(c, "error:1E08010C:DECODER routines::unsupported");
  return k;
}

/* (digest or "", pem, passphrase, data) -> signature (DER for ECDSA, as Node's default) */
static void op_sign(mrt_op_call *c) {
  if (rt_crypto_need_ossl(c) != 0) return;
  char name[32] = "";
  size_t n = 0;
  const char *s = mrt_op_arg_string(c, AT(0), &n);
  if (s && n < sizeof name) memcpy(name, s, n), name[n] = '\0';
  const EVP_MD *md = name[0] ? md_by_name(name) : NULL;
  if (name[0] && !md) {
    rt_op_error(c, "TypeError", "ERR_CRYPTO_INVALID_DIGEST", "Invalid digest");
    return;
  }
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, AT(3), &data, &len) != MRT_OK) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE", "The \"data\" argument must be a buffer");
    return;
  }
  EVP_PKEY *k = arg_pem_key(c, 1, 1);
  if (!k) return;
  EVP_MD_CTX *m = OSSL(EVP_MD_CTX_new)();
  size_t siglen = 0;
  unsigned char *sig = NULL;
  int ok = m && OSSL(EVP_DigestSignInit)(m, NULL, md, NULL, k) == 1 &&
           OSSL(EVP_DigestSign)(m, NULL, &siglen, data, len) == 1 && (sig = malloc(siglen ? siglen : 1)) &&
           OSSL(EVP_DigestSign)(m, sig, &siglen, data, len) == 1;
  if (m) OSSL(EVP_MD_CTX_free)(m);
  OSSL(EVP_PKEY_free)(k);
  if (!ok) {
    free(sig);
    OSSL(ERR_clear_error)();
    rt_op_error(c, "Error", "ERR_CRYPTO_OPERATION_FAILED", "sign failed (the key cannot sign with this digest)");
    return;
  }
  mrt_result res = {.kind = MRT_RESULT_BUFFER, .bytes = sig, .len = siglen, .free_bytes = free};
  mrt_op_return_result(c, &res);
}

/* (digest or "", pem, passphrase, data, signature) -> boolean */
static void op_verify(mrt_op_call *c) {
  if (rt_crypto_need_ossl(c) != 0) return;
  char name[32] = "";
  size_t n = 0;
  const char *s = mrt_op_arg_string(c, AT(0), &n);
  if (s && n < sizeof name) memcpy(name, s, n), name[n] = '\0';
  const EVP_MD *md = name[0] ? md_by_name(name) : NULL;
  if (name[0] && !md) {
    rt_op_error(c, "TypeError", "ERR_CRYPTO_INVALID_DIGEST", "Invalid digest");
    return;
  }
  void *data, *sig;
  size_t len, siglen;
  if (mrt_op_arg_buffer(c, AT(3), &data, &len) != MRT_OK || mrt_op_arg_buffer(c, AT(4), &sig, &siglen) != MRT_OK) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE", "The \"data\" and \"signature\" arguments must be buffers");
    return;
  }
  EVP_PKEY *k = arg_pem_key(c, 1, 0);
  if (!k) return;
  EVP_MD_CTX *m = OSSL(EVP_MD_CTX_new)();
  int ok = m && OSSL(EVP_DigestVerifyInit)(m, NULL, md, NULL, k) == 1 &&
           OSSL(EVP_DigestVerify)(m, sig, siglen, data, len) == 1;
  if (m) OSSL(EVP_MD_CTX_free)(m);
  OSSL(EVP_PKEY_free)(k);
  OSSL(ERR_clear_error)(); /* a bad signature queues errors: it is just "false" */
  mrt_op_return_boolean(c, ok);
}

/* ---------------------------------------------------------------- asymmetric keys */

/* (pem, passphrase, private?) -> "type bits [publicExponent | curve]": what a KeyObject
 * reports (asymmetricKeyType, asymmetricKeyDetails); throws for what is not such a key. */
static void op_key_info(mrt_op_call *c) {
  if (rt_crypto_need_ossl(c) != 0) return;
  EVP_PKEY *k = arg_pem_key(c, 0, mrt_op_arg_boolean(c, AT(2)));
  if (!k) return;
  const char *type;
  switch (OSSL(EVP_PKEY_get_base_id)(k)) {
    case EVP_PKEY_RSA: type = "rsa"; break;
    case EVP_PKEY_RSA_PSS: type = "rsa-pss"; break;
    case EVP_PKEY_EC: type = "ec"; break;
    case EVP_PKEY_ED25519: type = "ed25519"; break;
    case EVP_PKEY_ED448: type = "ed448"; break;
    case EVP_PKEY_X25519: type = "x25519"; break;
    case EVP_PKEY_X448: type = "x448"; break;
    case EVP_PKEY_DSA: type = "dsa"; break;
    case EVP_PKEY_DH: type = "dh"; break;
    default: type = "unknown"; break;
  }
  char out[160], extra[64] = "";
  if (type[0] == 'r') {
    BIGNUM *e = NULL;
    if (OSSL(EVP_PKEY_get_bn_param)(k, OSSL_PKEY_PARAM_RSA_E, &e) == 1 && e) {
      snprintf(extra, sizeof extra, " %lu", (unsigned long)OSSL(BN_get_word)(e));
      OSSL(BN_free)(e);
    }
  } else if (strcmp(type, "ec") == 0) {
    char curve[48];
    size_t n = 0;
    if (OSSL(EVP_PKEY_get_utf8_string_param)(k, OSSL_PKEY_PARAM_GROUP_NAME, curve, sizeof curve, &n) == 1)
      snprintf(extra, sizeof extra, " %s", curve);
  }
  int len = snprintf(out, sizeof out, "%s %d%s", type, OSSL(EVP_PKEY_get_bits)(k), extra);
  OSSL(EVP_PKEY_free)(k);
  OSSL(ERR_clear_error)();
  mrt_op_return_string(c, out, (size_t)len);
}

/* (pem, passphrase, private?, public?) -> PEM text: the key as unencrypted PKCS#8, or its
 * public half as SPKI (KeyObject.export, createPublicKey of a private key). */
static void op_key_pem(mrt_op_call *c) {
  if (rt_crypto_need_ossl(c) != 0) return;
  EVP_PKEY *k = arg_pem_key(c, 0, mrt_op_arg_boolean(c, AT(2)));
  if (!k) return;
  int pub = mrt_op_arg_boolean(c, AT(3));
  BIO *b = OSSL(BIO_new)(OSSL(BIO_s_mem)());
  int ok = b && (pub ? OSSL(PEM_write_bio_PUBKEY)(b, k)
                     : OSSL(PEM_write_bio_PKCS8PrivateKey)(b, k, NULL, NULL, 0, NULL, NULL));
  OSSL(EVP_PKEY_free)(k);
  char *data = NULL;
  long n = ok ? OSSL(BIO_ctrl)(b, BIO_CTRL_INFO, 0, &data) : 0; /* BIO_get_mem_data, a macro */
  if (ok && n > 0 && data) mrt_op_return_string(c, data, (size_t)n);
  else ossl_error(c, "key export failed");
  if (b) OSSL(BIO_free)(b);
}

/* (type "rsa" | "ec" | "ed25519" | "ed448" | "x25519" | "x448", modulusLength or curve name,
 * publicExponent) -> "private PKCS#8 PEM" NUL "public SPKI PEM" (generateKeyPairSync). */
static void op_key_generate(mrt_op_call *c) {
  if (rt_crypto_need_ossl(c) != 0) return;
  char type[16] = "", curve[48] = "";
  size_t n = 0;
  const char *s = mrt_op_arg_string(c, AT(0), &n);
  if (s && n < sizeof type) memcpy(type, s, n), type[n] = '\0';
  OSSL(ERR_clear_error)();
  EVP_PKEY *k = NULL;
  if (strcmp(type, "rsa") == 0) {
    double bits = mrt_op_arg_number(c, AT(1)), e = mrt_op_arg_number(c, AT(2));
    if (!(bits >= 512 && bits <= 16384) || !(e >= 3 && e <= 4294967295.0)) {
      rt_op_error(c, "RangeError", "ERR_OUT_OF_RANGE", "modulusLength or publicExponent out of range");
      return;
    }
    EVP_PKEY_CTX *x = OSSL(EVP_PKEY_CTX_new_from_name)(NULL, "RSA", NULL);
    BIGNUM *bn = OSSL(BN_new)();
    if (x && bn && OSSL(BN_set_word)(bn, (unsigned long)e) && OSSL(EVP_PKEY_keygen_init)(x) == 1 &&
        OSSL(EVP_PKEY_CTX_set_rsa_keygen_bits)(x, (int)bits) == 1 &&
        OSSL(EVP_PKEY_CTX_set1_rsa_keygen_pubexp)(x, bn) == 1)
      OSSL(EVP_PKEY_generate)(x, &k);
    if (bn) OSSL(BN_free)(bn);
    if (x) OSSL(EVP_PKEY_CTX_free)(x);
  } else if (strcmp(type, "ec") == 0) {
    const char *cv = mrt_op_arg_string(c, AT(1), &n);
    if (cv && n < sizeof curve) memcpy(curve, cv, n), curve[n] = '\0';
    EVP_PKEY_CTX *x = OSSL(EVP_PKEY_CTX_new_from_name)(NULL, "EC", NULL);
    if (x && OSSL(EVP_PKEY_keygen_init)(x) == 1 &&
        OSSL(EVP_PKEY_CTX_set_group_name)(x, curve) == 1)
      OSSL(EVP_PKEY_generate)(x, &k);
    if (x) OSSL(EVP_PKEY_CTX_free)(x);
    if (!k) {
      OSSL(ERR_clear_error)();
      rt_op_error(c, "TypeError", "ERR_CRYPTO_INVALID_CURVE", "Invalid EC curve name");
      return;
    }
  } else if (strcmp(type, "ed25519") == 0 || strcmp(type, "ed448") == 0 || strcmp(type, "x25519") == 0 ||
             strcmp(type, "x448") == 0) {
    EVP_PKEY_CTX *x = OSSL(EVP_PKEY_CTX_new_from_name)(NULL, type, NULL);
    if (x && OSSL(EVP_PKEY_keygen_init)(x) == 1) OSSL(EVP_PKEY_generate)(x, &k);
    if (x) OSSL(EVP_PKEY_CTX_free)(x);
  } else {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_VALUE", "unsupported key type");
    return;
  }
  if (!k) {
    ossl_error(c, "key generation failed");
    return;
  }
  BIO *b = OSSL(BIO_new)(OSSL(BIO_s_mem)());
  int ok = b && OSSL(PEM_write_bio_PKCS8PrivateKey)(b, k, NULL, NULL, 0, NULL, NULL) &&
           OSSL(BIO_write)(b, "", 1) == 1 && OSSL(PEM_write_bio_PUBKEY)(b, k);
  OSSL(EVP_PKEY_free)(k);
  char *data = NULL;
  long len = ok ? OSSL(BIO_ctrl)(b, BIO_CTRL_INFO, 0, &data) : 0; /* BIO_get_mem_data */
  if (ok && len > 0 && data) mrt_op_return_string(c, data, (size_t)len);
  else ossl_error(c, "key export failed");
  if (b) OSSL(BIO_free)(b);
}

/* The calls, by the number crypto.js passes (its CRYPTO_CALLS lists them in this order). */
static void (*const calls[])(mrt_op_call *) = {
    op_hash_new, /* HashNew */
    op_hash_update, /* HashUpdate */
    op_hash_digest, /* HashDigest */
    op_hash_copy, /* HashCopy */
    op_hash_size, /* HashSize */
    op_pbkdf2, /* Pbkdf2 */
    op_scrypt, /* Scrypt */
    op_cipher_new, /* CipherNew */
    op_cipher_update, /* CipherUpdate */
    op_cipher_final, /* CipherFinal */
    op_cipher_ctl, /* CipherCtl */
    op_sign,       /* Sign */
    op_verify,     /* Verify */
    op_key_info,   /* KeyInfo */
    op_key_pem,    /* KeyPem */
    op_key_generate, /* KeyGenerate */
};

static void op_node_crypto(mrt_op_call *c) {
  double k = mrt_op_arg_number(c, 0);
  if (!(k >= 0 && k < (double)(sizeof calls / sizeof calls[0]))) {
    rt_op_error(c, "TypeError", NULL, "nodeCrypto: no such call");
    return;
  }
  calls[(int)k](c);
}

static const mrt_op_decl node_hash_ops[] = {
    {.name = "nodeCrypto", .fn = op_node_crypto},
};

int rt_node_hash_register(mrt_runtime *rt, rt_crypto *st) {
  return rt_crypto_register(rt, st, node_hash_ops, sizeof node_hash_ops / sizeof node_hash_ops[0]);
}
