/* random.h: cryptographically secure random bytes for getRandomValues and randomUUID
 * (random.c: an AES-256-CTR generator keyed from getrandom(2), or getrandom(2) itself). */
#ifndef MRT_EXT_CRYPTO_RANDOM_H
#define MRT_EXT_CRYPTO_RANDOM_H

#include <stddef.h>

/* Fills p[0..n); 0, or -1 when the kernel gave no randomness (errno). Any thread. */
int rt_random_fill(void *p, size_t n);
/* The same straight from getrandom(2). */
int rt_random_kernel(void *p, size_t n);

#endif
