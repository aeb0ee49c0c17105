/* fuzz_utf8.c: TextDecoder against a reference written from the Encoding standard's UTF-8
 * decoder (U+FFFD for each maximal invalid subpart, BOM stripped unless ignoreBOM, fatal
 * mode throws TypeError on any error). The first byte picks the options: bit 0 fatal,
 * bit 1 ignoreBOM, bit 2 streaming (the input is cut in three chunks at positions taken from
 * the next two bytes; decoding them with {stream: true} and then decode() must give the same
 * text as one call). The result crosses back to C as UTF-8, which is lossless here (a decoded
 * string never holds a lone surrogate). */
#include "fuzz_common.h"


typedef struct out {
  char *s;
  size_t n;
} out;

static void put_cp(out *o, uint32_t cp) {
  if (cp < 0x80) {
    o->s[o->n++] = (char)cp;
  } else if (cp < 0x800) {
    o->s[o->n++] = (char)(0xC0 | cp >> 6);
    o->s[o->n++] = (char)(0x80 | (cp & 63));
  } else if (cp < 0x10000) {
    o->s[o->n++] = (char)(0xE0 | cp >> 12);
    o->s[o->n++] = (char)(0x80 | ((cp >> 6) & 63));
    o->s[o->n++] = (char)(0x80 | (cp & 63));
  } else {
    o->s[o->n++] = (char)(0xF0 | cp >> 18);
    o->s[o->n++] = (char)(0x80 | ((cp >> 12) & 63));
    o->s[o->n++] = (char)(0x80 | ((cp >> 6) & 63));
    o->s[o->n++] = (char)(0x80 | (cp & 63));
  }
}

/* Returns the number of errors; o->s must hold 3 * n + 1 bytes. */
static int ref_decode(const uint8_t *b, size_t n, int ignore_bom, out *o) {
  int errors = 0, needed = 0, seen = 0;
  uint32_t cp = 0;
  uint8_t lower = 0x80, upper = 0xBF;
  o->n = 0;
  size_t start = 0;
  if (!ignore_bom && n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) start = 3;
  for (size_t i = start; i < n; i++) {
    uint8_t c = b[i];
    if (needed == 0) {
      if (c <= 0x7F) {
        put_cp(o, c);
      } else if (c >= 0xC2 && c <= 0xDF) {
        needed = 1;
        cp = c & 0x1F;
      } else if (c >= 0xE0 && c <= 0xEF) {
        if (c == 0xE0) lower = 0xA0;
        if (c == 0xED) upper = 0x9F;
        needed = 2;
        cp = c & 0xF;
      } else if (c >= 0xF0 && c <= 0xF4) {
        if (c == 0xF0) lower = 0x90;
        if (c == 0xF4) upper = 0x8F;
        needed = 3;
        cp = c & 7;
      } else {
        errors++;
        put_cp(o, 0xFFFD);
      }
      continue;
    }
    if (c < lower || c > upper) {
      cp = 0;
      needed = seen = 0;
      lower = 0x80;
      upper = 0xBF;
      errors++;
      put_cp(o, 0xFFFD);
      i--; /* the byte is processed again */
      continue;
    }
    lower = 0x80;
    upper = 0xBF;
    cp = cp << 6 | (c & 0x3F);
    if (++seen == needed) {
      put_cp(o, cp);
      cp = 0;
      needed = seen = 0;
    }
  }
  if (needed) {
    errors++;
    put_cp(o, 0xFFFD);
  }
  o->s[o->n] = '\0';
  return errors;
}

static const char js[] =
    "(function (flags, cut1, cut2) {\n"
    "  const u = new Uint8Array(mrt.ops.fuzzLen()); mrt.ops.fuzzIn(u);\n"
    "  const d = new TextDecoder('utf-8', {fatal: !!(flags & 1), ignoreBOM: !!(flags & 2)});\n"
    "  try {\n"
    "    if (!(flags & 4)) return 'OK:' + d.decode(u);\n"
    "    const a = Math.min(cut1, u.length), b = Math.min(Math.max(cut2, a), u.length);\n"
    "    let s = d.decode(u.subarray(0, a), {stream: true});\n"
    "    s += d.decode(u.subarray(a, b), {stream: true});\n"
    "    s += d.decode(u.subarray(b));\n"
    "    return 'OK:' + s;\n"
    "  } catch (e) { return 'ERR:' + e.name; }\n"
    "})";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 3 || size > 1 << 16) return 0;
  if (!fuzz_rt) {
    fuzz_rt = fuzz_new_runtime(NULL);
    fuzz_fn = fuzz_eval(fuzz_rt, js);
  }
  int flags = data[0] & 7;
  const uint8_t *in = data + 3;
  size_t n = size - 3;
  mrt_value *argv[3] = {mrt_number(fuzz_rt, flags), mrt_number(fuzz_rt, data[1]),
                        mrt_number(fuzz_rt, data[1] + data[2])};
  const char *err;
  mrt_value *res = fuzz_call(fuzz_rt, fuzz_fn, in, n, 3, argv, &err);
  for (int i = 0; i < 3; i++) mrt_value_free(fuzz_rt, argv[i]);
  FUZZ_CHECK(res, "harness threw: %s", err);
  size_t got_len;
  char *got = mrt_value_to_string(fuzz_rt, res, &got_len);
  mrt_value_free(fuzz_rt, res);

  out want = {malloc(3 * n + 8), 0};
  memcpy(want.s, "OK:", 3);
  out body = {want.s + 3, 0};
  int errors = ref_decode(in, n, flags & 2, &body);
  if ((flags & 1) && errors) {
    FUZZ_CHECK(strcmp(got, "ERR:TypeError") == 0, "flags %d: fatal decode of invalid input gave '%.200s'", flags, got);
  } else {
    FUZZ_CHECK(got_len == body.n + 3 && memcmp(got, want.s, got_len) == 0,
               "flags %d: mrt '%.200s' (%zu bytes) reference '%.200s' (%zu bytes)", flags, got,
               got_len, want.s, body.n + 3);
  }
  free(want.s);
  mrt_free(got);
  return 0;
}
