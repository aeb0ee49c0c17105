/* asym.c: the native side of crypto.subtle's asymmetric algorithms (asym.js): ECDSA and
 * ECDH on P-256/384/521, Ed25519, X25519, RSASSA-PKCS1-v1_5, RSA-PSS and RSA-OAEP, on
 * OpenSSL 3's EVP_PKEY API through the lazily loaded libcrypto (asym_ossl.h).
 *
 * A key is an EVP_PKEY behind a crypto handle (crypto_internal.h: the CryptoKey frees it when
 * it is collected, the runtime frees what is left). A key pair's two CryptoKeys hold one
 * EVP_PKEY through two handles, each with its own reference.
 *
 * RSA key generation, signing and decryption take milliseconds: their async ops run on the
 * loop's worker pool with their own reference to the key and copies of the input, and the
 * result comes back on the loop thread. Everything else is quick and runs inline.
 *
 * Errors are thrown (or rejected) as Errors whose .code is the WebCrypto DOMException name
 * ("DataError", "OperationError", ...); asym.js turns them into DOMExceptions. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mimalloc.h>

#include "pool.h"
#include "ext/crypto/asym_ossl.h"
#include "ext/crypto/openssl.h"
#include "ext/crypto/crypto_internal.h"
#include "ext/ext.h"
#include "runtime_internal.h"

/* ---------------------------------------------------------------- libcrypto */

/* Filled once per process (pthread_once: runtimes on several threads may get here at the
 * same time), before any of the calling runtime's pool jobs can use it. */
static const asym_ossl *O;
static asym_ossl table;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void table_fill(void) {
#define ASYM_OSSL_GET(name, ret, args) table.name = (ret(*) args)rt_ossl_sym(#name);
  ASYM_OSSL_FUNCS(ASYM_OSSL_GET)
#undef ASYM_OSSL_GET
  __atomic_store_n(&O, &table, __ATOMIC_RELEASE);
}

/* Loads libcrypto and fills the table on first use; 0, or -1 after ending the call with an
 * OperationError. */
static int ossl_ready(mrt_op_call *c) {
  if (__atomic_load_n(&O, __ATOMIC_ACQUIRE)) return 0;
  if (rt_crypto_need_ossl(c) != 0) return -1;
  pthread_once(&table_once, table_fill);
  return 0;
}

/* ---------------------------------------------------------------- keys */

/* A key is an EVP_PKEY behind a crypto handle (crypto_internal.h); each handle holds one
 * reference. */
static void key_free(void *p) { O->EVP_PKEY_free(p); }

static EVP_PKEY *arg_key(mrt_op_call *c, int i) {
  double h = mrt_op_arg_number(c, i);
  EVP_PKEY *k = h >= 1 && h <= UINT32_MAX ? rt_crypto_handle_get(rt_crypto_of(c), (uint32_t)h)
                                          : NULL;
  if (!k) rt_op_error(c, "TypeError", NULL, "not a CryptoKey's key");
  return k;
}

/* Stores k (its reference passes) and returns its handle; 0 when out of memory (k freed). */
static uint32_t key_add(rt_crypto *st, EVP_PKEY *k) {
  return rt_crypto_handle_add(st, k, key_free);
}

static void return_key(mrt_op_call *c, EVP_PKEY *k) {
  uint32_t h = key_add(rt_crypto_of(c), k);
  if (!h) {
    rt_crypto_error(c, "OperationError", "out of memory");
    return;
  }
  /* A result record: also settles the async form's promise. */
  mrt_result r = {.kind = MRT_RESULT_NUMBER, .number = h};
  mrt_op_return_result(c, &r);
}

static int arg_bytes(mrt_op_call *c, int i, const unsigned char **p, size_t *n) {
  void *d;
  if (mrt_op_arg_buffer(c, i, &d, n) != MRT_OK) {
    rt_op_error(c, "TypeError", NULL, "expected bytes");
    return -1;
  }
  *p = *n ? d : (const unsigned char *)"";
  return 0;
}

static void bytes_free(void *p) { mi_free(p); }

/* Returns bytes that become the Uint8Array's memory. */
static void return_bytes(mrt_op_call *c, unsigned char *b, size_t n) {
  mrt_result r = {.kind = MRT_RESULT_BUFFER, .bytes = b, .len = n, .free_bytes = bytes_free};
  mrt_op_return_result(c, &r);
}

/* ---------------------------------------------------------------- names */

static const char *curve_openssl(const char *webcrypto) {
  if (!strcmp(webcrypto, "P-256")) return "prime256v1";
  if (!strcmp(webcrypto, "P-384")) return "secp384r1";
  if (!strcmp(webcrypto, "P-521")) return "secp521r1";
  return NULL;
}

static const char *curve_webcrypto(const char *openssl) {
  if (!strcmp(openssl, "prime256v1") || !strcmp(openssl, "P-256")) return "P-256";
  if (!strcmp(openssl, "secp384r1") || !strcmp(openssl, "P-384")) return "P-384";
  if (!strcmp(openssl, "secp521r1") || !strcmp(openssl, "P-521")) return "P-521";
  return NULL;
}

/* Bytes of a scalar / coordinate of the curve. */
static size_t curve_bytes(const char *webcrypto) {
  return webcrypto[2] == '2' ? 32 : webcrypto[2] == '3' ? 48 : 66;
}

static const EVP_MD *md_of(const char *hash) {
  if (!strcmp(hash, "SHA-1")) return O->EVP_get_digestbyname("SHA1");
  if (!strcmp(hash, "SHA-256")) return O->EVP_get_digestbyname("SHA256");
  if (!strcmp(hash, "SHA-384")) return O->EVP_get_digestbyname("SHA384");
  if (!strcmp(hash, "SHA-512")) return O->EVP_get_digestbyname("SHA512");
  return NULL;
}

/* The WebCrypto curve of an EC key, or NULL. */
static const char *key_curve(const EVP_PKEY *k) {
  char name[64];
  size_t n = 0;
  if (!O->EVP_PKEY_is_a(k, "EC")) return NULL;
  if (O->EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &n) != 1)
    return NULL;
  return curve_webcrypto(name);
}

/* "EC:P-256", "Ed25519", "X25519", "RSA", or NULL for another kind. */
static const char *key_type(const EVP_PKEY *k, char *buf, size_t n) {
  const char *curve = key_curve(k);
  if (curve) {
    snprintf(buf, n, "EC:%s", curve);
    return buf;
  }
  if (O->EVP_PKEY_is_a(k, "ED25519")) return "Ed25519";
  if (O->EVP_PKEY_is_a(k, "X25519")) return "X25519";
  if (O->EVP_PKEY_is_a(k, "RSA")) return "RSA";
  return NULL;
}

/* ---------------------------------------------------------------- jobs */

enum { J_GEN_RSA, J_GEN, J_SIGN, J_DECRYPT, J_ENCRYPT };
enum { A_ECDSA = 1, A_ED25519, A_PKCS1, A_PSS };

typedef struct job {
  rt_crypto *st;
  uint32_t id;
  int kind, alg, salt, bits;
  EVP_PKEY *key;        /* a reference of the job's own (J_SIGN, J_DECRYPT) */
  const EVP_MD *md;
  size_t field;         /* ECDSA: bytes of r and s */
  unsigned char *in, *label;
  size_t in_len, label_len;
  BIGNUM *e;            /* J_GEN_RSA */
  const char *type, *group; /* J_GEN: OpenSSL's key type and EC group (static strings) */
  /* results */
  EVP_PKEY *made;
  unsigned char *out;
  size_t out_len;
  const char *err;      /* DOMException name */
  const char *msg;
} job;

static void job_free(job *j) {
  if (j->key) O->EVP_PKEY_free(j->key);
  if (j->made) O->EVP_PKEY_free(j->made);
  if (j->e) O->BN_free(j->e);
  mi_free(j->in);
  mi_free(j->label);
  mi_free(j->out);
  free(j);
}

static void job_fail(job *j, const char *err, const char *msg) {
  j->err = err;
  j->msg = msg;
  O->ERR_clear_error();
}

static void run_gen_rsa(job *j) {
  EVP_PKEY_CTX *ctx = O->EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
  if (!ctx || O->EVP_PKEY_keygen_init(ctx) != 1 ||
      O->EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, j->bits) != 1 ||
      O->EVP_PKEY_CTX_set1_rsa_keygen_pubexp(ctx, j->e) != 1 ||
      O->EVP_PKEY_generate(ctx, &j->made) != 1) {
    job_fail(j, "OperationError", "RSA key generation failed");
  }
  if (ctx) O->EVP_PKEY_CTX_free(ctx);
}

/* DER ECDSA-Sig-Value -> r || s, each j->field bytes. */
static int ecdsa_der_to_raw(job *j, const unsigned char *der, size_t len) {
  const unsigned char *p = der;
  ECDSA_SIG *sig = O->d2i_ECDSA_SIG(NULL, &p, (long)len);
  if (!sig) return -1;
  const BIGNUM *r, *s;
  O->ECDSA_SIG_get0(sig, &r, &s);
  j->out = mi_malloc(2 * j->field);
  int ok = j->out && O->BN_bn2binpad(r, j->out, (int)j->field) == (int)j->field &&
           O->BN_bn2binpad(s, j->out + j->field, (int)j->field) == (int)j->field;
  O->ECDSA_SIG_free(sig);
  if (!ok) return -1;
  j->out_len = 2 * j->field;
  return 0;
}

static int pss_setup(job *j, EVP_PKEY_CTX *pctx) {
  if (j->alg != A_PSS) return 1;
  return O->EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
         O->EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, j->salt) == 1 &&
         O->EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, j->md) == 1;
}

static void run_sign(job *j) {
  EVP_MD_CTX *m = O->EVP_MD_CTX_new();
  EVP_PKEY_CTX *pctx = NULL;
  unsigned char *sig = NULL;
  /* The largest signature of the key, instead of asking EVP_DigestSign (a second call that
   * costs as much as the init for Ed25519). */
  int max = O->EVP_PKEY_get_size(j->key);
  size_t n = max > 0 ? (size_t)max : 0;
  if (!m || n == 0 || O->EVP_DigestSignInit(m, &pctx, j->md, NULL, j->key) != 1 ||
      !pss_setup(j, pctx) || !(sig = mi_malloc(n)) ||
      O->EVP_DigestSign(m, sig, &n, j->in, j->in_len) != 1) {
    job_fail(j, "OperationError", "signing failed");
  } else if (j->alg == A_ECDSA) {
    if (ecdsa_der_to_raw(j, sig, n) != 0) job_fail(j, "OperationError", "signing failed");
  } else {
    j->out = sig;
    j->out_len = n;
    sig = NULL;
  }
  mi_free(sig);
  if (m) O->EVP_MD_CTX_free(m);
}

static int oaep_setup(job *j, EVP_PKEY_CTX *ctx) {
  if (O->EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING) != 1 ||
      O->EVP_PKEY_CTX_set_rsa_oaep_md(ctx, j->md) != 1 ||
      O->EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, j->md) != 1)
    return 0;
  if (!j->label_len) return 1;
  /* The label parameter is copied by the provider. */
  OSSL_PARAM p[2];
  p[0] = O->OSSL_PARAM_construct_octet_string(OSSL_ASYM_CIPHER_PARAM_OAEP_LABEL, j->label,
                                              j->label_len);
  p[1] = O->OSSL_PARAM_construct_end();
  return O->EVP_PKEY_CTX_set_params(ctx, p) == 1;
}

/* RSA-OAEP either way: decrypt (J_DECRYPT) or encrypt. */
static void run_oaep(job *j, int decrypt) {
  EVP_PKEY_CTX *ctx = O->EVP_PKEY_CTX_new_from_pkey(NULL, j->key, NULL);
  size_t n = 0;
  int ok = ctx &&
           (decrypt ? O->EVP_PKEY_decrypt_init(ctx) : O->EVP_PKEY_encrypt_init(ctx)) == 1 &&
           oaep_setup(j, ctx) &&
           (decrypt ? O->EVP_PKEY_decrypt(ctx, NULL, &n, j->in, j->in_len)
                    : O->EVP_PKEY_encrypt(ctx, NULL, &n, j->in, j->in_len)) == 1 &&
           (j->out = mi_malloc(n ? n : 1)) != NULL &&
           (decrypt ? O->EVP_PKEY_decrypt(ctx, j->out, &n, j->in, j->in_len)
                    : O->EVP_PKEY_encrypt(ctx, j->out, &n, j->in, j->in_len)) == 1;
  if (ok) {
    j->out_len = n;
  } else {
    mi_free(j->out);
    j->out = NULL;
    job_fail(j, "OperationError", decrypt ? "decryption failed" : "encryption failed");
  }
  if (ctx) O->EVP_PKEY_CTX_free(ctx);
}

static EVP_PKEY *gen_simple(const char *type, const char *group);

static void run_job(job *j) {
  switch (j->kind) {
  case J_GEN_RSA: run_gen_rsa(j); break;
  case J_GEN:
    j->made = gen_simple(j->type, j->group);
    if (!j->made) job_fail(j, "OperationError", "key generation failed");
    break;
  case J_SIGN: run_sign(j); break;
  case J_DECRYPT: run_oaep(j, 1); break;
  case J_ENCRYPT: run_oaep(j, 0); break;
  }
}

/* The job's outcome as an op result (ownership of out passes to the runtime); a generated
 * key gets its handle here, on the loop thread. */
static void job_result(job *j, mrt_result *r) {
  memset(r, 0, sizeof *r);
  if (!j->err && j->made) {
    uint32_t h = key_add(j->st, j->made);
    j->made = NULL; /* the handle has it (or freed it) */
    if (!h) {
      job_fail(j, "OperationError", "out of memory");
    } else {
      r->kind = MRT_RESULT_NUMBER;
      r->number = h;
      return;
    }
  }
  if (j->err) {
    r->kind = MRT_RESULT_ERROR;
    r->code = j->err;
    r->message = j->msg;
    return;
  }
  r->kind = MRT_RESULT_BUFFER;
  r->bytes = j->out ? (void *)j->out : "";
  r->len = j->out_len;
  if (j->out) r->free_bytes = bytes_free;
  j->out = NULL;
}

static void work_cb(void *data) { run_job(data); }

static void done_cb(void *data, int status) {
  job *j = data;
  if (status != 0 && !j->err) job_fail(j, "OperationError", "cancelled");
  if (!rt_crypto_dead(j->st)) {
    mrt_result r;
    job_result(j, &r);
    mrt_op_complete(rt_crypto_runtime(j->st), j->id, &r);
  }
  job_free(j);
}

/* Runs a job: on the pool for an async op, here for a sync one. Takes j. */
static void go(mrt_op_call *c, job *j) {
  if (mrt_op_is_async(c)) {
    j->id = mrt_op_async_id(c);
    if (loop_work_submit(rt_crypto_loop(j->st), work_cb, done_cb, j) == 0) return;
    job_fail(j, "OperationError", "the worker pool is unavailable");
  } else {
    run_job(j);
  }
  mrt_result r;
  job_result(j, &r);
  mrt_op_return_result(c, &r);
  job_free(j);
}

static job *job_new(mrt_op_call *c, int kind) {
  job *j = calloc(1, sizeof *j);
  if (!j) {
    rt_crypto_error(c, "OperationError", "out of memory");
    return NULL;
  }
  j->st = rt_crypto_of(c);
  j->kind = kind;
  return j;
}

/* Copies argument i's bytes into *dst (mimalloc). */
static int job_copy(mrt_op_call *c, job *j, int i, unsigned char **dst, size_t *n) {
  const unsigned char *p;
  if (arg_bytes(c, i, &p, n) != 0) return -1;
  *dst = mi_malloc(*n ? *n : 1);
  if (!*dst) {
    rt_crypto_error(c, "OperationError", "out of memory");
    return -1;
  }
  memcpy(*dst, p, *n);
  (void)j;
  return 0;
}

/* ---------------------------------------------------------------- generate */

static EVP_PKEY *gen_simple(const char *type, const char *group) {
  EVP_PKEY_CTX *ctx = O->EVP_PKEY_CTX_new_from_name(NULL, type, NULL);
  EVP_PKEY *k = NULL;
  if (!ctx || O->EVP_PKEY_keygen_init(ctx) != 1 ||
      (group && O->EVP_PKEY_CTX_set_group_name(ctx, group) != 1) ||
      O->EVP_PKEY_generate(ctx, &k) != 1) {
    k = NULL;
    O->ERR_clear_error();
  }
  if (ctx) O->EVP_PKEY_CTX_free(ctx);
  return k;
}

/* generate(type, curve | modulusLength, publicExponent) -> handle. type: "EC", "Ed25519",
 * "X25519", "RSA" (async form: on the pool). */
static void op_generate(mrt_op_call *c) {
  if (ossl_ready(c)) return;
  size_t tn;
  const char *type = mrt_op_arg_string(c, 0, &tn);
  if (!type) return;
  if (!strcmp(type, "RSA")) {
    double bits = mrt_op_arg_number(c, 1);
    const unsigned char *e;
    size_t en;
    if (arg_bytes(c, 2, &e, &en) != 0) return;
    if (!(bits >= 256 && bits <= 16384) || en == 0 || en > 8) {
      rt_crypto_error(c, "OperationError", "unsupported modulusLength or publicExponent");
      return;
    }
    job *j = job_new(c, J_GEN_RSA);
    if (!j) return;
    j->bits = (int)bits;
    j->e = O->BN_bin2bn(e, (int)en, NULL);
    if (!j->e) {
      job_free(j);
      rt_crypto_error(c, "OperationError", "out of memory");
      return;
    }
    go(c, j);
    return;
  }
  /* EC and OKP keys are generated on the pool too: quick, but then the promise settles in a
   * later task, as the spec's "in parallel" steps do. */
  const char *otype = NULL, *group = NULL;
  if (!strcmp(type, "EC")) {
    size_t n;
    group = curve_openssl(mrt_op_arg_string(c, 1, &n));
    if (!group) {
      rt_crypto_error(c, "NotSupportedError", "unsupported namedCurve");
      return;
    }
    otype = "EC";
  } else if (!strcmp(type, "Ed25519")) {
    otype = "ED25519";
  } else if (!strcmp(type, "X25519")) {
    otype = "X25519";
  } else {
    rt_crypto_error(c, "NotSupportedError", "unsupported key type");
    return;
  }
  job *j = job_new(c, J_GEN);
  if (!j) return;
  j->type = otype;
  j->group = group;
  go(c, j);
}

/* dup(handle) -> a second handle on the same key (a pair's public CryptoKey). */
static void op_dup(mrt_op_call *c) {
  if (ossl_ready(c)) return;
  EVP_PKEY *k = arg_key(c, 0);
  if (!k) return;
  O->EVP_PKEY_up_ref(k);
  return_key(c, k);
}

/* info(handle) -> "EC:P-256" | "Ed25519" | "X25519" | "RSA:<modulus bits>" */
static void op_info(mrt_op_call *c) {
  if (ossl_ready(c)) return;
  EVP_PKEY *k = arg_key(c, 0);
  if (!k) return;
  char buf[32];
  const char *t = key_type(k, buf, sizeof buf);
  if (!t) t = "";
  if (!strcmp(t, "RSA")) {
    snprintf(buf, sizeof buf, "RSA:%d", O->EVP_PKEY_get_bits(k));
    t = buf;
  }
  mrt_op_return_string(c, t, strlen(t));
}

/* ---------------------------------------------------------------- import */

static void data_error(mrt_op_call *c, const char *msg) {
  O->ERR_clear_error();
  rt_crypto_error(c, "DataError", msg);
}

/* Checks that k is of the expected type ("EC:P-256", "Ed25519", "X25519", "RSA"), then
 * returns its handle (frees it if not). */
static void return_checked(mrt_op_call *c, EVP_PKEY *k, const char *want) {
  char buf[32];
  const char *t = key_type(k, buf, sizeof buf);
  if (!t || strcmp(t, want) != 0) {
    O->EVP_PKEY_free(k);
    /* An EC key of another curve or a key of another type. */
    data_error(c, "the key is not of the algorithm's type or curve");
    return;
  }
  /* A key imported from a compressed point keeps that form; spki and raw exports are
   * uncompressed. */
  if (!strncmp(want, "EC:", 3) &&
      O->EVP_PKEY_set_utf8_string_param(k, OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT,
                                        "uncompressed") != 1) {
    O->EVP_PKEY_free(k);
    data_error(c, "the EC key could not be used");
    return;
  }
  return_key(c, k);
}

static EVP_PKEY *from_params(const char *type, int selection, OSSL_PARAM_BLD *bld) {
  OSSL_PARAM *params = O->OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX *ctx = O->EVP_PKEY_CTX_new_from_name(NULL, type, NULL);
  EVP_PKEY *k = NULL;
  if (!params || !ctx || O->EVP_PKEY_fromdata_init(ctx) != 1 ||
      O->EVP_PKEY_fromdata(ctx, &k, selection, params) != 1)
    k = NULL;
  if (ctx) O->EVP_PKEY_CTX_free(ctx);
  if (params) O->OSSL_PARAM_free(params);
  return k;
}

/* A check of a key made from parts: the public point on the curve, and for a private key the
 * pair consistent. */
static int key_consistent(EVP_PKEY *k, int priv) {
  EVP_PKEY_CTX *ctx = O->EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
  int ok = ctx && (priv ? O->EVP_PKEY_pairwise_check(ctx) : O->EVP_PKEY_public_check(ctx)) == 1;
  if (ctx) O->EVP_PKEY_CTX_free(ctx);
  return ok;
}

static EVP_PKEY *ec_from_point(const char *curve, const unsigned char *pt, size_t n,
                               const BIGNUM *d) {
  OSSL_PARAM_BLD *bld = O->OSSL_PARAM_BLD_new();
  EVP_PKEY *k = NULL;
  if (bld && O->OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
                                                 curve_openssl(curve), 0) == 1 &&
      O->OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pt, n) == 1 &&
      (!d || O->OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d) == 1))
    k = from_params("EC", d ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, bld);
  if (bld) O->OSSL_PARAM_BLD_free(bld);
  if (k && !key_consistent(k, d != NULL)) {
    O->EVP_PKEY_free(k);
    k = NULL;
  }
  return k;
}

/* import(type, format, data) -> handle. type "EC:P-256".., "Ed25519", "X25519", "RSA";
 * format "spki", "pkcs8", "raw" (EC and OKP public keys). */
static void op_import(mrt_op_call *c) {
  if (ossl_ready(c)) return;
  size_t n;
  char type[16], format[8];
  const char *s = mrt_op_arg_string(c, 0, &n);
  if (!s || n >= sizeof type) return;
  memcpy(type, s, n + 1);
  s = mrt_op_arg_string(c, 1, &n);
  if (!s || n >= sizeof format) return;
  memcpy(format, s, n + 1);
  const unsigned char *d;
  size_t len;
  if (arg_bytes(c, 2, &d, &len) != 0) return;
  if (len > 0x7fffffff) { data_error(c, "key data too large"); return; }
  EVP_PKEY *k = NULL;
  if (!strcmp(format, "spki")) {
    const unsigned char *p = d;
    k = O->d2i_PUBKEY(NULL, &p, (long)len);
    if (k && p != d + len) {
      O->EVP_PKEY_free(k);
      k = NULL;
    }
    if (!k) { data_error(c, "invalid SubjectPublicKeyInfo"); return; }
  } else if (!strcmp(format, "pkcs8")) {
    const unsigned char *p = d;
    PKCS8_PRIV_KEY_INFO *p8 = O->d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, (long)len);
    if (p8 && p == d + len) k = O->EVP_PKCS82PKEY(p8);
    if (p8) O->PKCS8_PRIV_KEY_INFO_free(p8);
    if (!k) { data_error(c, "invalid PKCS #8 PrivateKeyInfo"); return; }
  } else if (!strcmp(format, "raw")) {
    if (!strncmp(type, "EC:", 3)) {
      size_t f = curve_bytes(type + 3);
      if (len != 2 * f + 1 && len != f + 1) { data_error(c, "invalid EC point length"); return; }
      k = ec_from_point(type + 3, d, len, NULL);
    } else if (!strcmp(type, "Ed25519") || !strcmp(type, "X25519")) {
      if (len != 32) { data_error(c, "invalid raw key length"); return; }
      k = O->EVP_PKEY_new_raw_public_key_ex(NULL, type[0] == 'E' ? "ED25519" : "X25519",
                                            NULL, d, len);
    }
    if (!k) { data_error(c, "invalid raw public key"); return; }
  } else {
    rt_crypto_error(c, "NotSupportedError", "unsupported key format");
    return;
  }
  return_checked(c, k, type);
}

/* importJwk(type, private, a, b, c, d, e, f, g, h) -> handle, from the JWK members decoded to
 * bytes: EC x, y, d; OKP x, d; RSA n, e, d, p, q, dp, dq, qi (absent: an empty buffer). */
static void op_import_jwk(mrt_op_call *c) {
  if (ossl_ready(c)) return;
  size_t n;
  char type[16];
  const char *s = mrt_op_arg_string(c, 0, &n);
  if (!s || n >= sizeof type) return;
  memcpy(type, s, n + 1);
  int priv = mrt_op_arg_boolean(c, 1);
  const unsigned char *f[8];
  size_t fl[8];
  int nf = !strncmp(type, "EC:", 3) ? 3 : !strcmp(type, "RSA") ? 8 : 2;
  for (int i = 0; i < nf; i++) {
    if (arg_bytes(c, 2 + i, &f[i], &fl[i]) != 0) return;
    if (fl[i] > 0x7fffffff) { data_error(c, "invalid JWK member"); return; }
  }
  EVP_PKEY *k = NULL;
  if (!strncmp(type, "EC:", 3)) {
    size_t fb = curve_bytes(type + 3);
    if (fl[0] != fb || fl[1] != fb || (priv && fl[2] != fb))
      { data_error(c, "invalid EC JWK coordinates"); return; }
    unsigned char pt[1 + 2 * 66];
    pt[0] = 4;
    memcpy(pt + 1, f[0], fb);
    memcpy(pt + 1 + fb, f[1], fb);
    BIGNUM *dn = priv ? O->BN_bin2bn(f[2], (int)fl[2], NULL) : NULL;
    if (!priv || dn) k = ec_from_point(type + 3, pt, 1 + 2 * fb, dn);
    if (dn) O->BN_clear_free(dn);
    if (!k) { data_error(c, "invalid EC JWK"); return; }
  } else if (!strcmp(type, "Ed25519") || !strcmp(type, "X25519")) {
    const char *name = type[0] == 'E' ? "ED25519" : "X25519";
    if (fl[0] != 32 || (priv && fl[1] != 32)) { data_error(c, "invalid OKP JWK length"); return; }
    k = priv ? O->EVP_PKEY_new_raw_private_key_ex(NULL, name, NULL, f[1], 32)
             : O->EVP_PKEY_new_raw_public_key_ex(NULL, name, NULL, f[0], 32);
    if (k && priv) { /* x must be d's public key */
      unsigned char x[32];
      size_t xl = sizeof x;
      if (O->EVP_PKEY_get_raw_public_key(k, x, &xl) != 1 || xl != 32 || memcmp(x, f[0], 32)) {
        O->EVP_PKEY_free(k);
        k = NULL;
      }
    }
    if (!k) { data_error(c, "invalid OKP JWK"); return; }
  } else if (!strcmp(type, "RSA")) {
    static const char *const names[8] = {
        OSSL_PKEY_PARAM_RSA_N,         OSSL_PKEY_PARAM_RSA_E,         OSSL_PKEY_PARAM_RSA_D,
        OSSL_PKEY_PARAM_RSA_FACTOR1,   OSSL_PKEY_PARAM_RSA_FACTOR2,   OSSL_PKEY_PARAM_RSA_EXPONENT1,
        OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1};
    int count = priv ? 8 : 2;
    BIGNUM *bn[8] = {0};
    OSSL_PARAM_BLD *bld = O->OSSL_PARAM_BLD_new();
    int ok = bld != NULL;
    for (int i = 0; ok && i < count; i++) {
      ok = fl[i] > 0 && (bn[i] = O->BN_bin2bn(f[i], (int)fl[i], NULL)) != NULL &&
           O->OSSL_PARAM_BLD_push_BN(bld, names[i], bn[i]) == 1;
    }
    if (ok) k = from_params("RSA", priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, bld);
    if (bld) O->OSSL_PARAM_BLD_free(bld);
    for (int i = 0; i < 8; i++)
      if (bn[i]) O->BN_clear_free(bn[i]);
    if (!k) { data_error(c, "invalid RSA JWK"); return; }
  } else {
    rt_crypto_error(c, "NotSupportedError", "unsupported key type");
    return;
  }
  return_checked(c, k, type);
}

/* ---------------------------------------------------------------- export */

/* export(handle, format) -> bytes: "spki", "pkcs8", "raw" (EC point / OKP public key). */
static void op_export(mrt_op_call *c) {
  if (ossl_ready(c)) return;
  EVP_PKEY *k = arg_key(c, 0);
  if (!k) return;
  size_t fn;
  const char *format = mrt_op_arg_string(c, 1, &fn);
  if (!format) return;
  unsigned char *out = NULL;
  int n = -1;
  if (!strcmp(format, "spki")) {
    n = O->i2d_PUBKEY(k, NULL);
    if (n > 0 && (out = mi_malloc((size_t)n))) {
      unsigned char *p = out;
      n = O->i2d_PUBKEY(k, &p);
    }
  } else if (!strcmp(format, "pkcs8")) {
    PKCS8_PRIV_KEY_INFO *p8 = O->EVP_PKEY2PKCS8(k);
    if (p8) {
      n = O->i2d_PKCS8_PRIV_KEY_INFO(p8, NULL);
      if (n > 0 && (out = mi_malloc((size_t)n))) {
        unsigned char *p = out;
        n = O->i2d_PKCS8_PRIV_KEY_INFO(p8, &p);
      }
      O->PKCS8_PRIV_KEY_INFO_free(p8);
    }
  } else if (!strcmp(format, "raw")) {
    size_t len = 0;
    if (O->EVP_PKEY_is_a(k, "EC")) {
      if (O->EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, NULL, 0,
                                             &len) == 1 &&
          (out = mi_malloc(len ? len : 1)) &&
          O->EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, out, len,
                                             &len) == 1)
        n = (int)len;
    } else if (O->EVP_PKEY_get_raw_public_key(k, NULL, &len) == 1 &&
               (out = mi_malloc(len ? len : 1)) &&
               O->EVP_PKEY_get_raw_public_key(k, out, &len) == 1) {
      n = (int)len;
    }
  }
  if (n <= 0 || !out) {
    mi_free(out);
    O->ERR_clear_error();
    rt_crypto_error(c, "OperationError", "the key could not be exported");
    return;
  }
  return_bytes(c, out, (size_t)n);
}

/* param(handle, name) -> bytes of one JWK member: EC "x", "y", "d" (curve-sized); OKP "x",
 * "d"; RSA "n", "e", "d", "p", "q", "dp", "dq", "qi" (big-endian, no leading zeros). */
static void op_param(mrt_op_call *c) {
  if (ossl_ready(c)) return;
  EVP_PKEY *k = arg_key(c, 0);
  if (!k) return;
  size_t nn;
  const char *name = mrt_op_arg_string(c, 1, &nn);
  if (!name) return;
  unsigned char *out = NULL;
  size_t len = 0;
  int ok = 0;
  const char *curve = key_curve(k);
  if (curve) {
    size_t f = curve_bytes(curve);
    out = mi_malloc(1 + 2 * f);
    if (!out) goto done;
    if (!strcmp(name, "d")) {
      BIGNUM *d = NULL;
      ok = O->EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_PRIV_KEY, &d) == 1 &&
           O->BN_bn2binpad(d, out, (int)f) == (int)f;
      if (d) O->BN_clear_free(d);
      len = f;
    } else {
      unsigned char pt[1 + 2 * 66];
      size_t pl = 0;
      /* The uncompressed point (key_kind keys keep OpenSSL's default form). */
      ok = O->EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, pt,
                                              sizeof pt, &pl) == 1 &&
           pl == 1 + 2 * f && pt[0] == 4;
      if (ok) memcpy(out, pt + 1 + (name[0] == 'y' ? f : 0), f);
      len = f;
    }
  } else if (O->EVP_PKEY_is_a(k, "ED25519") || O->EVP_PKEY_is_a(k, "X25519")) {
    out = mi_malloc(64);
    len = 64;
    if (out)
      ok = (name[0] == 'd' ? O->EVP_PKEY_get_raw_private_key(k, out, &len)
                           : O->EVP_PKEY_get_raw_public_key(k, out, &len)) == 1;
  } else if (O->EVP_PKEY_is_a(k, "RSA")) {
    static const char *const jwk[8] = {"n", "e", "d", "p", "q", "dp", "dq", "qi"};
    static const char *const ossl[8] = {
        OSSL_PKEY_PARAM_RSA_N,         OSSL_PKEY_PARAM_RSA_E,         OSSL_PKEY_PARAM_RSA_D,
        OSSL_PKEY_PARAM_RSA_FACTOR1,   OSSL_PKEY_PARAM_RSA_FACTOR2,   OSSL_PKEY_PARAM_RSA_EXPONENT1,
        OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1};
    for (int i = 0; i < 8; i++) {
      if (strcmp(name, jwk[i])) continue;
      BIGNUM *b = NULL;
      if (O->EVP_PKEY_get_bn_param(k, ossl[i], &b) == 1) {
        len = (size_t)(O->BN_num_bits(b) + 7) / 8;
        out = mi_malloc(len ? len : 1);
        ok = out && O->BN_bn2binpad(b, out, (int)len) == (int)len;
      }
      if (b) O->BN_clear_free(b);
    }
  }
done:
  if (!ok) {
    mi_free(out);
    O->ERR_clear_error();
    rt_crypto_error(c, "OperationError", "the key has no such parameter");
    return;
  }
  return_bytes(c, out, len);
}

/* ---------------------------------------------------------------- sign, verify */

static int alg_of(const char *a) {
  if (!strcmp(a, "ECDSA")) return A_ECDSA;
  if (!strcmp(a, "Ed25519")) return A_ED25519;
  if (!strcmp(a, "RSASSA-PKCS1-v1_5")) return A_PKCS1;
  if (!strcmp(a, "RSA-PSS")) return A_PSS;
  return 0;
}

/* The parts of a sign/verify call: (handle, algorithm, hash, saltLength, ...). */
static int sig_args(mrt_op_call *c, job *j) {
  size_t n;
  const char *a = mrt_op_arg_string(c, 1, &n);
  j->alg = a ? alg_of(a) : 0;
  if (!j->alg) {
    rt_crypto_error(c, "NotSupportedError", "unsupported signature algorithm");
    return -1;
  }
  if (j->alg != A_ED25519) {
    const char *h = mrt_op_arg_string(c, 2, &n);
    j->md = h ? md_of(h) : NULL;
    if (!j->md) {
      rt_crypto_error(c, "NotSupportedError", "unsupported hash");
      return -1;
    }
  }
  double salt = mrt_op_arg_number(c, 3);
  if (j->alg == A_PSS && !(salt >= 0 && salt <= 0x7fffffff)) {
    rt_crypto_error(c, "OperationError", "invalid saltLength");
    return -1;
  }
  j->salt = (int)salt;
  if (j->alg == A_ECDSA) {
    const char *curve = key_curve(j->key);
    if (!curve) {
      rt_crypto_error(c, "InvalidAccessError", "not an EC key");
      return -1;
    }
    j->field = curve_bytes(curve);
  }
  return 0;
}

/* sign(handle, algorithm, hash, saltLength, data) -> signature (async form: on the pool). */
static void op_sign(mrt_op_call *c) {
  if (ossl_ready(c)) return;
  EVP_PKEY *k = arg_key(c, 0);
  if (!k) return;
  job *j = job_new(c, J_SIGN);
  if (!j) return;
  O->EVP_PKEY_up_ref(k);
  j->key = k;
  if (sig_args(c, j) != 0 || job_copy(c, j, 4, &j->in, &j->in_len) != 0) {
    job_free(j);
    return;
  }
  go(c, j);
}

/* r || s -> DER ECDSA-Sig-Value (mimalloc), or NULL. */
static unsigned char *ecdsa_raw_to_der(const unsigned char *sig, size_t f, size_t *out_len) {
  ECDSA_SIG *s = O->ECDSA_SIG_new();
  BIGNUM *r = O->BN_bin2bn(sig, (int)f, NULL), *sv = O->BN_bin2bn(sig + f, (int)f, NULL);
  unsigned char *der = NULL;
  if (s && r && sv && O->ECDSA_SIG_set0(s, r, sv) == 1) {
    r = sv = NULL; /* owned by s */
    int n = O->i2d_ECDSA_SIG(s, NULL);
    if (n > 0 && (der = mi_malloc((size_t)n))) {
      unsigned char *p = der;
      *out_len = (size_t)O->i2d_ECDSA_SIG(s, &p);
    }
  }
  if (r) O->BN_free(r);
  if (sv) O->BN_free(sv);
  if (s) O->ECDSA_SIG_free(s);
  return der;
}

/* verify(handle, algorithm, hash, saltLength, signature, data) -> boolean. Public-key work: quick,
 * inline. */
static void op_verify(mrt_op_call *c) {
  if (ossl_ready(c)) return;
  job j = {0};
  j.key = arg_key(c, 0);
  if (!j.key || sig_args(c, &j) != 0) return;
  const unsigned char *sig, *data;
  size_t sl, dl;
  if (arg_bytes(c, 4, &sig, &sl) != 0 || arg_bytes(c, 5, &data, &dl) != 0) return;
  unsigned char *der = NULL;
  if (j.alg == A_ECDSA) {
    if (sl != 2 * j.field) { mrt_op_return_boolean(c, 0); return; }
    der = ecdsa_raw_to_der(sig, j.field, &sl);
    if (!der) { mrt_op_return_boolean(c, 0); return; }
    sig = der;
  }
  EVP_MD_CTX *m = O->EVP_MD_CTX_new();
  EVP_PKEY_CTX *pctx = NULL;
  int ok = m && O->EVP_DigestVerifyInit(m, &pctx, j.md, NULL, j.key) == 1 && pss_setup(&j, pctx) &&
           O->EVP_DigestVerify(m, sig, sl, data, dl) == 1;
  if (m) O->EVP_MD_CTX_free(m);
  mi_free(der);
  O->ERR_clear_error();
  mrt_op_return_boolean(c, ok);
}

/* ---------------------------------------------------------------- derive */

/* derive(privateHandle, publicHandle) -> the whole shared secret (ECDH's x coordinate, X25519's
 * 32 bytes). */
static void op_derive(mrt_op_call *c) {
  if (ossl_ready(c)) return;
  EVP_PKEY *k = arg_key(c, 0);
  if (!k) return;
  EVP_PKEY *peer = arg_key(c, 1);
  if (!peer) return;
  EVP_PKEY_CTX *ctx = O->EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
  unsigned char *out = NULL;
  size_t n = 0;
  int ok = ctx && O->EVP_PKEY_derive_init(ctx) == 1 &&
           O->EVP_PKEY_derive_set_peer(ctx, peer) == 1 &&
           O->EVP_PKEY_derive(ctx, NULL, &n) == 1 && (out = mi_malloc(n ? n : 1)) &&
           O->EVP_PKEY_derive(ctx, out, &n) == 1;
  if (ctx) O->EVP_PKEY_CTX_free(ctx);
  if (ok) { /* X25519 with a small-order point gives all zeros: the spec refuses it */
    unsigned char acc = 0;
    for (size_t i = 0; i < n; i++) acc |= out[i];
    ok = acc != 0;
  }
  if (!ok) {
    mi_free(out);
    O->ERR_clear_error();
    rt_crypto_error(c, "OperationError", "key agreement failed");
    return;
  }
  return_bytes(c, out, n);
}

/* ---------------------------------------------------------------- RSA-OAEP */

static job *oaep_job(mrt_op_call *c, int kind) {
  if (ossl_ready(c)) return NULL;
  EVP_PKEY *k = arg_key(c, 0);
  if (!k) return NULL;
  job *j = job_new(c, kind);
  if (!j) return NULL;
  O->EVP_PKEY_up_ref(k);
  j->key = k;
  size_t n;
  const char *h = mrt_op_arg_string(c, 1, &n);
  j->md = h ? md_of(h) : NULL;
  if (!j->md) {
    job_free(j);
    rt_crypto_error(c, "NotSupportedError", "unsupported hash");
    return NULL;
  }
  if (job_copy(c, j, 2, &j->label, &j->label_len) != 0 ||
      job_copy(c, j, 3, &j->in, &j->in_len) != 0) {
    job_free(j);
    return NULL;
  }
  return j;
}

/* encrypt(handle, hash, label, data) -> ciphertext. Public-key work: inline. */
static void op_encrypt(mrt_op_call *c) {
  job *j = oaep_job(c, J_ENCRYPT);
  if (j) go(c, j); /* a sync op: runs here */
}

/* decrypt(handle, hash, label, data) -> plaintext (async form: on the pool). */
static void op_decrypt(mrt_op_call *c) {
  job *j = oaep_job(c, J_DECRYPT);
  if (j) go(c, j);
}

/* ---------------------------------------------------------------- table */

static const mrt_op_decl asym_ops[] = {
    {.name = "asymGenerateAsync", .fn = op_generate, .async = 1},
    {.name = "asymDup", .fn = op_dup},
    {.name = "asymInfo", .fn = op_info},
    {.name = "asymImport", .fn = op_import},
    {.name = "asymImportJwk", .fn = op_import_jwk},
    {.name = "asymExport", .fn = op_export},
    {.name = "asymParam", .fn = op_param},
    {.name = "asymSign", .fn = op_sign},
    {.name = "asymSignAsync", .fn = op_sign, .async = 1},
    {.name = "asymVerify", .fn = op_verify},
    {.name = "asymDerive", .fn = op_derive},
    {.name = "asymEncrypt", .fn = op_encrypt},
    {.name = "asymDecrypt", .fn = op_decrypt},
    {.name = "asymDecryptAsync", .fn = op_decrypt, .async = 1},
};

/* Called by rt_crypto_init after its own ops (the order is fixed: snapshots number ops). */
int rt_asym_register(mrt_runtime *rt, rt_crypto *st) {
  return rt_crypto_register(rt, st, asym_ops, sizeof asym_ops / sizeof asym_ops[0]);
}
