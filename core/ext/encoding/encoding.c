/* encoding.c: the native side of TextEncoder / TextDecoder (UTF-8) and atob / btoa
 * (core/ext/encoding/encoding.js). Strings and bytes cross without intermediate
 * copies: encode writes a JS string's UTF-8 straight into a new Uint8Array, decode makes the
 * string straight from the caller's bytes (V8's decoder replaces invalid sequences with
 * U+FFFD the way the Encoding standard does); the fatal mode validates first. */
#include <stdlib.h>
#include <string.h>

#include "ext/ext.h"
#include "runtime_internal.h"

#define SC(c) rt_op_shim_call(c)

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

/* Length of the valid UTF-8 prefix of p[0..n) (n when all of it is valid). Well-formed
 * sequences per the Unicode table (no overlongs, no surrogates, nothing above U+10FFFF). */
static size_t utf8_valid_prefix(const unsigned char *p, size_t n) {
  size_t i = 0;
  while (i < n) {
    /* ASCII runs, eight bytes at a time. */
    while (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = p[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t need;
    unsigned char lo, hi;
    if (!utf8_lead(c, &need, &lo, &hi)) return i;
    if (i + need >= n) return i; /* truncated */
    if (p[i + 1] < lo || p[i + 1] > hi) return i;
    for (size_t k = 2; k <= need; k++) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
    }
    i += need + 1;
  }
  return n;
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
static void op_encode_into(mrt_op_call *c) {
  void *res;
  size_t rlen;
  double read = 0, written = 0;
  if (mrt_op_arg_buffer(c, 2, &res, &rlen) != MRT_OK || rlen < 2 * sizeof(double)) return;
  if (shim_call_utf8_into(SC(c), 0, 1, &read, &written) != 0) return;
  ((double *)res)[0] = read;
  ((double *)res)[1] = written;
}

/* decode(bytes, fatal) -> string */
static void op_decode(mrt_op_call *c) {
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, 0, &data, &len) != MRT_OK) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE",
                "The \"input\" argument must be an instance of ArrayBuffer or "
                "ArrayBufferView.");
    return;
  }
  if (mrt_op_arg_boolean(c, 1) && utf8_valid_prefix(data, len) != len) {
    rt_op_error(c, "TypeError", "ERR_ENCODING_INVALID_ENCODED_DATA",
                "The encoded data was not valid for encoding utf-8");
    return;
  }
  if (len > 0x7fffffff) {
    rt_op_error(c, "RangeError", "ERR_STRING_TOO_LONG", "Cannot create a string longer than 0x1fffffe8 characters");
    return;
  }
  mrt_op_return_string(c, len ? data : "", len);
}

/* ---------------------------------------------------------------- UTF-16 */

/* 1 when units[0..n) has no lone surrogate. The first pass (no branch, vectorised) finds
 * text without surrogates at all; only text with some is walked pair by pair. */
static int utf16_well_formed(const uint16_t *u, size_t n) {
  unsigned any = 0;
  for (size_t i = 0; i < n; i++) any |= (u[i] & 0xF800) == 0xD800;
  if (!any) return 1;
  for (size_t i = 0; i < n; i++) {
    if ((u[i] & 0xF800) != 0xD800) continue;
    if (u[i] >= 0xDC00 || i + 1 == n || (u[i + 1] & 0xFC00) != 0xDC00) return 0;
    i++;
  }
  return 1;
}

/* decodeUtf16(bytes, bigEndian, fatal) -> string. A last odd byte and lone surrogates are
 * errors (U+FFFD, or a TypeError when fatal). Little-endian input that is well formed becomes
 * the string straight from the caller's bytes. */
static void op_decode_utf16(mrt_op_call *c) {
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, 0, &data, &len) != MRT_OK) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE",
                "The \"input\" argument must be an instance of ArrayBuffer or "
                "ArrayBufferView.");
    return;
  }
  int be = mrt_op_arg_boolean(c, 1), fatal = mrt_op_arg_boolean(c, 2);
  size_t n = len / 2, odd = len & 1;
  if (n + odd > shim_max_string_length()) {
    rt_op_error(c, "RangeError", "ERR_STRING_TOO_LONG", "Invalid string length");
    return;
  }
  if (!be && !odd && ((uintptr_t)data & 1) == 0 && utf16_well_formed(data, n)) {
    shim_call_return_utf16(SC(c), data, n);
    return;
  }
  uint16_t *out = malloc((n + odd) * sizeof *out + 1);
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
    free(out);
    rt_op_error(c, "TypeError", "ERR_ENCODING_INVALID_ENCODED_DATA",
                be ? "The encoded data was not valid for encoding utf-16be"
                   : "The encoded data was not valid for encoding utf-16le");
    return;
  }
  shim_call_return_utf16(SC(c), out, n + odd);
  free(out);
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
};
