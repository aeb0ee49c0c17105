/*
 * openssl.h: OpenSSL 3's libcrypto, loaded on first use (WebCrypto's crypto.subtle).
 *
 * mrt is compiled against libssl-dev's headers but never linked to libcrypto: nothing of it is
 * mapped until rt_ossl_load() runs. After a successful rt_ossl_load(), OSSL(fn) is fn with
 * OpenSSL's own prototype, looked up once per call site:
 *
 *     EVP_MD_CTX *ctx = OSSL(EVP_MD_CTX_new)();
 *
 * Only real functions work (not OpenSSL's function-like macros: OPENSSL_free is
 * OSSL(CRYPTO_free)(p, OPENSSL_FILE, OPENSSL_LINE)). Memory libcrypto allocates is freed by
 * libcrypto (its own *_free functions), never by free(). Any thread.
 */
#ifndef MRT_EXT_CRYPTO_OPENSSL_H
#define MRT_EXT_CRYPTO_OPENSSL_H

#include <stddef.h>

#include "ext/dl/own_scope.h"

/* 0 once libcrypto is loaded and usable (the first call loads it, once per process, any
 * thread); -1 otherwise, with the reason in err[0..n) (the same reason on every call). */
int rt_ossl_load(char *err, size_t n);
/* 1 when libcrypto is loaded (rt_ossl_load succeeded), without loading it. */
int rt_ossl_loaded(void);
/* The address of libcrypto's function or variable `name`, after a successful rt_ossl_load.
 * A name libcrypto 3 lacks is a programming error: reported and abort()ed. */
void *rt_ossl_sym(const char *name);

/* fn from libcrypto, typed with OpenSSL's prototype (from the header), cached per call site. */
#define OSSL(fn) RT_DL_CACHED(rt_ossl_sym, fn)

#endif /* MRT_EXT_CRYPTO_OPENSSL_H */
