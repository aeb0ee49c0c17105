/* base64_simd.c: AVX2 bulk loops of base64_codec.c, used when the CPU has AVX2 (checked once
 * at run time; the functions carry their own target attribute, so the rest of the build stays
 * baseline x86-64). Methods of Wojciech Muła and Daniel Lemire ("Faster Base64 Encoding and
 * Decoding Using AVX2 Instructions", 2018), written here: 24 bytes become 32 characters with
 * one shuffle, two multiplies and a nibble-table translation; 32 characters are checked and
 * translated with three nibble tables (made from the scalar tables, per alphabet, by
 * b64_simd_tables) and packed with two multiply-adds. Each loop stops before the first block
 * it cannot take whole (a character outside the alphabet, whitespace, '='), leaving it to the
 * scalar code, and writes no byte past what it returns. */
#include "base64_simd.h"

#if B64_HAVE_SIMD
#include <cpuid.h>
#include <immintrin.h>

/* XCR0 (which register states the OS saves), read with xgetbv; only when CPUID says OSXSAVE. */
static uint64_t xcr0(void) {
  uint32_t lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return (uint64_t)hi << 32 | lo;
}

int b64_cpu_features(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE) || !(c & bit_AVX)) return 0;
  uint64_t xcr = xcr0();
  if ((xcr & 0x6) != 0x6) return 0; /* XMM and YMM state */
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
  int f = 0;
  if (b & bit_AVX2) f |= B64_CPU_AVX2;
  /* opmask, upper ZMM0-15 and ZMM16-31 state, besides the above */
  if ((xcr & 0xe6) == 0xe6 && (b & bit_AVX512F) && (b & bit_AVX512BW) && (c & bit_AVX512VBMI))
    f |= B64_CPU_VBMI;
  return f;
}

#define AVX2 __attribute__((target("avx2")))

int b64_simd_tables(const signed char *values, b64_simd_lut *lut) {
  /* Validity: a character is valid when lo[its low nibble] & hi[its high nibble] is 0. Each
   * distinct set of valid low nibbles among the 16 high nibbles gets a bit. */
  uint16_t cls[8];
  int ncls = 0;
  for (int h = 0; h < 16; h++) {
    uint16_t set = 0;
    for (int l = 0; l < 16; l++) {
      if (values[h << 4 | l] >= 0) set |= (uint16_t)(1u << l);
    }
    int j = 0;
    while (j < ncls && cls[j] != set) j++;
    if (j == ncls) {
      if (ncls == 8) return -1;
      cls[ncls++] = set;
    }
    lut->hi[h] = (uint8_t)(1u << j);
  }
  for (int l = 0; l < 16; l++) {
    uint8_t bits = 0;
    for (int j = 0; j < ncls; j++) {
      if (!(cls[j] & (1u << l))) bits |= (uint8_t)(1u << j);
    }
    lut->lo[l] = bits;
  }
  /* Translation: value = character + roll[high nibble], one offset per high nibble, except
   * one special character whose offset differs from its nibble's others: it reads
   * roll[high nibble + 8] (valid characters are ASCII: nibbles 8..15 are free). */
  int have[16] = {0};
  uint8_t roll[16] = {0};
  lut->special = 0;
  for (int pass = 0; pass < 2; pass++) {
    for (int c = 0; c < 128; c++) {
      if (values[c] < 0) continue;
      int h = c >> 4;
      uint8_t off = (uint8_t)(values[c] - c);
      /* The first pass finds the special character: one alone with its offset in its
       * nibble while its nibble has another offset. */
      if (pass == 0) {
        int same = 0, other = 0;
        for (int d = h << 4; d < (h << 4) + 16; d++) {
          if (values[d] < 0) continue;
          if ((uint8_t)(values[d] - d) == off) same++;
          else other++;
        }
        if (same == 1 && other > 0 && !lut->special) lut->special = (uint8_t)c;
        continue;
      }
      int idx = c == lut->special ? h + 8 : h;
      if (have[idx] && roll[idx] != off) return -1;
      have[idx] = 1;
      roll[idx] = off;
    }
  }
  for (int k = 0; k < 16; k++) lut->roll[k] = roll[k];
  return 0;
}

static inline AVX2 __m256i broadcast16(const uint8_t t[16]) {
  return _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)t));
}

AVX2 size_t b64_encode_avx2(const uint8_t *in, size_t n, char *out, int url) {
  /* Per lane: 12 bytes as four groups [a b c] made into 32-bit [b a c b]. */
  const __m256i spread = _mm256_setr_epi8(1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10, 1, 0,
                                          2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10);
  /* Offsets from a 6-bit value to its character, indexed by the value's class: 0 for 26..51,
   * 1..10 for 52..61, 11 and 12 for 62 and 63, 13 for 0..25. */
  const __m256i offsets = url ? _mm256_setr_epi8(71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -17,
                                                 32, 65, 0, 0, 71, -4, -4, -4, -4, -4, -4, -4, -4,
                                                 -4, -4, -17, 32, 65, 0, 0)
                              : _mm256_setr_epi8(71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -19,
                                                 -16, 65, 0, 0, 71, -4, -4, -4, -4, -4, -4, -4,
                                                 -4, -4, -4, -19, -16, 65, 0, 0);
  size_t i = 0, o = 0;
  /* A lane's 16-byte load reads 4 bytes past its 12: the last block needs 28 bytes. */
  for (; i + 28 <= n; i += 24, o += 32) {
    __m256i v = _mm256_inserti128_si256(
        _mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(in + i))),
        _mm_loadu_si128((const __m128i *)(const void *)(in + i + 12)), 1);
    v = _mm256_shuffle_epi8(v, spread);
    /* The four 6-bit fields to the four bytes of each 32-bit element. */
    __m256i t0 = _mm256_mulhi_epu16(_mm256_and_si256(v, _mm256_set1_epi32(0x0fc0fc00)),
                                    _mm256_set1_epi32(0x04000040));
    __m256i t1 = _mm256_mullo_epi16(_mm256_and_si256(v, _mm256_set1_epi32(0x003f03f0)),
                                    _mm256_set1_epi32(0x01000010));
    __m256i idx = _mm256_or_si256(t0, t1);
    __m256i cls = _mm256_subs_epu8(idx, _mm256_set1_epi8(51));
    __m256i low = _mm256_cmpgt_epi8(_mm256_set1_epi8(26), idx);
    cls = _mm256_or_si256(cls, _mm256_and_si256(low, _mm256_set1_epi8(13)));
    __m256i chars = _mm256_add_epi8(idx, _mm256_shuffle_epi8(offsets, cls));
    _mm256_storeu_si256((__m256i *)(void *)(out + o), chars);
  }
  return i;
}

AVX2 size_t b64_decode_avx2(const uint8_t *s, size_t len, uint8_t *out, size_t cap,
                            const b64_simd_lut *lut, size_t *read) {
  const __m256i lut_lo = broadcast16(lut->lo), lut_hi = broadcast16(lut->hi),
                lut_roll = broadcast16(lut->roll);
  const __m256i special = _mm256_set1_epi8((char)lut->special);
  const __m256i nibble = _mm256_set1_epi8(0x0f);
  const __m256i pack = _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1, 2,
                                        1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
  const __m256i gather = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7);
  size_t i = 0, o = 0;
  for (; i + 32 <= len && o + 24 <= cap; i += 32, o += 24) {
    __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
    __m256i hi = _mm256_and_si256(_mm256_srli_epi32(v, 4), nibble);
    __m256i lo = _mm256_and_si256(v, nibble);
    if (!_mm256_testz_si256(_mm256_shuffle_epi8(lut_lo, lo), _mm256_shuffle_epi8(lut_hi, hi))) {
      break;
    }
    __m256i at = _mm256_add_epi8(hi, _mm256_and_si256(_mm256_cmpeq_epi8(v, special),
                                                      _mm256_set1_epi8(8)));
    __m256i vals = _mm256_add_epi8(v, _mm256_shuffle_epi8(lut_roll, at));
    /* Pairs of 6 bits to 12, pairs of 12 to 24, the three bytes of each in order. */
    __m256i w = _mm256_maddubs_epi16(vals, _mm256_set1_epi32(0x01400140));
    w = _mm256_madd_epi16(w, _mm256_set1_epi32(0x00011000));
    w = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(w, pack), gather);
    _mm_storeu_si128((__m128i *)(void *)(out + o), _mm256_castsi256_si128(w));
    _mm_storel_epi64((__m128i *)(void *)(out + o + 16), _mm256_extracti128_si256(w, 1));
  }
  *read = i;
  return o;
}

AVX2 void hex_encode_avx2(const uint8_t *in, size_t n, char *out, size_t *done) {
  const __m128i digits = _mm_setr_epi8('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b',
                                       'c', 'd', 'e', 'f');
  const __m128i nibble = _mm_set1_epi8(0x0f);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(in + i));
    __m128i hi = _mm_shuffle_epi8(digits, _mm_and_si128(_mm_srli_epi16(v, 4), nibble));
    __m128i lo = _mm_shuffle_epi8(digits, _mm_and_si128(v, nibble));
    _mm_storeu_si128((__m128i *)(void *)(out + 2 * i), _mm_unpacklo_epi8(hi, lo));
    _mm_storeu_si128((__m128i *)(void *)(out + 2 * i + 16), _mm_unpackhi_epi8(hi, lo));
  }
  *done = i;
}

AVX2 size_t hex_decode_avx2(const uint8_t *s, size_t pairs, uint8_t *out) {
  size_t i = 0;
  for (; i + 16 <= pairs; i += 16) {
    __m256i c = _mm256_loadu_si256((const __m256i *)(const void *)(s + 2 * i));
    __m256i dig = _mm256_sub_epi8(c, _mm256_set1_epi8('0'));
    __m256i is_dig = _mm256_cmpeq_epi8(_mm256_min_epu8(dig, _mm256_set1_epi8(9)), dig);
    __m256i alp = _mm256_sub_epi8(_mm256_or_si256(c, _mm256_set1_epi8(0x20)), _mm256_set1_epi8('a'));
    __m256i is_alp = _mm256_cmpeq_epi8(_mm256_min_epu8(alp, _mm256_set1_epi8(5)), alp);
    if (_mm256_movemask_epi8(_mm256_or_si256(is_dig, is_alp)) != -1) break;
    __m256i val = _mm256_blendv_epi8(_mm256_add_epi8(alp, _mm256_set1_epi8(10)), dig, is_dig);
    __m256i w = _mm256_maddubs_epi16(val, _mm256_set1_epi16(0x0110));
    w = _mm256_permute4x64_epi64(_mm256_packus_epi16(w, w), 0x08);
    _mm_storeu_si128((__m128i *)(void *)(out + i), _mm256_castsi256_si128(w));
  }
  return i;
}

/* ---------------------------------------------------------------- AVX-512 VBMI
 * Byte permutes over a whole 64-byte register: encoding is one permute to place each
 * group's bytes, one multishift to cut the four 6-bit fields out, one 64-entry table
 * permute to the characters (48 bytes a step); decoding is one two-register permute as a
 * 128-entry table (its high bit: not in the alphabet), two multiply-adds and one permute
 * to pack (64 characters a step). */

#define VBMI __attribute__((target("avx512f,avx512bw,avx512vbmi")))

/* Encoding: dword k of the placed input is group k as [c b a a] (its low 24 bits are the
 * group's, big-endian). Decoding: byte 3k + j of the output is byte 2 - j of dword k. */
static const uint8_t vbmi_place[64] = {
    2,  1,  0,  0,  5,  4,  3,  3,  8,  7,  6,  6,  11, 10, 9,  9,  14, 13, 12, 12, 17, 16, 15,
    15, 20, 19, 18, 18, 23, 22, 21, 21, 26, 25, 24, 24, 29, 28, 27, 27, 32, 31, 30, 30, 35, 34,
    33, 33, 38, 37, 36, 36, 41, 40, 39, 39, 44, 43, 42, 42, 47, 46, 45, 45};
static const uint8_t vbmi_pick[64] = {2,  1,  0,  6,  5,  4,  10, 9,  8,  14, 13, 12, 18, 17, 16,
                                      22, 21, 20, 26, 25, 24, 30, 29, 28, 34, 33, 32, 38, 37, 36,
                                      42, 41, 40, 46, 45, 44, 50, 49, 48, 54, 53, 52, 58, 57, 56,
                                      62, 61, 60};

VBMI size_t b64_encode_vbmi(const uint8_t *in, size_t n, char *out, int url) {
  static const char std_chars[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  static const char url_chars[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const __m512i chars = _mm512_loadu_si512(url ? url_chars : std_chars);
  const __m512i placing = _mm512_loadu_si512(vbmi_place);
  /* The fields' bit offsets in each qword's two groups, first character first. */
  const __m512i cuts = _mm512_set1_epi64(0x20262c3200060c12);
  size_t i = 0, o = 0;
  for (; i + 48 <= n; i += 48, o += 64) {
    __m512i v = _mm512_maskz_loadu_epi8(0x0000ffffffffffffull, in + i);
    v = _mm512_permutexvar_epi8(placing, v);
    v = _mm512_multishift_epi64_epi8(cuts, v);
    _mm512_storeu_si512(out + o, _mm512_permutexvar_epi8(v, chars));
  }
  return i;
}

void b64_vbmi_table(const signed char *values, uint8_t table[128]) {
  for (int c = 0; c < 128; c++) table[c] = values[c] < 0 ? 0x80 : (uint8_t)values[c];
}

VBMI size_t b64_decode_vbmi(const uint8_t *s, size_t len, uint8_t *out, size_t cap,
                            const uint8_t table[128], size_t *read) {
  const __m512i lo = _mm512_loadu_si512(table), hi = _mm512_loadu_si512(table + 64);
  const __m512i picking = _mm512_loadu_si512(vbmi_pick);
  size_t i = 0, o = 0;
  for (; i + 64 <= len && o + 48 <= cap; i += 64, o += 48) {
    __m512i v = _mm512_loadu_si512(s + i);
    __m512i vals = _mm512_permutex2var_epi8(lo, v, hi);
    if (_mm512_movepi8_mask(_mm512_or_si512(v, vals))) break;
    __m512i w = _mm512_maddubs_epi16(vals, _mm512_set1_epi32(0x01400140));
    w = _mm512_madd_epi16(w, _mm512_set1_epi32(0x00011000));
    _mm512_mask_storeu_epi8(out + o, 0x0000ffffffffffffull, _mm512_permutexvar_epi8(picking, w));
  }
  *read = i;
  return o;
}

#endif
