/* random.c: the bytes of crypto.getRandomValues and randomUUID.
 *
 * Why not getrandom(2) for every call: the kernel's generator gives ~0.2 GB/s here, ten times
 * less than node (OpenSSL's CTR-DRBG). So on CPUs with AES-NI the bytes come from a per-thread
 * AES-256-CTR generator keyed from getrandom(2), with fast key erasure (after each request
 * the next key and counter are taken from the stream itself, so a later compromise of the
 * state does not reveal earlier output) and a fresh key from the kernel every 1 MiB and in a
 * forked child (pthread_atfork). The AES rounds are checked against FIPS-197's AES-256 vector
 * before first use; without AES-NI, or if that check fails, every call reads getrandom(2). */
#define _GNU_SOURCE
#include "random.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>

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

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#define AES __attribute__((target("aes,sse2")))
#define RESEED_BYTES (1u << 20)

struct drbg {
  __m128i rk[15];
  uint64_t nonce, ctr;
  size_t since_seed;
  unsigned generation; /* fork_generation when seeded; 0: not seeded */
};

static __thread struct drbg tls;
static unsigned fork_generation = 1;
static int usable; /* 1 AES-NI and the self-test passed, -1 no */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void on_fork_child(void) { __atomic_add_fetch(&fork_generation, 1, __ATOMIC_RELAXED); }

AES static inline __m128i expand_a(__m128i k, __m128i g) {
  g = _mm_shuffle_epi32(g, 0xff);
  k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
  k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
  k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
  return _mm_xor_si128(k, g);
}
AES static inline __m128i expand_b(__m128i k, __m128i g) {
  g = _mm_shuffle_epi32(g, 0xaa);
  k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
  k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
  k = _mm_xor_si128(k, _mm_slli_si128(k, 4));
  return _mm_xor_si128(k, g);
}

/* AES-256 key schedule of key[0..32). */
AES static void expand(__m128i rk[15], const unsigned char *key) {
  rk[0] = _mm_loadu_si128((const __m128i *)key);
  rk[1] = _mm_loadu_si128((const __m128i *)(key + 16));
#define STEP(i, rcon)                                                      \
  rk[i] = expand_a(rk[i - 2], _mm_aeskeygenassist_si128(rk[i - 1], rcon)); \
  if (i < 14) rk[i + 1] = expand_b(rk[i - 1], _mm_aeskeygenassist_si128(rk[i], 0))
  STEP(2, 0x01);
  STEP(4, 0x02);
  STEP(6, 0x04);
  STEP(8, 0x08);
  STEP(10, 0x10);
  STEP(12, 0x20);
  rk[14] = expand_a(rk[12], _mm_aeskeygenassist_si128(rk[13], 0x40));
#undef STEP
}

AES static inline __m128i encrypt(const __m128i rk[15], __m128i x) {
  x = _mm_xor_si128(x, rk[0]);
  for (int i = 1; i < 14; i++) x = _mm_aesenc_si128(x, rk[i]);
  return _mm_aesenclast_si128(x, rk[14]);
}

/* Keystream blocks from the state into out[0..n), 8 blocks a round. */
AES static void stream(struct drbg *d, unsigned char *out, size_t n) {
  __m128i nonce = _mm_set_epi64x(0, (long long)d->nonce);
  while (n >= 128) {
    __m128i b[8];
    for (int i = 0; i < 8; i++) {
      b[i] = _mm_xor_si128(nonce, _mm_set_epi64x((long long)d->ctr++, 0));
      b[i] = _mm_xor_si128(b[i], d->rk[0]);
    }
    for (int r = 1; r < 14; r++) {
      for (int i = 0; i < 8; i++) b[i] = _mm_aesenc_si128(b[i], d->rk[r]);
    }
    for (int i = 0; i < 8; i++) {
      b[i] = _mm_aesenclast_si128(b[i], d->rk[14]);
      _mm_storeu_si128((__m128i *)(out + 16 * i), b[i]);
    }
    out += 128;
    n -= 128;
  }
  while (n > 0) {
    __m128i x = encrypt(d->rk, _mm_xor_si128(nonce, _mm_set_epi64x((long long)d->ctr++, 0)));
    unsigned char blk[16];
    _mm_storeu_si128((__m128i *)blk, x);
    size_t k = n < 16 ? n : 16;
    memcpy(out, blk, k);
    memset(blk, 0, sizeof blk);
    out += k;
    n -= k;
  }
}

/* New key (32 bytes) and nonce (8) from seed[0..40). */
AES static void rekey(struct drbg *d, unsigned char *seed) {
  expand(d->rk, seed);
  memcpy(&d->nonce, seed + 32, 8);
  d->ctr = 0;
  memset(seed, 0, 40);
}

AES static void init(void) {
  if (!__builtin_cpu_supports("aes") || !__builtin_cpu_supports("sse2")) {
    usable = -1;
    return;
  }
  /* FIPS-197 appendix C.3 */
  static const unsigned char key[32] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10,
                                        11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
                                        22, 23, 24, 25, 26, 27, 28, 29, 30, 31};
  static const unsigned char pt[16] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                       0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
  static const unsigned char ct[16] = {0x8e, 0xa2, 0xb7, 0xca, 0x51, 0x67, 0x45, 0xbf,
                                       0xea, 0xfc, 0x49, 0x90, 0x4b, 0x49, 0x60, 0x89};
  __m128i rk[15];
  unsigned char out[16];
  expand(rk, key);
  _mm_storeu_si128((__m128i *)out, encrypt(rk, _mm_loadu_si128((const __m128i *)pt)));
  if (memcmp(out, ct, 16) != 0) {
    usable = -1;
    return;
  }
  pthread_atfork(NULL, NULL, on_fork_child);
  usable = 1;
}

AES int rt_random_fill(void *p, size_t n) {
  pthread_once(&once, init);
  if (usable != 1) return rt_random_kernel(p, n);
  struct drbg *d = &tls;
  unsigned gen = __atomic_load_n(&fork_generation, __ATOMIC_RELAXED);
  if (d->generation != gen || d->since_seed >= RESEED_BYTES) {
    unsigned char seed[40];
    if (rt_random_kernel(seed, sizeof seed) != 0) return -1;
    rekey(d, seed);
    d->since_seed = 0;
    d->generation = gen;
  }
  stream(d, p, n);
  d->since_seed += n;
  /* Fast key erasure: the key that made these bytes is gone when we return. */
  unsigned char next[48];
  stream(d, next, sizeof next);
  rekey(d, next);
  memset(next, 0, sizeof next);
  return 0;
}

#else /* no AES-NI path: the kernel for every call */
int rt_random_fill(void *p, size_t n) { return rt_random_kernel(p, n); }
#endif
