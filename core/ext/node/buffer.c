/* buffer.c: the native side of Node's Buffer (core/ext/node/lib/buffer.js): strings to bytes
 * and back in Node's encodings, written straight into the Buffer's memory or made straight
 * from it, and the byte searches and comparisons that are loops over memory. The JS side
 * validates arguments (Node's errors); the ranges here are clamped again, never trusted. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ext/encoding/text_out.h"
#include "ext/ext.h"
#include "runtime_internal.h"

#define SC(c) rt_op_shim_call(c)

/* Encodings of OP_SLICE, as buffer.js numbers them (SLICE). */
enum { ENC_UTF8, ENC_LATIN1, ENC_ASCII, ENC_UCS2, ENC_HEX, ENC_BASE64, ENC_BASE64URL };

/* Argument i as an index clamped to [0, max]. */
static size_t arg_index(mrt_op_call *c, int i, size_t max) {
  double d = mrt_op_arg_number(c, i);
  if (!(d > 0)) return 0;
  return d >= (double)max ? max : (size_t)d;
}

/* The bytes of the view at argument 0 and the range [start, end) of arguments 1 and 2; 0
 * after throwing when argument 0 is not a buffer. */
static int arg_range(mrt_op_call *c, const unsigned char **p, size_t *n) {
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, 0, &data, &len) != MRT_OK) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE", "argument must be a buffer");
    return 0;
  }
  static unsigned char none[1];
  if (!data) data = none, len = 0; /* an empty or detached view has no memory */
  size_t end = arg_index(c, 2, len), start = arg_index(c, 1, end);
  *p = (const unsigned char *)data + start;
  *n = end - start;
  return 1;
}

/* Latin-1 characters in a text_buf block, which this takes over. */
static void return_latin1_block(mrt_op_call *c, char *block, size_t n) {
  if (n >= TEXT_OWNED_MIN) {
    shim_call_return_owned(SC(c), block, n, 0, text_buf_release);
    return;
  }
  shim_call_return_latin1(SC(c), n ? block : "", n);
  text_buf_release(block);
}

static char *alloc_or_throw(mrt_op_call *c, size_t n) {
  if (n > shim_max_string_length()) {
    rt_op_error(c, "Error", "ERR_STRING_TOO_LONG",
                "Cannot create a string longer than 0x1fffffe8 characters");
    return NULL;
  }
  char *out = text_buf_alloc(n ? n : 1);
  if (!out) rt_op_error(c, "RangeError", NULL, "Array buffer allocation failed");
  return out;
}

static const char b64_std[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b64_url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* Pairs of base64 characters for each 12 bits, per alphabet: a group of three bytes is two
 * table reads and two 16-bit stores. Made on first use. */
static uint16_t b64_pairs[2][4096];
/* And the two hex digits of each byte. */
static uint16_t hex_pairs[256];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;
static void unb64_init(void);
static void tables_init(void) {
  for (int url = 0; url < 2; url++) {
    const char *tab = url ? b64_url : b64_std;
    for (int v = 0; v < 4096; v++) {
      char pair[2] = {tab[v >> 6], tab[v & 63]};
      memcpy(&b64_pairs[url][v], pair, 2);
    }
  }
  static const char digits[] = "0123456789abcdef";
  for (int v = 0; v < 256; v++) {
    char pair[2] = {digits[v >> 4], digits[v & 15]};
    memcpy(&hex_pairs[v], pair, 2);
  }
  unb64_init();
}

static void slice_base64(mrt_op_call *c, const unsigned char *p, size_t n, int url) {
  const char *tab = url ? b64_url : b64_std;
  const uint16_t *pairs = b64_pairs[url];
  size_t full = n / 3 * 4, rest = n % 3;
  size_t out_len = full + (rest == 0 ? 0 : url ? rest + 1 : 4);
  char *out = alloc_or_throw(c, out_len);
  if (!out) return;
  size_t o = 0, i = 0;
  /* Six bytes a step from one big-endian 64-bit load (the last two bytes unused): four
   * 12-bit table reads and one 8-byte store (composed little-endian). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  for (; i + 8 <= n; i += 6, o += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    w = __builtin_bswap64(w);
    uint64_t chars = (uint64_t)pairs[(w >> 52) & 0xfff] | (uint64_t)pairs[(w >> 40) & 0xfff] << 16 |
                     (uint64_t)pairs[(w >> 28) & 0xfff] << 32 | (uint64_t)pairs[(w >> 16) & 0xfff] << 48;
    memcpy(out + o, &chars, 8);
  }
#endif
  for (; i + 3 <= n; i += 3, o += 4) {
    uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
    uint16_t hi = pairs[v >> 12], lo = pairs[v & 0xfff];
    memcpy(out + o, &hi, 2);
    memcpy(out + o + 2, &lo, 2);
  }
  if (rest) {
    uint32_t v = (uint32_t)p[i] << 16 | (rest == 2 ? (uint32_t)p[i + 1] << 8 : 0);
    out[o++] = tab[v >> 18];
    out[o++] = tab[(v >> 12) & 63];
    if (rest == 2) out[o++] = tab[(v >> 6) & 63];
    if (!url) {
      if (rest == 1) out[o++] = '=';
      out[o++] = '=';
    }
  }
  return_latin1_block(c, out, o);
}

/* OP_SLICE (view, start, end, encoding) -> the string of those bytes (Buffer#toString). */
static void op_slice(mrt_op_call *c) {
  const unsigned char *p;
  size_t n;
  if (!arg_range(c, &p, &n)) return;
  pthread_once(&tables_once, tables_init);
  int enc = (int)mrt_op_arg_number(c, 3);
  switch (enc) {
    case ENC_UTF8:
      text_return_utf8(c, p, n, 0);
      return;
    case ENC_LATIN1:
      if (n > shim_max_string_length()) break;
      text_return_latin1(c, p, n);
      return;
    case ENC_ASCII: { /* Node masks each byte to seven bits */
      char *out = alloc_or_throw(c, n);
      if (!out) return;
      for (size_t i = 0; i < n; i++) out[i] = (char)(p[i] & 0x7f);
      return_latin1_block(c, out, n);
      return;
    }
    case ENC_UCS2: { /* whole units, little-endian; an odd last byte is dropped */
      size_t units = n / 2;
      if (units > shim_max_string_length()) break;
      if (units == 0) {
        shim_call_return_latin1(SC(c), "", 0);
        return;
      }
      if (((uintptr_t)p & 1) == 0) {
        text_return_utf16_copy(c, (const uint16_t *)(const void *)p, units);
        return;
      }
      uint16_t *out = text_buf_alloc(units ? units * 2 : 2);
      if (!out) {
        rt_op_error(c, "RangeError", NULL, "Array buffer allocation failed");
        return;
      }
      memcpy(out, p, units * 2);
      text_return_utf16(c, out, units, units * 2);
      return;
    }
    case ENC_HEX: {
      if (n > shim_max_string_length() / 2) break;
      char *out = alloc_or_throw(c, 2 * n);
      if (!out) return;
      for (size_t i = 0; i < n; i++) memcpy(out + 2 * i, &hex_pairs[p[i]], 2);
      return_latin1_block(c, out, 2 * n);
      return;
    }
    case ENC_BASE64:
    case ENC_BASE64URL:
      slice_base64(c, p, n, enc == ENC_BASE64URL);
      return;
    default:
      rt_op_error(c, "TypeError", "ERR_UNKNOWN_ENCODING", "Unknown encoding");
      return;
  }
  rt_op_error(c, "Error", "ERR_STRING_TOO_LONG",
              "Cannot create a string longer than 0x1fffffe8 characters");
}

/* The destination of a write: view argument 0 from offset argument 2, at most argument 3
 * bytes. 0 after throwing when argument 0 is not a buffer. */
static int arg_dest(mrt_op_call *c, unsigned char **out, size_t *cap) {
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, 0, &data, &len) != MRT_OK) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE", "argument must be a buffer");
    return 0;
  }
  static unsigned char none[1];
  if (!data) data = none, len = 0; /* an empty or detached view has no memory */
  size_t off = arg_index(c, 2, len);
  *out = (unsigned char *)data + off;
  *cap = arg_index(c, 3, len - off);
  return 1;
}

/* OP_WRITE (view, string, offset, maxLength, kind) -> bytes written: UTF-8 (whole
 * characters), Latin-1 or UTF-16LE (SHIM_STR_*). */
static void op_write(mrt_op_call *c) {
  unsigned char *out;
  size_t cap;
  if (!arg_dest(c, &out, &cap)) return;
  double written = 0;
  if (shim_call_string_write(SC(c), 1, (int)mrt_op_arg_number(c, 4), out, cap, &written) != 0) {
    return;
  }
  mrt_op_return_number(c, written);
}

/* OP_BYTE_LENGTH (string, kind) -> its length in bytes in that encoding (SHIM_STR_*). */
static void op_byte_length(mrt_op_call *c) {
  double len = 0;
  if (shim_call_string_length(SC(c), 0, (int)mrt_op_arg_number(c, 1), &len) != 0) return;
  mrt_op_return_number(c, len);
}

/* The string argument 1 as single bytes: each UTF-16 unit's low byte, as Node's hex and
 * base64 decoders read a two-byte string ("\u20ac" reads as 0xAC). *scratch is what to
 * free afterwards (NULL when the bytes are V8's). NULL after an exception. */
static const unsigned char *arg_narrow(mrt_op_call *c, size_t *len, void **scratch) {
  *scratch = NULL;
  const char *s = shim_call_arg_latin1(SC(c), 1, len);
  if (s || shim_call_threw(SC(c))) return (const unsigned char *)s;
  double n = 0, written = 0;
  if (shim_call_string_length(SC(c), 1, SHIM_STR_LATIN1, &n) != 0) return NULL;
  unsigned char *copy = malloc(n > 0 ? (size_t)n : 1);
  if (!copy) {
    rt_op_error(c, "RangeError", NULL, "Array buffer allocation failed");
    return NULL;
  }
  if (shim_call_string_write(SC(c), 1, SHIM_STR_LATIN1, copy, (size_t)n, &written) != 0) {
    free(copy);
    return NULL;
  }
  *scratch = copy;
  *len = (size_t)written;
  return copy;
}

static int unhex(unsigned char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  ch |= 0x20;
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  return -1;
}

/* OP_HEX_WRITE (view, string, offset, maxLength) -> bytes written: pairs of hex digits, up to
 * the first pair that is not one (Node's rule: the rest is ignored). */
static void op_hex_write(mrt_op_call *c) {
  unsigned char *out;
  size_t cap, len;
  if (!arg_dest(c, &out, &cap)) return;
  void *scratch;
  const unsigned char *s = arg_narrow(c, &len, &scratch);
  if (!s) return;
  size_t n = len / 2 < cap ? len / 2 : cap, i = 0;
  for (; i < n; i++) {
    int hi = unhex(s[2 * i]), lo = unhex(s[2 * i + 1]);
    if (hi < 0 || lo < 0) break;
    out[i] = (unsigned char)(hi << 4 | lo);
  }
  free(scratch);
  mrt_op_return_number(c, (double)i);
}

/* Both alphabets at once (Node decodes either in either encoding); -1 otherwise. unb64_at[k]
 * holds each character's six bits already shifted to its place in a group of four (bit 31:
 * not in the alphabet), so a group is four reads, one OR and one test. */
static signed char unb64[256];
static uint32_t unb64_at[4][256];
static void unb64_init(void) {
  memset(unb64, -1, sizeof unb64);
  for (int k = 0; k < 64; k++) {
    unb64[(unsigned char)b64_std[k]] = (signed char)k;
    unb64[(unsigned char)b64_url[k]] = (signed char)k;
  }
  for (int ch = 0; ch < 256; ch++) {
    for (int at = 0; at < 4; at++) {
      unb64_at[at][ch] = unb64[ch] < 0 ? 0x80000000u : (uint32_t)unb64[ch] << (18 - 6 * at);
    }
  }
}

/* OP_BASE64_WRITE (view, string, offset, maxLength) -> bytes written. Node's decoder: characters
 * outside the alphabets are skipped, '=' ends the data, a last group of two or three
 * characters gives one or two bytes. */
static void op_base64_write(mrt_op_call *c) {
  unsigned char *out;
  size_t cap, len;
  if (!arg_dest(c, &out, &cap)) return;
  void *scratch;
  const unsigned char *s = arg_narrow(c, &len, &scratch);
  if (!s) return;
  pthread_once(&tables_once, tables_init);
  size_t i = 0, o = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  /* Two groups a step while eight bytes fit: 48 bits, stored as one 8-byte write whose last
   * two bytes the next step (or the careful loop) overwrites. */
  while (i + 8 <= len && o + 8 <= cap) {
    uint32_t v = unb64_at[0][s[i]] | unb64_at[1][s[i + 1]] | unb64_at[2][s[i + 2]] |
                 unb64_at[3][s[i + 3]];
    uint32_t w = unb64_at[0][s[i + 4]] | unb64_at[1][s[i + 5]] | unb64_at[2][s[i + 6]] |
                 unb64_at[3][s[i + 7]];
    if ((v | w) & 0x80000000u) break;
    uint64_t bytes = __builtin_bswap64(((uint64_t)v << 24 | w) << 16);
    memcpy(out + o, &bytes, 8);
    o += 6;
    i += 8;
  }
#endif
  /* Whole groups of four alphabet characters, while three bytes fit. */
  while (i + 4 <= len && o + 3 <= cap) {
    uint32_t v = unb64_at[0][s[i]] | unb64_at[1][s[i + 1]] | unb64_at[2][s[i + 2]] |
                 unb64_at[3][s[i + 3]];
    if (v & 0x80000000u) break;
    out[o++] = (unsigned char)(v >> 16);
    out[o++] = (unsigned char)(v >> 8);
    out[o++] = (unsigned char)v;
    i += 4;
  }
  /* The careful rest, a character at a time. */
  uint32_t acc = 0; /* only its low bits matter: the shifts may drop the high ones */
  int bits = 0;
  for (; i < len && o < cap; i++) {
    unsigned char ch = s[i];
    int v = unb64[ch];
    if (v < 0) {
      if (ch == '=') break;
      continue;
    }
    acc = acc << 6 | (uint32_t)v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (unsigned char)(acc >> bits);
    }
  }
  free(scratch);
  mrt_op_return_number(c, (double)o);
}

/* OP_COMPARE (a, aStart, aEnd, b, bStart, bEnd) -> -1, 0 or 1: bytes, then length. */
static void op_compare(mrt_op_call *c) {
  void *a, *b;
  size_t alen, blen;
  if (mrt_op_arg_buffer(c, 0, &a, &alen) != MRT_OK || mrt_op_arg_buffer(c, 3, &b, &blen) != MRT_OK) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE", "argument must be a buffer");
    return;
  }
  size_t aend = arg_index(c, 2, alen), astart = arg_index(c, 1, aend);
  size_t bend = arg_index(c, 5, blen), bstart = arg_index(c, 4, bend);
  size_t an = aend - astart, bn = bend - bstart;
  size_t common = an < bn ? an : bn;
  int r = common ? memcmp((char *)a + astart, (char *)b + bstart, common) : 0;
  if (r == 0) r = an < bn ? -1 : an > bn ? 1 : 0;
  mrt_op_return_number(c, r < 0 ? -1 : r > 0 ? 1 : 0);
}

/* OP_INDEX_OF (haystack, needle, byteOffset, forward, step) -> the first (or, backwards, the
 * last) index at or from byteOffset where the needle's bytes are, -1 if none. step 2 keeps
 * to even indexes (UTF-16 needles). The JS side has handled the empty needle. */
static void op_index_of(mrt_op_call *c) {
  void *h, *nd;
  size_t hlen, nlen;
  if (mrt_op_arg_buffer(c, 0, &h, &hlen) != MRT_OK || mrt_op_arg_buffer(c, 1, &nd, &nlen) != MRT_OK) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE", "argument must be a buffer");
    return;
  }
  const unsigned char *hp = h, *np = nd;
  double from = mrt_op_arg_number(c, 2);
  int forward = mrt_op_arg_boolean(c, 3);
  size_t step = mrt_op_arg_number(c, 4) == 2 ? 2 : 1;
  if (nlen == 0 || nlen > hlen) {
    mrt_op_return_number(c, -1);
    return;
  }
  size_t last = hlen - nlen;
  if (forward) {
    if (!(from >= 0)) from = 0;
    if (from > (double)last) {
      mrt_op_return_number(c, -1);
      return;
    }
    size_t i = (size_t)from;
    if (step == 2) i &= ~(size_t)1; /* Node searches whole units from the unit at from */
    while (i <= last) {
      const unsigned char *m = step == 1 ? memchr(hp + i, np[0], last - i + 1) : hp + i;
      if (!m) break;
      i = (size_t)(m - hp);
      if (*m == np[0] && memcmp(m, np, nlen) == 0) {
        mrt_op_return_number(c, (double)i);
        return;
      }
      i += step;
    }
  } else {
    if (!(from >= 0)) {
      mrt_op_return_number(c, -1);
      return;
    }
    size_t i = from > (double)last ? last : (size_t)from;
    if (step == 2) i &= ~(size_t)1;
    for (;;) {
      if (hp[i] == np[0] && memcmp(hp + i, np, nlen) == 0) {
        mrt_op_return_number(c, (double)i);
        return;
      }
      if (i < step) break;
      i -= step;
    }
  }
  mrt_op_return_number(c, -1);
}

/* nodeBuffer(operation, ...its arguments): one op for all of Buffer's work, each above
 * under its number (buffer.js's OP_*): every op is an entry of P.ops in the startup snapshot,
 * which all programs pay for, Buffer or not. */
static void op_node_buffer(mrt_op_call *c) {
  static void (*const operations[])(mrt_op_call *) = {
      op_slice, op_write, op_byte_length, op_hex_write, op_base64_write, op_compare, op_index_of,
  };
  double k = mrt_op_arg_number(c, 0);
  shim_call_shift(SC(c), 1);
  if (!(k >= 0 && k < (double)(sizeof operations / sizeof operations[0]))) {
    rt_op_error(c, "TypeError", NULL, "unknown Buffer operation");
    return;
  }
  operations[(int)k](c);
}

const mrt_op_decl rt_node_buffer_ops[RT_NODE_BUFFER_NOPS] = {
    {.name = "nodeBuffer", .fn = op_node_buffer},
};
