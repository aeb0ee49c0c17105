/* encoding.c: the native side of TextEncoder / TextDecoder (UTF-8) and atob / btoa
 * (core/ext/encoding/encoding.js). Strings and bytes cross without intermediate
 * copies: encode writes a JS string's UTF-8 straight into a new Uint8Array, decode makes the
 * string straight from the caller's bytes (V8's decoder replaces invalid sequences with
 * U+FFFD the way the Encoding standard does); the fatal mode validates first. */
#include <pthread.h>
#include <stdlib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <string.h>

#include "ext/ext.h"
#include "runtime_internal.h"
#include "text_out.h"

#define SC(c) rt_op_shim_call(c)

/* ---------------------------------------------------------------- text blocks */

/* Blocks for large decoded strings (text_out.h), each with its capacity in a header. Freed
 * blocks up to POOL_MAX_BLOCK wait in the pool (at most POOL_N of them) for the next large
 * decode; a string's block comes back when the collector frees the string, possibly on
 * another thread of V8's: the pool has a lock. Blocks kept idle are bounded (POOL_N of at
 * most POOL_MAX_BLOCK: 32 MiB) so one large decode does not pin its memory for the life of
 * the process. */
#define POOL_N 4
#define POOL_MAX_BLOCK ((size_t)8 << 20)
#define BLOCK_HEAD 16
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static void *pool[POOL_N];

static size_t block_cap(void *block) {
  size_t cap;
  memcpy(&cap, (char *)block - BLOCK_HEAD, sizeof cap);
  return cap;
}

void *text_buf_alloc(size_t bytes) {
  void *found = NULL;
  if (bytes >= TEXT_OWNED_MIN) {
    pthread_mutex_lock(&pool_lock);
    for (int k = 0; k < POOL_N && !found; k++) {
      /* A block at most twice the size asked for: the string keeps all of it. */
      if (pool[k] && block_cap(pool[k]) >= bytes && block_cap(pool[k]) / 2 <= bytes) {
        found = pool[k];
        pool[k] = NULL;
      }
    }
    pthread_mutex_unlock(&pool_lock);
  }
  if (found) return found;
  if (bytes > SIZE_MAX - BLOCK_HEAD) return NULL;
  char *raw = malloc(BLOCK_HEAD + bytes);
  if (!raw) return NULL;
  memcpy(raw, &bytes, sizeof bytes);
  return raw + BLOCK_HEAD;
}

void text_buf_release(void *block) {
  if (!block) return;
  size_t cap = block_cap(block);
  if (cap >= TEXT_OWNED_MIN && cap <= POOL_MAX_BLOCK) {
    pthread_mutex_lock(&pool_lock);
    for (int k = 0; k < POOL_N && block; k++) {
      if (!pool[k]) {
        pool[k] = block;
        block = NULL;
      }
    }
    pthread_mutex_unlock(&pool_lock);
  }
  if (block) free((char *)block - BLOCK_HEAD);
}

/* ---------------------------------------------------------------- UTF-8 */

/* A UTF-8 lead byte: how many continuation bytes follow it and the range the first of them
 * must be in (which excludes over-long forms, surrogates and code points past U+10FFFF).
 * 0 for a byte that cannot start a multi-byte sequence. */
static int utf8_lead(unsigned char c, size_t *need, unsigned char *lo, unsigned char *hi) {
  *lo = 0x80;
  *hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    *need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    *need = 2;
    if (c == 0xE0) *lo = 0xA0;
    if (c == 0xED) *hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    *need = 3;
    if (c == 0xF0) *lo = 0x90;
    if (c == 0xF4) *hi = 0x8F;
  } else {
    return 0;
  }
  return 1;
}

/* Number of bytes at the end of p[0..n) that begin a valid sequence still missing bytes
 * (a streaming decoder keeps them for the next chunk): 0..3. */
static size_t utf8_incomplete_tail(const unsigned char *p, size_t n) {
  for (size_t back = 1; back <= 3 && back <= n; back++) {
    unsigned char c = p[n - back];
    if ((c & 0xC0) == 0x80) continue; /* a continuation byte: look further back */
    size_t need;
    unsigned char lo, hi;
    if (!utf8_lead(c, &need, &lo, &hi)) return 0;
    if (back > need) return 0; /* complete (or over-long): nothing to keep */
    if (back >= 2 && (p[n - back + 1] < lo || p[n - back + 1] > hi)) return 0;
    /* further bytes were continuation bytes (checked by the loop) */
    return back;
  }
  return 0;
}

static void op_encode(mrt_op_call *c) { shim_call_return_utf8(SC(c), 0); }

/* encodeInto(string, view, results: Float64Array(2)) */
/* toWellFormed(string) -> the string with lone surrogates as U+FFFD (USVString conversion,
 * for fetch bodies). */
static void op_to_well_formed(mrt_op_call *c) { shim_call_return_well_formed(SC(c), 0); }

static void op_encode_into(mrt_op_call *c) {
  void *res;
  size_t rlen;
  double read = 0, written = 0;
  if (mrt_op_arg_buffer(c, 2, &res, &rlen) != MRT_OK || rlen < 2 * sizeof(double)) return;
  if (shim_call_utf8_into(SC(c), 0, 1, &read, &written) != 0) return;
  ((double *)res)[0] = read;
  ((double *)res)[1] = written;
}

/* Length of the ASCII prefix of p[0..n), sixteen bytes at a time. */
static size_t ascii_prefix(const unsigned char *p, size_t n) {
  size_t i = 0;
  while (i + 16 <= n) {
    uint64_t a, b;
    memcpy(&a, p + i, 8);
    memcpy(&b, p + i + 8, 8);
    if ((a | b) & 0x8080808080808080ull) break;
    i += 16;
  }
  while (i < n && p[i] < 0x80) i++;
  return i;
}

/* UTF-8 to UTF-16 (out has room for n units): the number of units, or (size_t)-1 at the
 * first invalid or truncated sequence. ASCII runs go sixteen bytes at a time (a widening copy
 * the compiler vectorises). */
static size_t utf8_to_utf16(const unsigned char *p, size_t n, uint16_t *out) {
  size_t i = 0, o = 0;
  while (i < n) {
    while (i + 16 <= n) {
#ifdef __SSE2__
      __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
      if (_mm_movemask_epi8(v)) break;
      _mm_storeu_si128((__m128i *)(out + o), _mm_unpacklo_epi8(v, _mm_setzero_si128()));
      _mm_storeu_si128((__m128i *)(out + o + 8), _mm_unpackhi_epi8(v, _mm_setzero_si128()));
#else
      uint64_t a, b;
      memcpy(&a, p + i, 8);
      memcpy(&b, p + i + 8, 8);
      if ((a | b) & 0x8080808080808080ull) break;
      for (int k = 0; k < 16; k++) out[o + k] = p[i + k];
#endif
      i += 16;
      o += 16;
    }
    if (i >= n) break;
    unsigned char c = p[i];
    if (c < 0x80) {
      /* ASCII amid other text: a short run, byte by byte. */
      do {
        out[o++] = c;
        i++;
      } while (i < n && (c = p[i]) < 0x80 && (i & 15));
      continue;
    }
    size_t need;
    unsigned char lo, hi;
    if (!utf8_lead(c, &need, &lo, &hi) || i + need >= n) return (size_t)-1;
    unsigned char c1 = p[i + 1];
    if (c1 < lo || c1 > hi) return (size_t)-1;
    if (need == 1) {
      out[o++] = (uint16_t)((c & 0x1F) << 6 | (c1 & 0x3F));
    } else if (need == 2) {
      unsigned char c2 = p[i + 2];
      if ((c2 & 0xC0) != 0x80) return (size_t)-1;
      out[o++] = (uint16_t)((c & 0x0F) << 12 | (c1 & 0x3F) << 6 | (c2 & 0x3F));
    } else {
      unsigned char c2 = p[i + 2], c3 = p[i + 3];
      if ((c2 & 0xC0) != 0x80 || (c3 & 0xC0) != 0x80) return (size_t)-1;
      uint32_t cp = (uint32_t)(c & 0x07) << 18 | (uint32_t)(c1 & 0x3F) << 12 |
                    (uint32_t)(c2 & 0x3F) << 6 | (c3 & 0x3F);
      out[o++] = (uint16_t)(0xD7C0 + (cp >> 10));
      out[o++] = (uint16_t)(0xDC00 | (cp & 0x3FF));
    }
    i += need + 1;
  }
  return o;
}

/* The decoders' first argument, the bytes; 0 after throwing node's TypeError when it is not
 * a buffer. */
static int arg_input(mrt_op_call *c, void **data, size_t *len) {
  if (mrt_op_arg_buffer(c, 0, data, len) != MRT_OK) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE",
                "The \"input\" argument must be an instance of ArrayBuffer or "
                "ArrayBufferView.");
    return 0;
  }
  return 1;
}

/* decode(bytes, fatal) -> string. ASCII becomes a one-byte string straight from the bytes;
 * other valid text is transcoded here to UTF-16 (V8 10.2's own UTF-8 decoder goes a
 * character at a time); invalid text goes to V8's decoder, which replaces each maximal
 * invalid subsequence with U+FFFD as the Encoding standard does, or is a TypeError when
 * fatal. */
static void op_decode(mrt_op_call *c) {
  void *data;
  size_t len;
  if (!arg_input(c, &data, &len)) return;
  text_return_utf8(c, data, len, mrt_op_arg_boolean(c, 1));
}

void text_return_utf8(mrt_op_call *c, const void *data, size_t len, int fatal) {
  if (len > 0x7fffffff) {
    rt_op_error(c, "RangeError", "ERR_STRING_TOO_LONG", "Cannot create a string longer than 0x1fffffe8 characters");
    return;
  }
  const unsigned char *p = data;
  size_t head = ascii_prefix(p, len);
  if (head == len) {
    text_return_latin1(c, data, len);
    return;
  }
  uint16_t *out = text_widen_prefix(c, p, head, len);
  if (!out) return;
  size_t n = utf8_to_utf16(p + head, len - head, out + head);
  if (n != (size_t)-1) {
    text_return_utf16(c, out, head + n, len * sizeof *out);
    return;
  }
  text_buf_release(out);
  if (fatal) {
    rt_op_error(c, "TypeError", "ERR_ENCODING_INVALID_ENCODED_DATA",
                "The encoded data was not valid for encoding utf-8");
    return;
  }
  mrt_op_return_string(c, data, len);
}

/* ---------------------------------------------------------------- UTF-16 */

/* 1 when units[0..n) has no lone surrogate. Four units at a time are skipped when none of
 * them is a surrogate. */
static int utf16_well_formed(const uint16_t *u, size_t n) {
  size_t i = 0;
  while (i < n) {
    while (i + 4 <= n) {
      uint64_t w;
      memcpy(&w, u + i, 8);
      uint64_t x = (w & 0xF800F800F800F800ull) ^ 0xD800D800D800D800ull; /* 0: a surrogate */
      if ((x - 0x0001000100010001ull) & ~x & 0x8000800080008000ull) break;
      i += 4;
    }
    if (i >= n) break;
    uint16_t c = u[i];
    if ((c & 0xF800) != 0xD800) {
      i++;
      continue;
    }
    if (c >= 0xDC00 || i + 1 == n || (u[i + 1] & 0xFC00) != 0xDC00) return 0;
    i += 2;
  }
  return 1;
}

/* decodeUtf16(bytes, bigEndian, fatal) -> string. A last odd byte and lone surrogates are
 * errors (U+FFFD, or a TypeError when fatal). Little-endian input that is well formed becomes
 * the string straight from the caller's bytes. */
static void op_decode_utf16(mrt_op_call *c) {
  void *data;
  size_t len;
  if (!arg_input(c, &data, &len)) return;
  int be = mrt_op_arg_boolean(c, 1), fatal = mrt_op_arg_boolean(c, 2);
  size_t n = len / 2, odd = len & 1;
  if (n + odd > shim_max_string_length()) {
    rt_op_error(c, "RangeError", "ERR_STRING_TOO_LONG", "Invalid string length");
    return;
  }
  if (!be && !odd && ((uintptr_t)data & 1) == 0 && utf16_well_formed(data, n)) {
    text_return_utf16_copy(c, data, n);
    return;
  }
  uint16_t *out = text_buf_alloc((n + odd) * sizeof *out);
  if (!out) {
    rt_op_error(c, "RangeError", NULL, "Array buffer allocation failed");
    return;
  }
  const unsigned char *p = data;
  if (be) {
    for (size_t i = 0; i < n; i++) out[i] = (uint16_t)(p[2 * i] << 8 | p[2 * i + 1]);
  } else {
    memcpy(out, p, n * 2);
  }
  int bad = odd;
  /* A lead surrogate and then the odd byte, at the end: one error, not two. */
  if (odd && n > 0 && (out[n - 1] & 0xFC00) == 0xD800) odd = 0;
  if (!utf16_well_formed(out, n)) {
    bad = 1;
    for (size_t i = 0; i < n; i++) {
      if ((out[i] & 0xF800) != 0xD800) continue;
      if (out[i] < 0xDC00 && i + 1 < n && (out[i + 1] & 0xFC00) == 0xDC00) {
        i++;
        continue;
      }
      out[i] = 0xFFFD;
    }
  }
  if (odd) out[n] = 0xFFFD;
  if (bad && fatal) {
    text_buf_release(out);
    rt_op_error(c, "TypeError", "ERR_ENCODING_INVALID_ENCODED_DATA",
                be ? "The encoded data was not valid for encoding utf-16be"
                   : "The encoded data was not valid for encoding utf-16le");
    return;
  }
  text_return_utf16(c, out, n + odd, (n + odd) * sizeof *out);
}

static void op_utf8_tail(mrt_op_call *c) {
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, 0, &data, &len) != MRT_OK) return;
  mrt_op_return_number(c, (double)utf8_incomplete_tail(data, len));
}

/* ---------------------------------------------------------------- base64 */

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* btoa(string) -> base64, or undefined when a character is above U+00FF. The string's
 * Latin-1 bytes come straight from V8 and the result goes back as one-byte (no UTF-8). */
static void op_btoa(mrt_op_call *c) {
  size_t n;
  const unsigned char *bytes = (const unsigned char *)shim_call_arg_latin1(SC(c), 0, &n);
  if (!bytes) return; /* above U+00FF */
  size_t out_len = (n + 2) / 3 * 4;
  if (out_len > shim_max_string_length()) { /* refused before the work, not after */
    rt_op_error(c, "RangeError", NULL, "Invalid string length");
    return;
  }
  char *out = malloc(out_len ? out_len : 1);
  if (!out) return;
  size_t o = 0, i = 0;
  for (; i + 3 <= n; i += 3) {
    uint32_t v = (uint32_t)bytes[i] << 16 | (uint32_t)bytes[i + 1] << 8 | bytes[i + 2];
    out[o++] = b64[v >> 18];
    out[o++] = b64[(v >> 12) & 63];
    out[o++] = b64[(v >> 6) & 63];
    out[o++] = b64[v & 63];
  }
  if (n - i == 1) {
    uint32_t v = (uint32_t)bytes[i] << 16;
    out[o++] = b64[v >> 18];
    out[o++] = b64[(v >> 12) & 63];
    out[o++] = '=';
    out[o++] = '=';
  } else if (n - i == 2) {
    uint32_t v = (uint32_t)bytes[i] << 16 | (uint32_t)bytes[i + 1] << 8;
    out[o++] = b64[v >> 18];
    out[o++] = b64[(v >> 12) & 63];
    out[o++] = b64[(v >> 6) & 63];
    out[o++] = '=';
  }
  shim_call_return_latin1(SC(c), out, o);
  free(out);
}

/* atob(string) -> Latin-1 string (forgiving-base64 decode), or a number when invalid:
 * 1 a character outside the alphabet, 2 a length that can't be. */
static void op_atob(mrt_op_call *c) {
  size_t len;
  const unsigned char *s = (const unsigned char *)shim_call_arg_latin1(SC(c), 0, &len);
  if (!s) {
    mrt_op_return_number(c, 1); /* a character above U+00FF is outside the alphabet */
    return;
  }
  static signed char rev[256];
  static int rev_ready;
  if (!rev_ready) {
    memset(rev, -1, sizeof rev);
    for (int k = 0; k < 64; k++) rev[(unsigned char)b64[k]] = (signed char)k;
    rev_ready = 1;
  }
  /* Fast path: whole groups of four alphabet characters decode straight to three bytes;
   * the first group with anything else (whitespace, '=', invalid) ends it, and the rest goes
   * through the careful path below, which produces the same bytes. */
  size_t head = 0, nhead = 0;
  char *out_head = malloc(len / 4 * 3 + 1);
  if (!out_head) return;
  while (head + 4 <= len) {
    int a = rev[s[head]], b = rev[s[head + 1]], d = rev[s[head + 2]], e = rev[s[head + 3]];
    if ((a | b | d | e) < 0) break;
    uint32_t v = (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)d << 6 | (uint32_t)e;
    out_head[nhead++] = (char)(v >> 16);
    out_head[nhead++] = (char)(v >> 8);
    out_head[nhead++] = (char)v;
    head += 4;
  }
  if (head == len) {
    shim_call_return_latin1(SC(c), out_head, nhead);
    free(out_head);
    return;
  }
  s += head;
  len -= head;
  /* Remove ASCII whitespace; everything else must be the alphabet or '='. */
  unsigned char *q = malloc(len ? len : 1);
  if (!q) {
    free(out_head);
    return;
  }
  size_t m = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char ch = s[i];
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\f' || ch == '\r') continue;
    q[m++] = ch;
  }
  if (m % 4 == 0 && m > 0 && q[m - 1] == '=') {
    m--;
    if (q[m - 1] == '=') m--;
  }
  /* Node's order: a character outside the alphabet first (1), then the length (2). */
  int bad = 0;
  for (size_t i = 0; !bad && i < m; i++) {
    if (rev[q[i]] < 0) bad = 1;
  }
  if (!bad && m % 4 == 1) bad = 2;
  if (bad) {
    free(q);
    free(out_head);
    mrt_op_return_number(c, bad);
    return;
  }
  size_t nbytes = nhead + m / 4 * 3 + (m % 4 ? m % 4 - 1 : 0);
  char *out = realloc(out_head, nbytes ? nbytes : 1);
  if (!out) {
    free(out_head);
    free(q);
    return;
  }
  size_t o = nhead;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < m; i++) {
    acc = acc << 6 | (uint32_t)rev[q[i]];
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (char)(unsigned char)(acc >> bits);
    }
  }
  shim_call_return_latin1(SC(c), out, o);
  free(out);
  free(q);
}

const mrt_op_decl rt_encoding_ops[RT_ENCODING_NOPS] = {
    {.name = "encode", .fn = op_encode},
    {.name = "encodeInto", .fn = op_encode_into},
    {.name = "decode", .fn = op_decode},
    {.name = "utf8Tail", .fn = op_utf8_tail},
    {.name = "decodeUtf16", .fn = op_decode_utf16},
    {.name = "btoa", .fn = op_btoa},
    {.name = "atob", .fn = op_atob},
    {.name = "toWellFormed", .fn = op_to_well_formed},
};
