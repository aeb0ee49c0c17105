/* legacy.c: TextDecoder's legacy encodings (the Encoding standard's single-byte and
 * multi-byte ones and x-user-defined). Their mappings come from ICU's converters (libicuuc,
 * which libnode already loads), corrected where ICU's table differs from the standard's index.
 * A single-byte encoding becomes a 128-entry table on its first use (one conversion of bytes
 * 0x80..0xFF); a multi-byte one decodes through a UConverter, kept idle per runtime between
 * uses, or held by a decoder while it streams (the converter carries a character split across
 * chunks, and iso-2022-jp's mode). Nothing is opened before a legacy encoding is used. */
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include "ext/ext.h"
#include "runtime_internal.h"
#include "text_out.h"

#define SC(c) rt_op_shim_call(c)

enum { SB, XUD, MB };

typedef struct {
  const char *name; /* the standard's name (TextDecoder.encoding) */
  const char *icu;  /* ICU converter name (NULL: none) */
  int kind;
} legacy_enc;

/* The order is the index JS gets from op legacyIndex. */
static const legacy_enc encs[] = {
    {"ibm866", "IBM866", SB},
    {"iso-8859-2", "ISO-8859-2", SB},
    {"iso-8859-3", "ISO-8859-3", SB},
    {"iso-8859-4", "ISO-8859-4", SB},
    {"iso-8859-5", "ISO-8859-5", SB},
    {"iso-8859-6", "ISO-8859-6", SB},
    {"iso-8859-7", "ISO-8859-7", SB},
    {"iso-8859-8", "ISO-8859-8", SB},
    {"iso-8859-8-i", "ISO-8859-8", SB}, /* same bytes; the -i only concerns display */
    {"iso-8859-10", "ISO-8859-10", SB},
    {"iso-8859-13", "ISO-8859-13", SB},
    {"iso-8859-14", "ISO-8859-14", SB},
    {"iso-8859-15", "ISO-8859-15", SB},
    {"iso-8859-16", NULL, SB}, /* not in Debian's ICU data: the standard's index below */
    {"koi8-r", "KOI8-R", SB},
    {"koi8-u", "KOI8-U", SB},
    {"macintosh", "macintosh", SB},
    {"windows-874", "windows-874", SB},
    {"windows-1250", "windows-1250", SB},
    {"windows-1251", "windows-1251", SB},
    {"windows-1252", "windows-1252", SB},
    {"windows-1253", "windows-1253", SB},
    {"windows-1254", "windows-1254", SB},
    {"windows-1255", "windows-1255", SB},
    {"windows-1256", "windows-1256", SB},
    {"windows-1257", "windows-1257", SB},
    {"windows-1258", "windows-1258", SB},
    {"x-mac-cyrillic", "x-mac-cyrillic", SB},
    {"x-user-defined", NULL, XUD},
    /* The standard's gbk decoder is its gb18030 decoder. */
    {"gbk", "GB18030", MB},
    {"gb18030", "GB18030", MB},
    {"big5", "Big5-HKSCS", MB},
    {"euc-jp", "EUC-JP", MB},
    {"iso-2022-jp", "ISO-2022-JP", MB},
    {"shift_jis", "windows-31j", MB},
    {"euc-kr", "windows-949", MB},
};
#define NENCS (sizeof encs / sizeof encs[0])
#define WINDOWS_1252 20 /* its index above: the one-byte fast path's range test */

/* ISO-8859-16 bytes 0xA0..0xFF (the standard's index; below 0xA0 a byte is its code point). */
static const uint16_t iso8859_16_hi[96] = {
    160, 260, 261, 321, 8364, 8222, 352, 167, 353, 169, 536, 171, 377, 173, 378, 379,
    176, 177, 268, 322, 381, 8221, 182, 183, 382, 269, 537, 187, 338, 339, 376, 380,
    192, 193, 194, 258, 196, 262, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207,
    272, 323, 210, 211, 212, 336, 214, 346, 368, 217, 218, 219, 220, 280, 538, 223,
    224, 225, 226, 259, 228, 263, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239,
    273, 324, 242, 243, 244, 337, 246, 347, 369, 249, 250, 251, 252, 281, 539, 255};

/* Where ICU's table differs from the standard's index: byte -> code point (0: no mapping). */
typedef struct {
  const char *name;
  unsigned char byte;
  uint16_t cp;
} sb_fix;
static const sb_fix sb_fixes[] = {
    /* KOI8-U is KOI8-RU in the standard: two Belarusian letters where ICU has box drawing. */
    {"koi8-u", 0xAE, 0x045E},
    {"koi8-u", 0xBE, 0x040E},
    {"windows-1255", 0xCA, 0x05BA},
    {"windows-1253", 0xAA, 0}, /* ICU: U+00AA; the standard: no mapping */
};

/* A single-byte table: the code point of each byte 0x80..0xFF (0: an error), and whether
 * every byte is its own code point except those flagged in `mapped` (the one-byte path). */
typedef struct {
  uint16_t cp[128];
  unsigned char mapped[256]; /* 1: the byte is not its own Latin-1 code point */
} sb_table;

/* A held converter (a streaming decoder's); slot ids are index + 1. */
typedef struct {
  UConverter *cnv;
  int enc;
} held;

typedef struct {
  sb_table *sb[NENCS];
  UConverter *idle[NENCS];
  held *held;
  size_t nheld, cap;
} legacy_state;

static void error_invalid(mrt_op_call *c, const char *name) {
  char msg[96];
  snprintf(msg, sizeof msg, "The encoded data was not valid for encoding %s", name);
  rt_op_error(c, "TypeError", "ERR_ENCODING_INVALID_ENCODED_DATA", msg);
}

static void error_length(mrt_op_call *c) {
  rt_op_error(c, "RangeError", "ERR_STRING_TOO_LONG", "Invalid string length");
}

/* legacyIndex(name) -> index, or -1. */
static void op_legacy_index(mrt_op_call *c) {
  size_t n;
  const char *name = mrt_op_arg_string(c, 0, &n);
  int idx = -1;
  for (size_t i = 0; name && i < NENCS; i++) {
    if (strcmp(encs[i].name, name) == 0) idx = (int)i;
  }
  mrt_op_return_number(c, idx);
}

static sb_table *sb_build(int e) {
  sb_table *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  if (encs[e].kind == XUD) {
    for (int b = 0; b < 128; b++) t->cp[b] = (uint16_t)(0xF780 + b);
  } else if (!encs[e].icu) {
    for (int b = 0; b < 128; b++) t->cp[b] = b < 0x20 ? (uint16_t)(0x80 + b) : iso8859_16_hi[b - 0x20];
  } else {
    UErrorCode err = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(encs[e].icu, &err);
    if (U_FAILURE(err)) {
      free(t);
      return NULL;
    }
    for (int b = 0; b < 128; b++) {
      char in = (char)(0x80 + b);
      UChar out[4];
      err = U_ZERO_ERROR;
      ucnv_reset(cnv);
      ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
      int32_t n = ucnv_toUChars(cnv, out, 4, &in, 1, &err);
      t->cp[b] = U_SUCCESS(err) && n == 1 ? out[0] : 0;
      /* ICU gives some unassigned bytes private-use characters (windows-874's 0xDB..0xDE,
       * 0xFC..0xFF); the standard has none but macintosh's Apple logo (U+F8FF). */
      if (t->cp[b] >= 0xE000 && t->cp[b] <= 0xF8FF && strcmp(encs[e].name, "macintosh") != 0) {
        t->cp[b] = 0;
      }
      /* The standard's windows-* indexes give 0x80..0x9F bytes without a character their C1
       * control; ICU leaves them unmapped. */
      if (!t->cp[b] && b < 0x20 && strncmp(encs[e].name, "windows-", 8) == 0) {
        t->cp[b] = (uint16_t)(0x80 + b);
      }
    }
    ucnv_close(cnv);
    for (size_t k = 0; k < sizeof sb_fixes / sizeof sb_fixes[0]; k++) {
      if (strcmp(sb_fixes[k].name, encs[e].name) == 0) t->cp[sb_fixes[k].byte - 0x80] = sb_fixes[k].cp;
    }
  }
  for (int b = 0; b < 128; b++) t->mapped[0x80 + b] = t->cp[b] != 0x80 + b;
  return t;
}

/* sbDecode(index, bytes, fatal) -> string. */
static void op_sb_decode(mrt_op_call *c) {
  legacy_state *st = mrt_op_data(c);
  int e = (int)mrt_op_arg_number(c, 0);
  void *data;
  size_t len;
  if (e < 0 || (size_t)e >= NENCS || encs[e].kind == MB ||
      mrt_op_arg_buffer(c, 1, &data, &len) != MRT_OK) {
    rt_op_error(c, "TypeError", NULL, "sbDecode: bad arguments");
    return;
  }
  int fatal = mrt_op_arg_boolean(c, 2);
  if (!st->sb[e] && !(st->sb[e] = sb_build(e))) {
    rt_op_error(c, "Error", NULL, "could not open the converter");
    return;
  }
  const sb_table *t = st->sb[e];
  const unsigned char *p = data;
  if (len > shim_max_string_length()) {
    error_length(c);
    return;
  }
  /* Bytes that are their own code point (ASCII; windows-1252 outside 0x80..0x9F) make a
   * one-byte string straight from the input. */
  size_t i = 0;
  int w1252 = e == WINDOWS_1252;
  while (i < len) {
    while (i + 8 <= len) {
      uint64_t w;
      memcpy(&w, p + i, 8);
      if (w1252) {
        /* Stop at a word with a byte in 0x80..0x9F (a byte whose top three bits are 100). */
        uint64_t x = (w & 0xE0E0E0E0E0E0E0E0ull) ^ 0x8080808080808080ull;
        if ((x - 0x0101010101010101ull) & ~x & 0x8080808080808080ull) break;
      } else if (w & 0x8080808080808080ull) {
        break;
      }
      i += 8;
    }
    if (i < len && t->mapped[p[i]]) break;
    if (i < len) i++;
  }
  if (i == len) {
    text_return_latin1(c, data, len);
    return;
  }
  uint16_t *out = text_widen_prefix(c, p, i, len);
  if (!out) return;
  for (; i < len; i++) {
    unsigned char b = p[i];
    uint16_t cp = b < 0x80 ? b : t->cp[b - 0x80];
    if (!cp && b) {
      if (fatal) {
        text_buf_release(out);
        error_invalid(c, encs[e].name);
        return;
      }
      cp = 0xFFFD;
    }
    out[i] = cp;
  }
  text_return_utf16(c, out, len, len * sizeof *out);
}

/* ---------------------------------------------------------------- multi-byte (ICU) */

typedef struct {
  int fatal;
  int failed;
  int iso2022;
  UChar byte80; /* what a lone 0x80 is (gb18030: U+20AC, shift_jis: U+0080), 0: an error */
  const char *name;
} cb_ctx;

/* A lead byte of the standard's two-byte decoders (a lead whose next byte fails is one error
 * together with that byte, unless the byte is ASCII). */
static int mb_lead(const char *name, unsigned char b) {
  if (strcmp(name, "shift_jis") == 0) return (b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC);
  if (strcmp(name, "euc-jp") == 0) return b == 0x8E || b == 0x8F || (b >= 0xA1 && b <= 0xFE);
  return b >= 0x81 && b <= 0xFE;
}

/* Errors become U+FFFD (ICU's own substitute can be U+001A). An ASCII byte that ended an
 * invalid pair is not part of the error in the standard's decoders ("restore byte to the
 * queue"): it is written after the U+FFFD. In fatal mode the error stops the conversion. */
static void to_u_error(const void *context, UConverterToUnicodeArgs *args, const char *bytes,
                       int32_t len, UConverterCallbackReason reason, UErrorCode *err) {
  if (reason > UCNV_IRREGULAR) return; /* reset, close, clone: the context may be gone */
  cb_ctx *ctx = (cb_ctx *)context;
  if (len == 1 && (unsigned char)bytes[0] == 0x80 && ctx->byte80) {
    *err = U_ZERO_ERROR;
    ucnv_cbToUWriteUChars(args, &ctx->byte80, 1, 0, err);
    return;
  }
  if (ctx->fatal) {
    ctx->failed = 1;
    return; /* the error stays set: ucnv_toUnicode stops */
  }
  int truncated = *err == U_TRUNCATED_CHAR_FOUND;
  *err = U_ZERO_ERROR;
  UChar out[2] = {0xFFFD, 0};
  int32_t n = 1;
  if (!ctx->iso2022 && !truncated) {
    if (reason == UCNV_UNASSIGNED && len >= 2 && (unsigned char)bytes[len - 1] < 0x80) {
      /* a well-formed but unmapped pair was consumed whole (an illegal one is not) */
      out[n++] = (UChar)bytes[len - 1];
    } else if (len == 1 && mb_lead(ctx->name, (unsigned char)bytes[0]) &&
               args->source < args->sourceLimit && (unsigned char)*args->source >= 0x80) {
      args->source++; /* the lead's failed trail byte is part of this error */
    }
  }
  if (ctx->iso2022) {
    /* The standard's iso-2022-jp decoder makes each byte of a bad sequence that is not a
     * JIS X 0208 byte (0x21..0x7E) its own error. */
    static const UChar fffd[8] = {0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD};
    int32_t errors = 0;
    for (int32_t k = 0; k < len && errors < 8; k++) {
      unsigned char b = (unsigned char)bytes[k];
      if (b < 0x21 || b > 0x7E) errors++;
    }
    ucnv_cbToUWriteUChars(args, fffd, truncated || errors == 0 ? 1 : errors, 0, err);
    return;
  }
  ucnv_cbToUWriteUChars(args, out, n, 0, err);
}

static UConverter *mb_take(legacy_state *st, int e) {
  UConverter *cnv = st->idle[e];
  if (cnv) {
    st->idle[e] = NULL;
    return cnv;
  }
  UErrorCode err = U_ZERO_ERROR;
  cnv = ucnv_open(encs[e].icu, &err);
  return U_SUCCESS(err) ? cnv : NULL;
}

/* A converter back to the idle cache (reset), or closed when one is there already. */
static void mb_give(legacy_state *st, int e, UConverter *cnv) {
  if (!cnv) return;
  if (st->idle[e]) {
    ucnv_close(cnv);
    return;
  }
  ucnv_reset(cnv);
  st->idle[e] = cnv;
}

static held *slot_get(legacy_state *st, double id) {
  if (!(id >= 1 && id <= (double)st->nheld)) return NULL;
  held *h = &st->held[(size_t)id - 1];
  return h->cnv ? h : NULL;
}

/* Where ICU's multi-byte converters part from the standard's decoders, fixed after the
 * conversion (offs[k]: the source byte of unit k, -1 for bytes of an earlier call):
 *  - an ASCII byte is itself (ICU's shift_jis swaps the controls 0x1A, 0x1C and 0x7F);
 *  - a byte 0x80..0x9F passed through as a C1 control is an error (ICU's EUC converters
 *    pass them; the standard's decoders do not have them as characters);
 *  - a private-use character is an error in big5, euc-kr and euc-jp (ICU maps user-defined
 *    areas; the standard's indexes have none there), and an ASCII byte after its lead is
 *    not part of the error.
 * A new buffer (NULL: out of memory); *bad set when an error was found. */
static UChar *mb_fix(const char *name, const unsigned char *src, size_t len, const UChar *u,
                     const int32_t *offs, size_t n, size_t *nout, int *bad) {
  int c1_ok = strcmp(name, "shift_jis") == 0;
  int pua_bad = strcmp(name, "big5") == 0 || strcmp(name, "euc-kr") == 0 ||
                strcmp(name, "euc-jp") == 0;
  UChar *out = malloc((2 * n + 1) * sizeof *out);
  if (!out) return NULL;
  size_t o = 0;
  for (size_t k = 0; k < n; k++) {
    UChar c = u[k];
    int32_t s = offs[k];
    if (s >= 0 && (size_t)s < len) {
      unsigned char b = src[s];
      if (b < 0x80 && c != b && c != 0xFFFD) {
        c = b;
      } else if (c >= 0x80 && c <= 0x9F && c == b && !c1_ok) {
        c = 0xFFFD;
        *bad = 1;
      } else if (pua_bad && c >= 0xE000 && c <= 0xF8FF) {
        out[o++] = 0xFFFD;
        *bad = 1;
        /* the byte after the lead, unless it was decoded on its own (a one-byte PUA) */
        if ((size_t)s + 1 < len && src[s + 1] < 0x80 && !(k + 1 < n && offs[k + 1] == s + 1)) {
          c = src[s + 1];
        } else {
          continue;
        }
      }
    }
    else if (s < 0 && k == 0 && pua_bad && c >= 0xE000 && c <= 0xF8FF) {
      /* a pair whose lead came in the previous chunk: its trail is this chunk's first byte */
      out[o++] = 0xFFFD;
      *bad = 1;
      if (len > 0 && src[0] < 0x80 && !(n > 1 && offs[1] == 0)) c = src[0];
      else continue;
    }
    out[o++] = c;
  }
  *nout = o;
  return out;
}

/* mbOpen(index) -> slot: a converter held for a decoder that begins a stream. */
static void op_mb_open(mrt_op_call *c) {
  legacy_state *st = mrt_op_data(c);
  int e = (int)mrt_op_arg_number(c, 0);
  if (e < 0 || (size_t)e >= NENCS || encs[e].kind != MB) return;
  size_t k = 0;
  while (k < st->nheld && st->held[k].cnv) k++;
  if (k == st->nheld && st->nheld == st->cap) {
    size_t ncap = st->cap ? 2 * st->cap : 8;
    held *more = realloc(st->held, ncap * sizeof *more);
    if (!more) {
      rt_op_error(c, "RangeError", NULL, "out of memory");
      return;
    }
    st->held = more;
    st->cap = ncap;
  }
  UConverter *cnv = mb_take(st, e);
  if (!cnv) {
    rt_op_error(c, "Error", NULL, "could not open the converter");
    return;
  }
  if (k == st->nheld) st->nheld++;
  st->held[k] = (held){.cnv = cnv, .enc = e};
  mrt_op_return_number(c, (double)(k + 1));
}

static void slot_release(legacy_state *st, held *h) {
  mb_give(st, h->enc, h->cnv);
  h->cnv = NULL;
}

/* mbRelease(slot): the stream ended early (its decoder was collected). */
static void op_mb_release(mrt_op_call *c) {
  legacy_state *st = mrt_op_data(c);
  held *h = slot_get(st, mrt_op_arg_number(c, 0));
  if (h) slot_release(st, h);
}

/* mbDecode(index, bytes, fatal, stream, slot) -> string. With a slot (mbOpen), its converter
 * carries state from call to call; the slot is released by a call without stream and by an
 * error. Without one, a converter from the idle cache is used and put back. */
static void op_mb_decode(mrt_op_call *c) {
  legacy_state *st = mrt_op_data(c);
  int e = (int)mrt_op_arg_number(c, 0);
  void *data;
  size_t len;
  if (e < 0 || (size_t)e >= NENCS || encs[e].kind != MB ||
      mrt_op_arg_buffer(c, 1, &data, &len) != MRT_OK) {
    rt_op_error(c, "TypeError", NULL, "mbDecode: bad arguments");
    return;
  }
  int fatal = mrt_op_arg_boolean(c, 2);
  int stream = mrt_op_arg_boolean(c, 3);
  held *h = slot_get(st, mrt_op_arg_number(c, 4));
  if (h && h->enc != e) h = NULL;
  UConverter *cnv = h ? h->cnv : mb_take(st, e);
  if (!cnv) {
    rt_op_error(c, "Error", NULL, "could not open the converter");
    return;
  }
  UChar *out = NULL;
  size_t n = 0;
  int bad = 0, too_long = len > shim_max_string_length() / 2;
  const char *name = encs[e].name;
  cb_ctx ctx = {.fatal = fatal, .iso2022 = strcmp(name, "iso-2022-jp") == 0, .name = name};
  if (strcmp(name, "gbk") == 0 || strcmp(name, "gb18030") == 0) ctx.byte80 = 0x20AC;
  if (strcmp(name, "shift_jis") == 0) ctx.byte80 = 0x80;
  UErrorCode err = U_ZERO_ERROR;
  int32_t *offs = NULL;
  if (!too_long) {
    ucnv_setToUCallBack(cnv, to_u_error, &ctx, NULL, NULL, &err);
    /* At most two UTF-16 units per byte (a pair from 4 bytes, two characters from big5's
     * two bytes, U+FFFD plus an ASCII byte), plus what the converter kept from before.
     * offs: each unit's source byte (-1: bytes of an earlier call). */
    size_t cap = 2 * len + 16;
    out = malloc(cap * sizeof *out);
    offs = malloc(cap * sizeof *offs);
    const char *src = len ? data : "";
    const char *end = src + len;
    while (out && offs) {
      UChar *target = out + n;
      int32_t *o = offs + n;
      int32_t base = (int32_t)(src - (const char *)(len ? data : ""));
      err = U_ZERO_ERROR;
      ucnv_toUnicode(cnv, &target, out + cap, &src, end, o, !stream, &err);
      size_t made = (size_t)(target - out);
      for (size_t k = n; k < made; k++) {
        if (offs[k] >= 0) offs[k] += base;
      }
      n = made;
      if (err != U_BUFFER_OVERFLOW_ERROR) break;
      UChar *bigger = realloc(out, 2 * cap * sizeof *out);
      if (bigger) out = bigger;
      int32_t *more = bigger ? realloc(offs, 2 * cap * sizeof *offs) : NULL;
      if (!bigger || !more) {
        free(out);
        out = NULL;
        break;
      }
      offs = more;
      cap *= 2;
    }
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &ignored);
    bad = U_FAILURE(err) || ctx.failed;
    if (out && offs && !bad && !ctx.iso2022) {
      UChar *fixed = mb_fix(name, data, len, out, offs, n, &n, &bad);
      if (fixed) {
        free(out);
        out = fixed;
      } else {
        free(out);
        out = NULL;
      }
      if (bad && !fatal) bad = 0;
    }
  }
  free(offs);
  /* The converter stays held only while a stream goes on without error. */
  if (!out || bad || !stream) {
    if (h) slot_release(st, h);
    else mb_give(st, e, cnv);
  } else if (!h) {
    mb_give(st, e, cnv); /* a stream without a slot: JS always opens one first */
  }
  if (too_long) error_length(c);
  else if (!out) rt_op_error(c, "RangeError", NULL, "out of memory");
  else if (bad) error_invalid(c, encs[e].name);
  else shim_call_return_utf16(SC(c), out, n);
  free(out);
}

/* ---------------------------------------------------------------- state */

static const mrt_op_decl legacy_ops[] = {
    {.name = "legacyIndex", .fn = op_legacy_index},
    {.name = "sbDecode", .fn = op_sb_decode},
    {.name = "mbOpen", .fn = op_mb_open},
    {.name = "mbRelease", .fn = op_mb_release},
    {.name = "mbDecode", .fn = op_mb_decode},
};

int rt_encoding_init(mrt_runtime *rt, void **state) {
  legacy_state *st = calloc(1, sizeof *st);
  if (!st) return MRT_ENOMEM;
  *state = st;
  for (size_t i = 0; i < sizeof legacy_ops / sizeof legacy_ops[0]; i++) {
    mrt_op_decl d = legacy_ops[i];
    d.data = st;
    int rc = rt_register_builtin(rt, &d);
    if (rc) return rc;
  }
  return MRT_OK;
}

void rt_encoding_free(mrt_runtime *rt, void *state) {
  legacy_state *st = state;
  (void)rt;
  if (!st) return;
  for (size_t i = 0; i < NENCS; i++) {
    free(st->sb[i]);
    if (st->idle[i]) ucnv_close(st->idle[i]);
  }
  for (size_t k = 0; k < st->nheld; k++) {
    if (st->held[k].cnv) ucnv_close(st->held[k].cnv);
  }
  free(st->held);
  free(st);
}
