/* base64.c: the native side of Uint8Array's base64 and hex methods (ES2026, the TC39
 * proposal-arraybuffer-base64; base64.js installs them). JS reads the options (getters run
 * in the spec's order there); this checks the receiver, the string and the buffer in the
 * spec's order, and runs FromBase64 / FromHex exactly as the spec writes them, over the bulk
 * loops of encoding/base64_codec.c. setFromBase64/setFromHex decode straight into the target,
 * so what comes before an error is written, as the spec requires. */
#include <stdio.h>
#include <stdlib.h>

#include "ext/encoding/base64_codec.h"
#include "ext/encoding/text_out.h"
#include "ext/ext.h"
#include "shim.h"

#define SC(c) rt_op_shim_call(c)

/* The operations of op uint8Codec (base64.js numbers them alike). */
enum { TO_BASE64, FROM_BASE64, SET_FROM_BASE64, TO_HEX, FROM_HEX, SET_FROM_HEX, NKINDS };
static const char *const method_names[NKINDS] = {
    "Uint8Array.prototype.toBase64",      "Uint8Array.fromBase64",
    "Uint8Array.prototype.setFromBase64", "Uint8Array.prototype.toHex",
    "Uint8Array.fromHex",                 "Uint8Array.prototype.setFromHex",
};
/* lastChunkHandling, as base64.js passes it. */
enum { LOOSE, STRICT, STOP_BEFORE_PARTIAL };

/* Up to this many bytes of a string or a result live on the stack. */
#define STACK_BYTES 4096
/* A code unit above 0xFF reads as this byte: neither whitespace, '=' nor in an alphabet. */
#define NOT_ASCII 0x80

static void type_error(mrt_op_call *c, int kind, const char *what) {
  char msg[160];
  snprintf(msg, sizeof msg, "%s: %s", method_names[kind], what);
  rt_op_error(c, "TypeError", NULL, msg);
}

/* The spec's SyntaxError, saying where: the character at `at` (or the end). */
static void syntax_error(mrt_op_call *c, int kind, const char *what, const uint8_t *s,
                         size_t len, size_t at) {
  char msg[200];
  if (at < len && s[at] >= 0x21 && s[at] < 0x7f) {
    snprintf(msg, sizeof msg, "%s: %s ('%c' at index %zu)", method_names[kind], what, s[at], at);
  } else if (at < len) {
    snprintf(msg, sizeof msg, "%s: %s (at index %zu)", method_names[kind], what, at);
  } else {
    snprintf(msg, sizeof msg, "%s: %s (at the end)", method_names[kind], what);
  }
  rt_op_error(c, "SyntaxError", NULL, msg);
}

/* The receiver (argument 1) as a Uint8Array's bytes: 1, or 0 after throwing when it is not
 * one. *detached tells whether its buffer is (the caller throws when the spec says). */
static int arg_self(mrt_op_call *c, int kind, uint8_t **data, size_t *len, int *detached) {
  void *p = NULL;
  int r = shim_call_arg_uint8_array(SC(c), 1, &p, len);
  if (r == -1) {
    type_error(c, kind, "the receiver is not a Uint8Array");
    return 0;
  }
  *detached = r == -2;
  *data = p;
  return 1;
}

static void detached_error(mrt_op_call *c, int kind) {
  type_error(c, kind, "the Uint8Array's buffer is detached");
}

static int check_string(mrt_op_call *c, int kind) {
  if (mrt_op_arg_type(c, 2) == MRT_TYPE_STRING) return 1;
  type_error(c, kind, "the argument is not a string");
  return 0;
}

/* ------------------------------------------------------------------ FromBase64 */

typedef struct {
  size_t read, written;
  const char *error; /* NULL: none */
  size_t error_at;   /* where in the string */
} decode_result;

static inline int is_space(uint8_t ch) {
  return ch == 0x20 || ch == 0x09 || ch == 0x0A || ch == 0x0C || ch == 0x0D;
}

static inline size_t skip_space(const uint8_t *s, size_t len, size_t i) {
  while (i < len && is_space(s[i])) i++;
  return i;
}

/* The bytes of a last chunk of 2 or 3 characters (bits: 12 or 18); 0 when extra bits are set
 * and they must not be. */
static int last_chunk(uint32_t bits, int n, uint8_t *out, size_t *o, int strict) {
  if (n == 2) {
    if (strict && (bits & 0xF)) return 0;
    out[(*o)++] = (uint8_t)(bits >> 4);
  } else {
    if (strict && (bits & 0x3)) return 0;
    out[(*o)++] = (uint8_t)(bits >> 10);
    out[(*o)++] = (uint8_t)(bits >> 2);
  }
  return 1;
}

/* FromBase64(string, alphabet, lastChunkHandling, maxLength = cap), step by step as the spec
 * has it, with whole groups of four characters decoded in bulk in between. */
static decode_result from_base64(const uint8_t *s, size_t len, uint8_t *out, size_t cap,
                                 int alphabet, int mode) {
  decode_result r = {0, 0, NULL, 0};
#define FAIL(what, at)  \
  do {                  \
    r.written = o;      \
    r.error = (what);   \
    r.error_at = (at);  \
    return r;           \
  } while (0)
#define DONE(rd)       \
  do {                 \
    r.read = (rd);     \
    r.written = o;     \
    return r;          \
  } while (0)
  if (cap == 0) return r;
  size_t i = 0, o = 0;
  uint32_t chunk = 0;
  int n = 0; /* characters in chunk */
  for (;;) {
    if (n == 0) {
      size_t used;
      o += b64_decode_groups(s + i, len - i, out + o, cap - o, alphabet, &used);
      if (used) {
        i += used;
        r.read = i;
        if (o == cap) DONE(i);
      }
    }
    i = skip_space(s, len, i);
    if (i == len) {
      if (n > 0) {
        if (mode == STOP_BEFORE_PARTIAL) DONE(r.read);
        if (mode == STRICT) FAIL("the last chunk is incomplete", i);
        if (n == 1) FAIL("the last chunk has a single character", i);
        last_chunk(chunk, n, out, &o, 0);
      }
      DONE(len);
    }
    uint8_t ch = s[i++];
    if (ch == '=') {
      if (n < 2) FAIL("misplaced padding", i - 1);
      i = skip_space(s, len, i);
      if (n == 2) {
        if (i == len) {
          if (mode == STOP_BEFORE_PARTIAL) DONE(r.read);
          FAIL("incomplete padding", i);
        }
        if (s[i] == '=') i = skip_space(s, len, i + 1);
      }
      if (i < len) FAIL("characters after the padding", i);
      if (!last_chunk(chunk, n, out, &o, mode == STRICT)) {
        FAIL("the padded chunk has nonzero extra bits", len);
      }
      DONE(len);
    }
    int v = b64_value(alphabet, ch);
    if (v < 0) {
      FAIL(alphabet == B64_URL ? "not a base64url character" : "not a base64 character", i - 1);
    }
    size_t remaining = cap - o;
    if ((remaining == 1 && n == 2) || (remaining == 2 && n == 3)) DONE(r.read);
    chunk = chunk << 6 | (uint32_t)v;
    if (++n == 4) {
      out[o] = (uint8_t)(chunk >> 16);
      out[o + 1] = (uint8_t)(chunk >> 8);
      out[o + 2] = (uint8_t)chunk;
      o += 3;
      chunk = 0;
      n = 0;
      r.read = i;
      if (o == cap) DONE(i);
    }
  }
#undef FAIL
#undef DONE
}

/* FromHex(string, maxLength = cap). */
static decode_result from_hex(const uint8_t *s, size_t len, uint8_t *out, size_t cap) {
  decode_result r = {0, 0, NULL, 0};
  if (len % 2) {
    r.error = "the string has an odd length";
    r.error_at = len;
    return r;
  }
  size_t pairs = len / 2 < cap ? len / 2 : cap;
  size_t done = hex_decode(s, pairs, out);
  r.read = 2 * done;
  r.written = done;
  if (done < pairs) {
    r.error = "not a hex digit";
    /* the first of the pair that is not a digit */
    uint8_t a = s[2 * done];
    int a_ok = (a >= '0' && a <= '9') || ((a | 0x20) >= 'a' && (a | 0x20) <= 'f');
    r.error_at = 2 * done + (a_ok ? 1 : 0);
  }
  return r;
}

/* ------------------------------------------------------------------ the operations */

/* A string of Latin-1 characters made in out (a text_buf block, or stack when small). */
static void return_chars(mrt_op_call *c, char *out, size_t n, char *stack) {
  if (out == stack) {
    shim_call_return_latin1(SC(c), n ? out : "", n);
  } else if (n >= TEXT_OWNED_MIN) {
    shim_call_return_owned(SC(c), out, n, 0, text_buf_release);
  } else {
    shim_call_return_latin1(SC(c), out, n);
    text_buf_release(out);
  }
}

static char *chars_buffer(mrt_op_call *c, size_t n, char *stack) {
  if (n > shim_max_string_length()) {
    rt_op_error(c, "RangeError", NULL, "Invalid string length");
    return NULL;
  }
  if (n <= STACK_BYTES) return stack;
  char *out = text_buf_alloc(n);
  if (!out) rt_op_error(c, "RangeError", NULL, "Out of memory making the string");
  return out;
}

/* (TO_BASE64, self, _, url, omitPadding) and (TO_HEX, self). */
static void op_encode(mrt_op_call *c, int kind) {
  uint8_t *data;
  size_t n;
  int detached;
  if (!arg_self(c, kind, &data, &n, &detached)) return;
  if (detached) {
    detached_error(c, kind);
    return;
  }
  int url = 0, pad = 1;
  size_t out_len = 2 * n;
  if (kind == TO_BASE64) {
    url = mrt_op_arg_boolean(c, 3);
    pad = !mrt_op_arg_boolean(c, 4);
    out_len = b64_encoded_length(n, pad);
  } else if (n > SIZE_MAX / 2) {
    out_len = SIZE_MAX;
  }
  char stack[STACK_BYTES];
  char *out = chars_buffer(c, out_len, stack);
  if (!out) return;
  if (kind == TO_BASE64) b64_encode(data, n, out, url, pad);
  else hex_encode(data, n, out);
  return_chars(c, out, out_len, stack);
}

/* The string argument's bytes (in sbuf when they fit, else in *sheap, freed by the caller),
 * or NULL with a RangeError thrown. */
static const uint8_t *string_arg(mrt_op_call *c, uint8_t *sbuf, size_t sbuf_len, size_t *len,
                                 void **sheap) {
  const uint8_t *s = shim_call_arg_string_bytes(SC(c), 2, len, sbuf, sbuf_len, sheap, NOT_ASCII);
  if (!s) rt_op_error(c, "RangeError", NULL, "Out of memory reading the string");
  return s;
}

/* Hex, or base64 with the call's alphabet (arg 3) and lastChunkHandling (arg 4), into out
 * (at most max bytes). */
static decode_result decode(mrt_op_call *c, int hex, const uint8_t *s, size_t len, uint8_t *out,
                            size_t max) {
  if (hex) return from_hex(s, len, out, max);
  return from_base64(s, len, out, max, mrt_op_arg_boolean(c, 3) ? B64_URL : B64_STD,
                     (int)mrt_op_arg_number(c, 4));
}

/* (FROM_BASE64, _, string, url, lastChunkHandling) and (FROM_HEX, _, string). */
static void op_decode_new(mrt_op_call *c, int kind) {
  if (!check_string(c, kind)) return;
  uint8_t sbuf[STACK_BYTES];
  void *sheap;
  size_t len;
  const uint8_t *s = string_arg(c, sbuf, sizeof sbuf, &len, &sheap);
  if (!s) return;
  /* At most three bytes for four characters (and two for a last chunk of three). */
  size_t cap = kind == FROM_HEX ? len / 2 : len / 4 * 3 + (len % 4 == 3 ? 2 : len % 4 == 2 ? 1 : 0);
  /* Small results on the stack, then copied; larger ones in place in the array's memory. */
  uint8_t stack[STACK_BYTES];
  uint8_t *out = cap <= sizeof stack ? stack : shim_call_bytes_alloc(SC(c), cap);
  if (!out) {
    free(sheap);
    rt_op_error(c, "RangeError", NULL, "Array buffer allocation failed");
    return;
  }
  /* No maxLength for fromBase64 (the spec's 2^53 - 1): out is large enough by the bound. */
  decode_result r = decode(c, kind == FROM_HEX, s, len, out, kind == FROM_HEX ? cap : SIZE_MAX);
  if (r.error) {
    syntax_error(c, kind, r.error, s, len, r.error_at);
    if (out != stack) shim_call_bytes_free(SC(c), out, cap);
  } else if (out != stack) {
    shim_call_return_bytes_alloc(SC(c), out, cap, r.written);
  } else {
    shim_call_return_bytes(SC(c), out, r.written);
  }
  free(sheap);
}

/* (SET_FROM_BASE64, self, string, url, lastChunkHandling, result) and (SET_FROM_HEX, self,
 * string, _, _, result): result (a Float64Array) gets [read, written]. */
static void op_decode_into(mrt_op_call *c, int kind) {
  void *res;
  size_t rlen;
  if (mrt_op_arg_buffer(c, 5, &res, &rlen) != MRT_OK || rlen < 2 * sizeof(double)) {
    rt_op_error(c, "TypeError", NULL, "uint8Codec: no result array");
    return;
  }
  uint8_t *into;
  size_t cap;
  int detached;
  if (!arg_self(c, kind, &into, &cap, &detached)) return;
  if (!check_string(c, kind)) return;
  /* Detached (by an options getter, say) is a TypeError, after the string's check. */
  if (detached) {
    detached_error(c, kind);
    return;
  }
  uint8_t sbuf[STACK_BYTES];
  void *sheap;
  size_t len;
  const uint8_t *s = string_arg(c, sbuf, sizeof sbuf, &len, &sheap);
  if (!s) return;
  decode_result r = decode(c, kind == SET_FROM_HEX, s, len, into, cap);
  if (r.error) {
    syntax_error(c, kind, r.error, s, len, r.error_at);
  } else {
    ((double *)res)[0] = (double)r.read;
    ((double *)res)[1] = (double)r.written;
  }
  free(sheap);
}

/* uint8Codec(operation, self, string, url, mode, result): one op for the six methods (each
 * registered op costs every start its share of the snapshot). */
static void op_uint8_codec(mrt_op_call *c) {
  double k = mrt_op_arg_number(c, 0);
  if (!(k >= 0 && k < NKINDS)) {
    rt_op_error(c, "TypeError", NULL, "uint8Codec: unknown operation");
    return;
  }
  int kind = (int)k;
  switch (kind) {
    case TO_BASE64:
    case TO_HEX:
      op_encode(c, kind);
      return;
    case FROM_BASE64:
    case FROM_HEX:
      op_decode_new(c, kind);
      return;
    default:
      op_decode_into(c, kind);
      return;
  }
}

const mrt_op_decl rt_base64_ops[RT_BASE64_NOPS] = {
    {.name = "uint8Codec", .fn = op_uint8_codec},
};
