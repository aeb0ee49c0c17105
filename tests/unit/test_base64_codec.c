/* The base64/hex codec (core/ext/encoding/base64_codec.c): RFC 4648's vectors, and the AVX2
 * and AVX-512 VBMI loops (base64_simd.c) against the table loops on random input, and on
 * every byte value at every place of a block: same bytes, same counts, nothing written past
 * them. Where the CPU lacks them, both runs are the table loops. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ext/encoding/base64_codec.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";

static uint32_t rnd(void) {
  static uint64_t x = 88172645463325252ull;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return (uint32_t)x;
}

static void test_rfc4648(void **state) {
  (void)state;
  static const char *const in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  static const char *const padded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  for (int simd = 0; simd < 3; simd++) {
    b64_codec_use_simd(simd);
    for (int k = 0; k < 7; k++) {
      char out[16];
      size_t n = strlen(in[k]);
      assert_int_equal(b64_encode((const uint8_t *)in[k], n, out, 0, 1), strlen(padded[k]));
      assert_int_equal(b64_encoded_length(n, 1), strlen(padded[k]));
      assert_memory_equal(out, padded[k], strlen(padded[k]));
      /* whole groups only: the padded last one is the caller's */
      uint8_t back[8];
      size_t read, w = b64_decode_groups((const uint8_t *)padded[k], strlen(padded[k]), back, 8,
                                         B64_STD, &read);
      assert_int_equal(w, n / 3 * 3);
      assert_int_equal(read, n / 3 * 4);
      assert_memory_equal(back, in[k], w);
    }
  }
  char hex[4];
  hex_encode((const uint8_t *)"\x00\xff", 2, hex);
  assert_memory_equal(hex, "00ff", 4);
  uint8_t b[2];
  assert_int_equal(hex_decode((const uint8_t *)"aBzz", 2, b), 1);
  assert_int_equal(b[0], 0xab);
}

static void test_simd_matches_tables_random(void **state) {
  (void)state;
  for (int iter = 0; iter < 50000; iter++) {
    uint8_t in[400];
    size_t n = rnd() % 300;
    for (size_t i = 0; i < n; i++) in[i] = (uint8_t)rnd();
    int url = rnd() & 1, pad = rnd() & 1;
    char a[600], b[600];
    memset(a, 1, sizeof a);
    memset(b, 1, sizeof b);
    b64_codec_use_simd(0);
    size_t la = b64_encode(in, n, a, url, pad);
    b64_codec_use_simd(1 + (iter & 1)); /* AVX2 alone, or with AVX-512 */
    size_t lb = b64_encode(in, n, b, url, pad);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, sizeof a);

    /* Decoding: characters of an alphabet, now and then any byte. */
    uint8_t s[400];
    size_t len = rnd() % 400;
    int alpha = (int)(rnd() % 3);
    for (size_t i = 0; i < len; i++) {
      uint32_t r = rnd();
      size_t k = (r >> 8) % 64;
      if (alpha == B64_URL && k >= 62) k += 2;
      if (alpha == B64_EITHER) k = (r >> 8) % 66;
      s[i] = r % 50 == 0 ? (uint8_t)rnd() : (uint8_t)alphabet[k];
    }
    size_t cap = rnd() % 320, ra, rb;
    uint8_t oa[400], ob[400];
    memset(oa, 7, sizeof oa);
    memset(ob, 7, sizeof ob);
    b64_codec_use_simd(0);
    size_t wa = b64_decode_groups(s, len, oa, cap, alpha, &ra);
    b64_codec_use_simd(1 + (iter & 1)); /* AVX2 alone, or with AVX-512 */
    size_t wb = b64_decode_groups(s, len, ob, cap, alpha, &rb);
    assert_int_equal(wa, wb);
    assert_int_equal(ra, rb);
    assert_true(wa <= cap);
    assert_memory_equal(oa, ob, sizeof oa);

    char ha[600], hb[600];
    memset(ha, 1, sizeof ha);
    memset(hb, 1, sizeof hb);
    b64_codec_use_simd(0);
    hex_encode(in, n, ha);
    b64_codec_use_simd(1 + (iter & 1)); /* AVX2 alone, or with AVX-512 */
    hex_encode(in, n, hb);
    assert_memory_equal(ha, hb, sizeof ha);
    for (size_t i = 0; i < 2 * n; i++) {
      uint32_t r = rnd() % 200;
      if (r == 0) ha[i] = (char)rnd();
      else if (r == 1) ha[i] = "ABCDEFabcdef0123456789"[rnd() % 22];
    }
    memset(oa, 7, sizeof oa);
    memset(ob, 7, sizeof ob);
    b64_codec_use_simd(0);
    size_t da = hex_decode((const uint8_t *)ha, n, oa);
    b64_codec_use_simd(1 + (iter & 1)); /* AVX2 alone, or with AVX-512 */
    size_t db = hex_decode((const uint8_t *)ha, n, ob);
    assert_int_equal(da, db);
    assert_memory_equal(oa, ob, sizeof oa);
  }
}

/* Every byte value at every place of a 64-character block: the AVX2 and AVX-512 checks must
 * refuse exactly what the tables refuse, in each alphabet. */
static void test_simd_every_byte(void **state) {
  (void)state;
  for (int mode = 1; mode <= 2; mode++) {
    for (int alpha = 0; alpha < 3; alpha++) {
      for (int pos = 0; pos < 64; pos++) {
        for (int v = 0; v < 256; v++) {
          uint8_t s[64], h[64], oa[48], ob[48];
          for (int i = 0; i < 64; i++) {
            s[i] = (uint8_t)alphabet[alpha == B64_URL ? (i % 62) : i % 64];
            h[i] = (uint8_t)"0123456789abcdefABCDEF"[i % 22];
          }
          s[pos] = (uint8_t)v;
          h[pos] = (uint8_t)v;
          size_t ra, rb;
          memset(oa, 7, sizeof oa);
          memset(ob, 7, sizeof ob);
          b64_codec_use_simd(0);
          size_t wa = b64_decode_groups(s, 64, oa, 48, alpha, &ra);
          b64_codec_use_simd(mode);
          size_t wb = b64_decode_groups(s, 64, ob, 48, alpha, &rb);
          assert_int_equal(wa, wb);
          assert_int_equal(ra, rb);
          assert_memory_equal(oa, ob, sizeof oa);
          assert_int_equal(wa == 48, b64_value(alpha, (unsigned char)v) >= 0);
          memset(oa, 7, sizeof oa);
          memset(ob, 7, sizeof ob);
          b64_codec_use_simd(0);
          wa = hex_decode(h, 32, oa);
          b64_codec_use_simd(mode);
          wb = hex_decode(h, 32, ob);
          assert_int_equal(wa, wb);
          assert_memory_equal(oa, ob, sizeof oa);
        }
      }
    }
  }
  b64_codec_use_simd(2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rfc4648),
      cmocka_unit_test(test_simd_matches_tables_random),
      cmocka_unit_test(test_simd_every_byte),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
