/* base64_codec.c: see base64_codec.h. The tables are made on first use (a few microseconds,
 * once per process), so a program that never encodes pays nothing at start. */
#include "base64_codec.h"

#include "base64_simd.h"

#include <pthread.h>
#include <string.h>

static const char b64_std[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b64_url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* The two characters of each 12 bits, per alphabet, as they lie in memory. */
static uint16_t b64_pairs[2][4096];
/* Per decoding alphabet, each character's six bits already shifted to its place in a group of
 * four (bit 31: not in the alphabet), so a group is four reads, one OR and one test. */
static uint32_t unb64_at[3][4][256];
static signed char unb64[3][256];
/* The two hex digits of each byte; and each digit's value as a pair's high or low half (bit
 * 8: not a digit). */
static uint16_t hex_pairs[256];
static uint16_t unhex_hi[256], unhex_lo[256];

/* AVX2 loops (base64_simd.c) when the CPU has them; per decoding alphabet, its tables (the
 * B64_EITHER alphabet does not fit them: three characters share a nibble). */
static int simd, vbmi;
#if B64_HAVE_SIMD
static int cpu_features; /* b64_cpu_features(), asked once by tables_init */
static b64_simd_lut simd_luts[2];
static int simd_alphabet[3];
static uint8_t vbmi_tables[3][128];
#endif

static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void tables_init(void) {
  for (int url = 0; url < 2; url++) {
    const char *tab = url ? b64_url : b64_std;
    for (int v = 0; v < 4096; v++) {
      char pair[2] = {tab[v >> 6], tab[v & 63]};
      memcpy(&b64_pairs[url][v], pair, 2);
    }
  }
  memset(unb64, -1, sizeof unb64);
  for (int k = 0; k < 64; k++) {
    unb64[B64_STD][(unsigned char)b64_std[k]] = (signed char)k;
    unb64[B64_URL][(unsigned char)b64_url[k]] = (signed char)k;
    unb64[B64_EITHER][(unsigned char)b64_std[k]] = (signed char)k;
    unb64[B64_EITHER][(unsigned char)b64_url[k]] = (signed char)k;
  }
  for (int a = 0; a < 3; a++) {
    for (int ch = 0; ch < 256; ch++) {
      for (int at = 0; at < 4; at++) {
        unb64_at[a][at][ch] =
            unb64[a][ch] < 0 ? 0x80000000u : (uint32_t)unb64[a][ch] << (18 - 6 * at);
      }
    }
  }
  static const char digits[] = "0123456789abcdef";
  for (int v = 0; v < 256; v++) {
    char pair[2] = {digits[v >> 4], digits[v & 15]};
    memcpy(&hex_pairs[v], pair, 2);
    int d = v >= '0' && v <= '9' ? v - '0'
            : (v | 0x20) >= 'a' && (v | 0x20) <= 'f' ? (v | 0x20) - 'a' + 10
                                                     : -1;
    unhex_hi[v] = d < 0 ? 0x100 : (uint16_t)(d << 4);
    unhex_lo[v] = d < 0 ? 0x100 : (uint16_t)d;
  }
#if B64_HAVE_SIMD
  cpu_features = b64_cpu_features();
  simd = (cpu_features & B64_CPU_AVX2) != 0;
  vbmi = simd && (cpu_features & B64_CPU_VBMI) != 0;
  for (int a = 0; a < 2; a++) simd_alphabet[a] = b64_simd_tables(unb64[a], &simd_luts[a]) == 0;
  for (int a = 0; a < 3; a++) b64_vbmi_table(unb64[a], vbmi_tables[a]);
#endif
}

static inline void tables(void) { pthread_once(&tables_once, tables_init); }

void b64_codec_use_simd(int on) {
  tables();
#if B64_HAVE_SIMD
  simd = on && (cpu_features & B64_CPU_AVX2) != 0;
  vbmi = simd && on > 1 && (cpu_features & B64_CPU_VBMI) != 0;
#else
  (void)on;
#endif
}

/* Big-endian stores (compilers make each one byte swap and one store). */
static inline void put_be64(uint8_t *p, uint64_t v) {
  for (int k = 0; k < 8; k++) p[k] = (uint8_t)(v >> (56 - 8 * k));
}
static inline void put_be32(uint8_t *p, uint32_t v) {
  for (int k = 0; k < 4; k++) p[k] = (uint8_t)(v >> (24 - 8 * k));
}
static inline uint64_t get_be64(const uint8_t *p) {
  uint64_t v = 0;
  for (int k = 0; k < 8; k++) v = v << 8 | p[k];
  return v;
}

size_t b64_encode(const uint8_t *in, size_t n, char *out, int url, int pad) {
  tables();
  const char *tab = url ? b64_url : b64_std;
  const uint16_t *pairs = b64_pairs[url ? 1 : 0];
  size_t o = 0, i = 0;
#if B64_HAVE_SIMD
  /* (each SIMD loop's set-up costs more than a short input: only from a whole block) */
  if (vbmi && n >= 48) i = b64_encode_vbmi(in, n, out, url);
  if (simd && n - i >= 28) i += b64_encode_avx2(in + i, n - i, out + i / 3 * 4, url);
  o = i / 3 * 4;
#endif
  /* Six bytes a step from one big-endian 64-bit load (its last two bytes unused): four
   * 12-bit table reads and one 8-byte store. */
  for (; i + 8 <= n; i += 6, o += 8) {
    uint64_t w = get_be64(in + i);
    uint16_t q[4] = {pairs[(w >> 52) & 0xfff], pairs[(w >> 40) & 0xfff], pairs[(w >> 28) & 0xfff],
                     pairs[(w >> 16) & 0xfff]};
    memcpy(out + o, q, 8);
  }
  for (; i + 3 <= n; i += 3, o += 4) {
    uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
    uint16_t q[2] = {pairs[v >> 12], pairs[v & 0xfff]};
    memcpy(out + o, q, 4);
  }
  size_t rest = n - i;
  if (rest) {
    uint32_t v = (uint32_t)in[i] << 16 | (rest == 2 ? (uint32_t)in[i + 1] << 8 : 0);
    out[o++] = tab[v >> 18];
    out[o++] = tab[(v >> 12) & 63];
    if (rest == 2) out[o++] = tab[(v >> 6) & 63];
    if (pad) {
      if (rest == 1) out[o++] = '=';
      out[o++] = '=';
    }
  }
  return o;
}

int b64_value(int alphabet, unsigned char ch) {
  tables();
  return unb64[alphabet][ch];
}

#define GROUP(at, s) ((at)[0][(s)[0]] | (at)[1][(s)[1]] | (at)[2][(s)[2]] | (at)[3][(s)[3]])

size_t b64_decode_groups(const uint8_t *s, size_t len, uint8_t *out, size_t cap, int alphabet,
                         size_t *read) {
  tables();
  const uint32_t(*at)[256] = unb64_at[alphabet];
  size_t i = 0, o = 0;
#if B64_HAVE_SIMD
  if (vbmi && len >= 64) o = b64_decode_vbmi(s, len, out, cap, vbmi_tables[alphabet], &i);
  if (simd && len - i >= 32 && alphabet != B64_EITHER && simd_alphabet[alphabet]) {
    size_t more;
    o += b64_decode_avx2(s + i, len - i, out + o, cap - o, &simd_luts[alphabet], &more);
    i += more;
  }
#endif
  /* Four groups a step while twelve bytes fit: one 8-byte and one 4-byte store. */
  while (i + 16 <= len && o + 12 <= cap) {
    uint32_t a = GROUP(at, s + i), b = GROUP(at, s + i + 4), c = GROUP(at, s + i + 8),
             d = GROUP(at, s + i + 12);
    if ((a | b | c | d) & 0x80000000u) break;
    put_be64(out + o, (uint64_t)a << 40 | (uint64_t)b << 16 | c >> 8);
    put_be32(out + o + 8, (c & 0xff) << 24 | d);
    i += 16;
    o += 12;
  }
  while (i + 4 <= len && o + 3 <= cap) {
    uint32_t v = GROUP(at, s + i);
    if (v & 0x80000000u) break;
    out[o] = (uint8_t)(v >> 16);
    out[o + 1] = (uint8_t)(v >> 8);
    out[o + 2] = (uint8_t)v;
    i += 4;
    o += 3;
  }
  *read = i;
  return o;
}

void hex_encode(const uint8_t *in, size_t n, char *out) {
  tables();
  size_t i = 0;
#if B64_HAVE_SIMD
  if (simd && n >= 16) hex_encode_avx2(in, n, out, &i);
#endif
  for (; i + 4 <= n; i += 4) {
    uint16_t q[4] = {hex_pairs[in[i]], hex_pairs[in[i + 1]], hex_pairs[in[i + 2]],
                     hex_pairs[in[i + 3]]};
    memcpy(out + 2 * i, q, 8);
  }
  for (; i < n; i++) memcpy(out + 2 * i, &hex_pairs[in[i]], 2);
}

size_t hex_decode(const uint8_t *s, size_t pairs, uint8_t *out) {
  tables();
  size_t i = 0;
#if B64_HAVE_SIMD
  if (simd && pairs >= 16) i = hex_decode_avx2(s, pairs, out);
#endif
  /* Eight pairs a step, checked together, stored together. */
  for (; i + 8 <= pairs; i += 8) {
    uint8_t tmp[8];
    uint16_t bad = 0;
    for (int k = 0; k < 8; k++) {
      uint16_t b = unhex_hi[s[2 * (i + k)]] | unhex_lo[s[2 * (i + k) + 1]];
      bad |= b;
      tmp[k] = (uint8_t)b;
    }
    if (bad & 0x100) break;
    memcpy(out + i, tmp, 8);
  }
  for (; i < pairs; i++) {
    uint16_t b = unhex_hi[s[2 * i]] | unhex_lo[s[2 * i + 1]];
    if (b & 0x100) break;
    out[i] = (uint8_t)b;
  }
  return i;
}
