/* buffer.c: the native side of Node's Buffer (core/ext/node/lib/buffer.js): strings to bytes
 * and back in Node's encodings, written straight into the Buffer's memory or made straight
 * from it, and the byte searches and comparisons that are loops over memory. The JS side
 * validates arguments (Node's errors); the ranges here are clamped again, never trusted. */
#include <stdlib.h>
#include <string.h>

#include "ext/encoding/base64_codec.h"
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

static void slice_base64(mrt_op_call *c, const unsigned char *p, size_t n, int url) {
  char *out = alloc_or_throw(c, b64_encoded_length(n, !url));
  if (!out) return;
  return_latin1_block(c, out, b64_encode(p, n, out, url, !url));
}

/* OP_SLICE (view, start, end, encoding) -> the string of those bytes (Buffer#toString). */
static void op_slice(mrt_op_call *c) {
  const unsigned char *p;
  size_t n;
  if (!arg_range(c, &p, &n)) return;
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
      hex_encode(p, n, out);
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

/* OP_HEX_WRITE (view, string, offset, maxLength) -> bytes written: pairs of hex digits, up to
 * the first pair that is not one (Node's rule: the rest is ignored). */
static void op_hex_write(mrt_op_call *c) {
  unsigned char *out;
  size_t cap, len;
  if (!arg_dest(c, &out, &cap)) return;
  void *scratch;
  const unsigned char *s = arg_narrow(c, &len, &scratch);
  if (!s) return;
  size_t i = hex_decode(s, len / 2 < cap ? len / 2 : cap, out);
  free(scratch);
  mrt_op_return_number(c, (double)i);
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
  /* Whole groups of four alphabet characters, while three bytes fit. */
  size_t i, o = b64_decode_groups(s, len, out, cap, B64_EITHER, &i);
  /* The careful rest, a character at a time. */
  uint32_t acc = 0; /* only its low bits matter: the shifts may drop the high ones */
  int bits = 0;
  for (; i < len && o < cap; i++) {
    unsigned char ch = s[i];
    int v = b64_value(B64_EITHER, ch);
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
