/* random.c: the bytes of crypto.getRandomValues and randomUUID.
 *
 * Two sources, both the platform's own generators (no hand-written one):
 *  - getrandom(2) for small requests: no library to load, so randomUUID and the small
 *    getRandomValues calls packages make at import (uuid: 16-256 bytes) never map libcrypto;
 *  - OpenSSL's RAND_bytes (its per-thread CTR-DRBG, reseeded after fork) for larger ones,
 *    loaded at first need (openssl.h): the kernel's generator is ~0.2 GB/s here whatever the
 *    size, RAND_bytes 2.5-3 GB/s on 64 KiB (node's getRandomValues is RAND_bytes too).
 * Measured per call on this machine: 256 bytes 1.6 us either way; 1 KiB getrandom 4.8 us,
 * RAND_bytes 1.6 us; loading libcrypto and seeding its DRBG ~2.5 ms once. So up to 256 bytes
 * the kernel, above 1 KiB RAND_bytes (loading libcrypto), in between RAND_bytes only when
 * libcrypto is already there. If libcrypto cannot be loaded, the kernel serves everything. */
#define _GNU_SOURCE
#include "random.h"

#include <errno.h>
#include <limits.h>
#include <openssl/rand.h>
#include <sys/random.h>

#include "openssl.h"

#define KERNEL_MAX 256       /* at most this: getrandom(2) always */
#define KERNEL_UNLOADED 1024 /* at most this: getrandom(2) unless libcrypto is loaded */

int rt_random_kernel(void *p, size_t n) {
  unsigned char *b = p;
  while (n > 0) {
    ssize_t r = getrandom(b, n, 0);
    if (r < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    b += r;
    n -= (size_t)r;
  }
  return 0;
}

int rt_random_fill(void *p, size_t n) {
  if (n <= KERNEL_MAX) return rt_random_kernel(p, n);
  if (n <= KERNEL_UNLOADED ? !rt_ossl_loaded() : rt_ossl_load(NULL, 0) != 0)
    return rt_random_kernel(p, n);
  unsigned char *b = p;
  while (n > 0) {
    int chunk = n > INT_MAX ? INT_MAX : (int)n;
    if (OSSL(RAND_bytes)(b, chunk) != 1) return -1;
    b += chunk;
    n -= (size_t)chunk;
  }
  return 0;
}
