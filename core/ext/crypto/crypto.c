/* crypto.c: the native side of Web Crypto (core/ext/crypto/crypto.js).
 *
 * getRandomValues and randomUUID: random.c (getrandom(2), or OpenSSL's RAND_bytes above 1 KiB). The
 * subtle operations run on OpenSSL 3's libcrypto, loaded at their first call (openssl.h).
 * One op, cryptoRun, does every symmetric operation: a job (digest, HMAC, AES, PBKDF2, HKDF)
 * that runs inline (the op is sync, the bytes are read in place) or on the loop's worker pool
 * (the async form, cryptoRunAsync: the bytes are copied first, as the spec's "copy of the
 * bytes held"). JS chooses: small inputs are faster inline than a trip to a pool thread. */
#define _GNU_SOURCE
#include <errno.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "crypto_internal.h"
#include "ext/ext.h"
#include "openssl.h"
#include "random.h"
#include "pool.h"
#include "runtime_internal.h"

struct handle {
  void *p;
  void (*free_fn)(void *);
};

struct rt_crypto {
  mrt_runtime *rt;
  struct loop *loop;
  int dead; /* mrt_runtime_free has begun: pool results are dropped */
  struct handle *handles; /* index 0 unused */
  uint32_t nhandles, cap, free_head; /* free slots chain through p (as an index) */
  unsigned char uuid_pool[256];  /* random bytes for randomUUID, 16 per UUID */
  size_t uuid_used;
};

rt_crypto *rt_crypto_of(mrt_op_call *c) { return mrt_op_data(c); }
struct loop *rt_crypto_loop(rt_crypto *st) { return st->loop; }
mrt_runtime *rt_crypto_runtime(rt_crypto *st) { return st->rt; }
int rt_crypto_dead(rt_crypto *st) { return st->dead; }

void rt_crypto_error(mrt_op_call *c, const char *name, const char *msg) {
  rt_op_error(c, NULL, name, msg);
}

int rt_crypto_need_ossl(mrt_op_call *c) {
  char err[300];
  if (rt_ossl_load(err, sizeof err) == 0) return 0;
  rt_crypto_error(c, "OperationError", err);
  return -1;
}

/* ---------------------------------------------------------------- handles */

uint32_t rt_crypto_handle_add(rt_crypto *st, void *p, void (*free_fn)(void *)) {
  if (st->free_head) {
    uint32_t h = st->free_head;
    st->free_head = (uint32_t)(uintptr_t)st->handles[h].p;
    st->handles[h] = (struct handle){p, free_fn};
    return h;
  }
  if (st->nhandles + 1 >= st->cap) {
    uint32_t cap = st->cap ? st->cap * 2 : 64;
    struct handle *n = realloc(st->handles, cap * sizeof *n);
    if (!n) {
      if (free_fn) free_fn(p);
      return 0;
    }
    st->handles = n;
    st->cap = cap;
  }
  uint32_t h = ++st->nhandles;
  st->handles[h] = (struct handle){p, free_fn};
  return h;
}

void *rt_crypto_handle_get(rt_crypto *st, uint32_t h) {
  if (h == 0 || h > st->nhandles || !st->handles[h].free_fn) return NULL;
  return st->handles[h].p;
}

void (*rt_crypto_handle_free_fn(rt_crypto *st, uint32_t h))(void *) {
  return rt_crypto_handle_get(st, h) ? st->handles[h].free_fn : NULL;
}

void rt_crypto_handle_free(rt_crypto *st, uint32_t h) {
  if (!rt_crypto_handle_get(st, h)) return;
  st->handles[h].free_fn(st->handles[h].p);
  st->handles[h] = (struct handle){(void *)(uintptr_t)st->free_head, NULL};
  st->free_head = h;
}

static void op_handle_free(mrt_op_call *c) {
  double h = mrt_op_arg_number(c, 0);
  if (h >= 1 && h <= UINT32_MAX) rt_crypto_handle_free(rt_crypto_of(c), (uint32_t)h);
}

/* ---------------------------------------------------------------- random */

static int random_fill(void *p, size_t n) { return rt_random_fill(p, n); }

/* getRandomValues(view): JS has checked the type and the 65536-byte quota. */
static void op_random(mrt_op_call *c) {
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, 0, &data, &len) != MRT_OK) {
    rt_op_error(c, "TypeError", NULL, "not an ArrayBufferView");
    return;
  }
  if (random_fill(data, len) != 0) rt_crypto_error(c, "OperationError", "no random bytes available");
}

/* randomUUID(): a version 4 UUID, from a pool of random bytes refilled 16 UUIDs at a time. */
static void op_random_uuid(mrt_op_call *c) {
  rt_crypto *st = rt_crypto_of(c);
  if (st->uuid_used == 0 || st->uuid_used >= sizeof st->uuid_pool) {
    if (random_fill(st->uuid_pool, sizeof st->uuid_pool) != 0) {
      rt_crypto_error(c, "OperationError", "getrandom failed");
      return;
    }
    st->uuid_used = 0;
  }
  unsigned char *r = st->uuid_pool + st->uuid_used;
  st->uuid_used += 16;
  r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
  r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
  static const char hex[] = "0123456789abcdef";
  char s[36];
  size_t o = 0;
  for (int i = 0; i < 16; i++) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s[o++] = '-';
    s[o++] = hex[r[i] >> 4];
    s[o++] = hex[r[i] & 15];
  }
  memset(r, 0, 16); /* not left behind for anyone to read */
  mrt_op_return_string(c, s, sizeof s);
}

/* ---------------------------------------------------------------- algorithms */

/* Hashes, by the number JS passes: 1 SHA-1, 2 SHA-256, 3 SHA-384, 4 SHA-512. */
static const char *const md_names[] = {NULL, "SHA1", "SHA256", "SHA384", "SHA512"};
#define NMD (sizeof md_names / sizeof md_names[0])

/* Fetched once per process (an implicit fetch per call costs more than hashing 1 KiB). */
static const EVP_MD *md_get(int i) {
  static _Atomic(EVP_MD *) cache[NMD];
  if (i < 1 || (size_t)i >= NMD) return NULL;
  EVP_MD *m = atomic_load_explicit(&cache[i], memory_order_acquire);
  if (m) return m;
  m = OSSL(EVP_MD_fetch)(NULL, md_names[i], NULL);
  if (!m) return NULL;
  EVP_MD *expected = NULL;
  if (!atomic_compare_exchange_strong(&cache[i], &expected, m)) {
    OSSL(EVP_MD_free)(m);
    m = expected;
  }
  return m;
}

/* AES modes, by the number JS passes. */
enum { AES_CBC = 1, AES_CTR = 2, AES_GCM = 3, AES_KW = 4 };
static const EVP_CIPHER *cipher_get(int mode, size_t keylen) {
  static _Atomic(EVP_CIPHER *) cache[5][3];
  static const char *const names[5][3] = {
      {NULL, NULL, NULL},
      {"AES-128-CBC", "AES-192-CBC", "AES-256-CBC"},
      {"AES-128-CTR", "AES-192-CTR", "AES-256-CTR"},
      {"AES-128-GCM", "AES-192-GCM", "AES-256-GCM"},
      {"AES-128-WRAP", "AES-192-WRAP", "AES-256-WRAP"},
  };
  int k = keylen == 16 ? 0 : keylen == 24 ? 1 : keylen == 32 ? 2 : -1;
  if (mode < 1 || mode > 4 || k < 0) return NULL;
  EVP_CIPHER *ci = atomic_load_explicit(&cache[mode][k], memory_order_acquire);
  if (ci) return ci;
  ci = OSSL(EVP_CIPHER_fetch)(NULL, names[mode][k], NULL);
  if (!ci) return NULL;
  EVP_CIPHER *expected = NULL;
  if (!atomic_compare_exchange_strong(&cache[mode][k], &expected, ci)) {
    OSSL(EVP_CIPHER_free)(ci);
    ci = expected;
  }
  return ci;
}

/* ---------------------------------------------------------------- jobs */

enum {
  K_DIGEST = 1, /* a hash; b0 data */
  K_HMAC_SIGN,  /* a hash; b0 key, b1 data */
  K_HMAC_VERIFY, /* a hash; b0 key, b1 data, b2 signature */
  K_ENCRYPT,    /* a mode; n1 GCM tag bits / CTR counter bits; b0 key, b1 data, b2 iv, b3 aad */
  K_DECRYPT,
  K_PBKDF2, /* a hash; n1 iterations, n2 bytes; b0 password, b1 salt */
  K_HKDF,   /* a hash; n2 bytes; b0 key, b1 salt, b2 info */
};

typedef struct job {
  rt_crypto *st;
  uint32_t id;
  int kind, a;
  double n1, n2;
  const unsigned char *b[4];
  size_t blen[4];
  unsigned char *copy; /* async: one allocation holding the copied inputs (b0 first) */
  unsigned char *out;  /* malloc'd result */
  size_t outlen;
  int is_bool, boolean;
  const char *err; /* DOMException name, NULL on success */
  const char *msg;
} job;

static int fail(job *j, const char *name, const char *msg) {
  j->err = name;
  j->msg = msg;
  return -1;
}

static int out_alloc(job *j, size_t n) {
  j->out = malloc(n ? n : 1);
  if (!j->out) return fail(j, "OperationError", "out of memory");
  j->outlen = n;
  return 0;
}

static void run_digest(job *j) {
  const EVP_MD *md = md_get(j->a);
  if (!md) {
    fail(j, "NotSupportedError", "unsupported hash");
    return;
  }
  unsigned int n = 0;
  if (out_alloc(j, EVP_MAX_MD_SIZE) != 0) return;
  if (!OSSL(EVP_Digest)(j->b[0], j->blen[0], j->out, &n, md, NULL)) {
    fail(j, "OperationError", "digest failed");
    return;
  }
  j->outlen = n;
}

static void run_hmac(job *j) {
  const EVP_MD *md = md_get(j->a);
  if (!md) {
    fail(j, "NotSupportedError", "unsupported hash");
    return;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  /* A NULL key means "the previous key" to OpenSSL: an empty one is "" */
  const void *key = j->blen[0] ? (const void *)j->b[0] : "";
  if (!OSSL(HMAC)(md, key, (int)j->blen[0], j->b[1], j->blen[1], mac, &n)) {
    fail(j, "OperationError", "HMAC failed");
    return;
  }
  if (j->kind == K_HMAC_VERIFY) {
    j->is_bool = 1;
    j->boolean = j->blen[2] == n && OSSL(CRYPTO_memcmp)(mac, j->b[2], n) == 0;
  } else if (out_alloc(j, n) == 0) {
    memcpy(j->out, mac, n);
  }
  OSSL(OPENSSL_cleanse)(mac, sizeof mac); /* the expected tag of a verify is a forgery */
}

/* One EVP pass of mode ci over in[0..n) into out; the number of bytes written, -1 on failure.
 * GCM: tag (bits n1) appended on encrypt, checked on decrypt. */
static long cipher_pass(job *j, EVP_CIPHER_CTX *ctx, const EVP_CIPHER *ci, const unsigned char *iv,
                        const unsigned char *in, size_t n, unsigned char *out) {
  int enc = j->kind == K_ENCRYPT;
  int mode = j->a;
  size_t taglen = mode == AES_GCM ? (size_t)j->n1 / 8 : 0;
  if (!OSSL(EVP_CipherInit_ex2)(ctx, ci, NULL, NULL, enc, NULL)) return -1;
  if (mode == AES_KW) OSSL(EVP_CIPHER_CTX_set_flags)(ctx, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
  if (mode == AES_GCM &&
      OSSL(EVP_CIPHER_CTX_ctrl)(ctx, EVP_CTRL_AEAD_SET_IVLEN, (int)j->blen[2], NULL) <= 0)
    return -1;
  if (!OSSL(EVP_CipherInit_ex2)(ctx, NULL, j->b[0], mode == AES_KW ? NULL : iv, enc, NULL))
    return -1;
  int outl = 0;
  long total = 0;
  if (mode == AES_GCM) {
    if (!enc) {
      if (n < taglen) return -1;
      n -= taglen;
      if (OSSL(EVP_CIPHER_CTX_ctrl)(ctx, EVP_CTRL_AEAD_SET_TAG, (int)taglen, (void *)(in + n)) <= 0)
        return -1;
    }
    if (j->blen[3] && !OSSL(EVP_CipherUpdate)(ctx, NULL, &outl, j->b[3], (int)j->blen[3]))
      return -1;
  }
  /* EVP takes int lengths: long inputs go in slices. */
  size_t off = 0;
  while (off < n) {
    size_t chunk = n - off > (1u << 30) ? (1u << 30) : n - off;
    if (!OSSL(EVP_CipherUpdate)(ctx, out + total, &outl, in + off, (int)chunk)) return -1;
    total += outl;
    off += chunk;
  }
  if (!OSSL(EVP_CipherFinal_ex)(ctx, out + total, &outl)) return -1;
  total += outl;
  if (mode == AES_GCM && enc) {
    if (OSSL(EVP_CIPHER_CTX_ctrl)(ctx, EVP_CTRL_AEAD_GET_TAG, (int)taglen, out + total) <= 0)
      return -1;
    total += (long)taglen;
  }
  return total;
}

static void run_cipher(job *j) {
  int mode = j->a;
  int enc = j->kind == K_ENCRYPT;
  const EVP_CIPHER *ci = cipher_get(mode, j->blen[0]);
  if (!ci) {
    fail(j, "OperationError", "invalid AES key length");
    return;
  }
  const unsigned char *in = j->b[1];
  size_t n = j->blen[1];
  if (mode == AES_KW && (n % 8 != 0 || n < (enc ? 16 : 24))) {
    fail(j, "OperationError", "AES-KW data must be a multiple of 8 bytes, at least 16");
    return;
  }
  if (mode == AES_CBC && j->blen[2] != 16) {
    fail(j, "OperationError", "AES-CBC iv must be 16 bytes");
    return;
  }
  if (mode == AES_CTR && j->blen[2] != 16) {
    fail(j, "OperationError", "AES-CTR counter must be 16 bytes");
    return;
  }
  if (mode == AES_GCM && j->blen[2] == 0) {
    fail(j, "OperationError", "AES-GCM iv must not be empty");
    return;
  }
  /* Room for a CBC padding block, a GCM tag or a KW integrity block. */
  if (out_alloc(j, n + 16) != 0) return;
  EVP_CIPHER_CTX *ctx = OSSL(EVP_CIPHER_CTX_new)();
  if (!ctx) {
    fail(j, "OperationError", "out of memory");
    return;
  }
  long total = -1;
  if (mode == AES_CTR) {
    /* The counter is the rightmost n1 bits of the block: OpenSSL increments all 128, so when
     * those bits wrap the rest goes in a second pass from a block with them zeroed. */
    unsigned bits = (unsigned)j->n1;
    unsigned __int128 ctr = 0;
    for (int i = 0; i < 16; i++) ctr = ctr << 8 | j->b[2][i];
    unsigned __int128 blocks = (n + 15) / 16, before = blocks;
    if (bits < 128) {
      unsigned __int128 mask = ((unsigned __int128)1 << bits) - 1;
      if (blocks > mask + 1) {
        OSSL(EVP_CIPHER_CTX_free)(ctx);
        fail(j, "OperationError", "AES-CTR counter would repeat");
        return;
      }
      before = mask - (ctr & mask) + 1;
    }
    if (blocks <= before) {
      total = cipher_pass(j, ctx, ci, j->b[2], in, n, j->out);
    } else {
      size_t first = (size_t)before * 16;
      total = cipher_pass(j, ctx, ci, j->b[2], in, first, j->out);
      if (total >= 0) {
        unsigned char iv2[16];
        unsigned __int128 c2 = ctr & ~(((unsigned __int128)1 << bits) - 1);
        for (int i = 15; i >= 0; i--, c2 >>= 8) iv2[i] = (unsigned char)c2;
        OSSL(EVP_CIPHER_CTX_reset)(ctx);
        long t2 = cipher_pass(j, ctx, ci, iv2, in + first, n - first, j->out + total);
        total = t2 < 0 ? -1 : total + t2;
      }
    }
  } else {
    total = cipher_pass(j, ctx, ci, j->b[2], in, n, j->out);
  }
  OSSL(EVP_CIPHER_CTX_free)(ctx);
  if (total < 0) {
    fail(j, "OperationError", enc ? "encryption failed" : "decryption failed");
    return;
  }
  j->outlen = (size_t)total;
}

static void run_pbkdf2(job *j) {
  const EVP_MD *md = md_get(j->a);
  size_t n = (size_t)j->n2;
  if (!md) {
    fail(j, "NotSupportedError", "unsupported hash");
    return;
  }
  if (j->n1 < 1 || j->n1 > INT32_MAX) {
    fail(j, "OperationError", "iterations must be at least 1");
    return;
  }
  if (out_alloc(j, n) != 0) return;
  if (n && !OSSL(PKCS5_PBKDF2_HMAC)(j->blen[0] ? (const char *)j->b[0] : "", (int)j->blen[0],
                                    j->blen[1] ? j->b[1] : (const unsigned char *)"",
                                    (int)j->blen[1], (int)j->n1, md, (int)n, j->out))
    fail(j, "OperationError", "PBKDF2 failed");
}

static void run_hkdf(job *j) {
  size_t n = (size_t)j->n2;
  if (j->a < 1 || (size_t)j->a >= NMD) {
    fail(j, "NotSupportedError", "unsupported hash");
    return;
  }
  if (out_alloc(j, n) != 0 || n == 0) return;
  EVP_KDF *kdf = OSSL(EVP_KDF_fetch)(NULL, "HKDF", NULL);
  EVP_KDF_CTX *ctx = kdf ? OSSL(EVP_KDF_CTX_new)(kdf) : NULL;
  OSSL_PARAM params[5];
  unsigned char empty = 0;
  params[0] = OSSL(OSSL_PARAM_construct_utf8_string)(OSSL_KDF_PARAM_DIGEST,
                                                     (char *)md_names[j->a], 0);
  params[1] = OSSL(OSSL_PARAM_construct_octet_string)(
      OSSL_KDF_PARAM_KEY, j->blen[0] ? (void *)j->b[0] : &empty, j->blen[0]);
  params[2] = OSSL(OSSL_PARAM_construct_octet_string)(
      OSSL_KDF_PARAM_SALT, j->blen[1] ? (void *)j->b[1] : &empty, j->blen[1]);
  params[3] = OSSL(OSSL_PARAM_construct_octet_string)(
      OSSL_KDF_PARAM_INFO, j->blen[2] ? (void *)j->b[2] : &empty, j->blen[2]);
  params[4] = OSSL(OSSL_PARAM_construct_end)();
  if (!ctx || OSSL(EVP_KDF_derive)(ctx, j->out, n, params) <= 0)
    fail(j, "OperationError", "HKDF failed");
  if (ctx) OSSL(EVP_KDF_CTX_free)(ctx);
  if (kdf) OSSL(EVP_KDF_free)(kdf);
}

static void run_job(job *j) {
  switch (j->kind) {
    case K_DIGEST: run_digest(j); break;
    case K_HMAC_SIGN:
    case K_HMAC_VERIFY: run_hmac(j); break;
    case K_ENCRYPT:
    case K_DECRYPT: run_cipher(j); break;
    case K_PBKDF2: run_pbkdf2(j); break;
    case K_HKDF: run_hkdf(j); break;
    default: fail(j, "NotSupportedError", "unknown operation");
  }
  if (j->err && j->out) {
    /* A failed decryption may have written unauthenticated plaintext (AES-GCM writes before
     * the tag is checked): not left in freed memory. */
    OSSL(OPENSSL_cleanse)(j->out, j->outlen);
    free(j->out);
    j->out = NULL;
  }
}

static void job_result(job *j, mrt_result *res) {
  memset(res, 0, sizeof *res);
  if (j->err) {
    res->kind = MRT_RESULT_ERROR;
    res->code = j->err;
    res->message = j->msg;
  } else if (j->is_bool) {
    res->kind = MRT_RESULT_BOOLEAN;
    res->number = j->boolean;
  } else {
    res->kind = MRT_RESULT_BUFFER;
    res->bytes = j->out;
    res->len = j->outlen;
    res->free_bytes = free; /* the Uint8Array adopts it */
    j->out = NULL;
  }
}

static void job_free(job *j) {
  /* out is still here only when the result was dropped (the runtime is being freed): it may
   * be derived key bits. */
  if (j->out) OSSL(OPENSSL_cleanse)(j->out, j->outlen);
  free(j->out);
  /* The copy starts with b0: the key or password of every kind but a digest. */
  if (j->copy && j->kind != K_DIGEST) OSSL(OPENSSL_cleanse)(j->copy, j->blen[0]);
  free(j->copy);
  free(j);
}

static void work_cb(void *data) { run_job(data); }
static void done_cb(void *data, int status) {
  job *j = data;
  if (!j->st->dead) {
    if (status != 0 && !j->err) fail(j, "OperationError", "cancelled");
    mrt_result res;
    job_result(j, &res);
    mrt_op_complete(j->st->rt, j->id, &res);
  }
  job_free(j);
}

/* cryptoRun(kind, a, n1, n2, b0, b1, b2, b3), sync (the bytes read in place) or async (copied,
 * then run on the pool). Absent buffers are empty. */
static void op_run(mrt_op_call *c) {
  if (rt_crypto_need_ossl(c) != 0) return;
  job local = {0}, *j = &local;
  int async = mrt_op_is_async(c);
  j->st = rt_crypto_of(c);
  j->kind = (int)mrt_op_arg_number(c, 0);
  j->a = (int)mrt_op_arg_number(c, 1);
  j->n1 = mrt_op_arg_number(c, 2);
  j->n2 = mrt_op_arg_number(c, 3);
  if (!(j->n1 >= 0 && j->n1 <= 4294967295.0)) j->n1 = 0;
  if (!(j->n2 >= 0 && j->n2 <= 4294967295.0)) j->n2 = 0;
  size_t total = 0;
  for (int i = 0; i < 4; i++) {
    void *d;
    size_t l;
    if (mrt_op_arg_buffer(c, 4 + i, &d, &l) == MRT_OK) {
      j->b[i] = d;
      j->blen[i] = l;
      total += l;
    } else {
      j->b[i] = (const unsigned char *)"";
    }
  }
  if (!async) {
    run_job(j);
    mrt_result res;
    job_result(j, &res);
    mrt_op_return_result(c, &res);
    free(j->out);
    return;
  }
  job *h = calloc(1, sizeof *h);
  unsigned char *copy = malloc(total ? total : 1);
  if (!h || !copy) {
    free(h);
    free(copy);
    rt_crypto_error(c, "OperationError", "out of memory");
    return;
  }
  *h = local;
  h->copy = copy;
  for (int i = 0; i < 4; i++) {
    if (h->blen[i]) memcpy(copy, h->b[i], h->blen[i]);
    h->b[i] = copy;
    copy += h->blen[i];
  }
  h->id = mrt_op_async_id(c);
  int rc = loop_work_submit(h->st->loop, work_cb, done_cb, h);
  if (rc < 0) {
    fail(h, "OperationError", "could not start the work");
    mrt_result res;
    job_result(h, &res);
    mrt_op_return_result(c, &res);
    job_free(h);
  }
}

/* ---------------------------------------------------------------- extension */

static const mrt_op_decl crypto_ops[] = {
    {.name = "cryptoRandom", .fn = op_random},
    {.name = "cryptoRandomUUID", .fn = op_random_uuid},
    {.name = "cryptoRun", .fn = op_run},
    {.name = "cryptoRunAsync", .fn = op_run, .async = 1},
    {.name = "cryptoHandleFree", .fn = op_handle_free},
};

int rt_crypto_register(mrt_runtime *rt, rt_crypto *st, const mrt_op_decl *ops, size_t n) {
  for (size_t i = 0; i < n; i++) {
    mrt_op_decl d = ops[i];
    d.data = st;
    int rc = rt_register_builtin(rt, &d);
    if (rc) return rc;
  }
  return MRT_OK;
}

int rt_crypto_init(mrt_runtime *rt, void **state) {
  rt_crypto *st = calloc(1, sizeof *st);
  if (!st) return MRT_ENOMEM;
  st->rt = rt;
  st->loop = rt->loop;
  *state = st;
  /* More ops (the asymmetric algorithms' file) register here, after these, always in the
   * same order (the snapshot numbers ops by registration). */
  int rc = rt_crypto_register(rt, st, crypto_ops, sizeof crypto_ops / sizeof crypto_ops[0]);
  if (!rc) rc = rt_asym_register(rt, st);
  return rc ? rc : rt_node_hash_register(rt, st);
}

void rt_crypto_close(mrt_runtime *rt, void *state) {
  rt_crypto *st = state;
  (void)rt;
  if (st) st->dead = 1;
}

/* After loop_free: no job is left; keys still held are freed. */
void rt_crypto_free(mrt_runtime *rt, void *state) {
  rt_crypto *st = state;
  (void)rt;
  if (!st) return;
  for (uint32_t h = 1; h <= st->nhandles; h++) {
    if (st->handles[h].free_fn) st->handles[h].free_fn(st->handles[h].p);
  }
  free(st->handles);
  free(st);
}
