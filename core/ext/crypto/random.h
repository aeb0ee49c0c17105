/* random.h: cryptographically secure random bytes for getRandomValues and randomUUID
 * (random.c: getrandom(2) for small requests, OpenSSL's RAND_bytes for larger ones). */
#ifndef MRT_EXT_CRYPTO_RANDOM_H
#define MRT_EXT_CRYPTO_RANDOM_H

#include <stddef.h>

/* Fills p[0..n); 0, or -1 when no randomness could be had. Any thread. */
int rt_random_fill(void *p, size_t n);
/* The same straight from getrandom(2). */
int rt_random_kernel(void *p, size_t n);

#endif
