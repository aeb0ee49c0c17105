/* fuzz_base64.c: atob / btoa against a reference written from the WHATWG "forgiving-base64"
 * algorithm. The first byte picks the mode:
 *   0  atob(latin1 string of the rest)        -> same bytes as the reference, or both fail
 *   1  btoa(latin1 string of the rest)        -> same text as the reference, and atob of it
 *                                                gives the string back
 *   2  btoa(UTF-16 string of the rest)        -> InvalidCharacterError iff a unit > 0xFF */
#include "fuzz_common.h"


static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int sextet(uint8_t c) {
  const char *p = c ? strchr(alphabet, c) : NULL;
  return p ? (int)(p - alphabet) : -1;
}

static int is_ascii_space(uint8_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* forgiving-base64 decode; returns the byte count or -1 on failure. out >= n bytes. */
static long ref_atob(const uint8_t *in, size_t n, uint8_t *out) {
  uint8_t *s = malloc(n + 1);
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    if (!is_ascii_space(in[i])) s[m++] = in[i];
  if (m % 4 == 0 && m >= 1 && s[m - 1] == '=') {
    m--;
    if (m >= 1 && s[m - 1] == '=') m--;
  }
  long o = -1;
  if (m % 4 != 1) {
    uint32_t acc = 0;
    int bits = 0;
    o = 0;
    for (size_t i = 0; i < m; i++) {
      int v = sextet(s[i]);
      if (v < 0) {
        o = -1;
        break;
      }
      acc = acc << 6 | (uint32_t)v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (uint8_t)(acc >> bits);
      }
    }
  }
  free(s);
  return o;
}

static size_t ref_btoa(const uint8_t *in, size_t n, char *out) {
  size_t o = 0;
  for (size_t i = 0; i < n; i += 3) {
    uint32_t v = (uint32_t)in[i] << 16;
    if (i + 1 < n) v |= (uint32_t)in[i + 1] << 8;
    if (i + 2 < n) v |= in[i + 2];
    out[o++] = alphabet[v >> 18];
    out[o++] = alphabet[(v >> 12) & 63];
    out[o++] = i + 1 < n ? alphabet[(v >> 6) & 63] : '=';
    out[o++] = i + 2 < n ? alphabet[v & 63] : '=';
  }
  out[o] = '\0';
  return o;
}

static void hex(const uint8_t *b, size_t n, char *out) {
  for (size_t i = 0; i < n; i++) sprintf(out + 2 * i, "%02x", b[i]);
  out[2 * n] = '\0';
}

static const char js[] =
    "(function (mode) {\n"
    "  const u = new Uint8Array(mrt.ops.fuzzLen()); mrt.ops.fuzzIn(u);\n"
    "  let s = '';\n"
    "  if (mode === 2) for (let i = 0; i + 1 < u.length; i += 2) s += String.fromCharCode(u[i] | u[i + 1] << 8);\n"
    "  else for (let i = 0; i < u.length; i++) s += String.fromCharCode(u[i]);\n"
    "  let r;\n"
    "  try { r = mode === 0 ? atob(s) : btoa(s); }\n"
    "  catch (e) { return 'ERR:' + e.name; }\n"
    "  if (mode === 0) {\n"
    "    let h = '';\n"
    "    for (let i = 0; i < r.length; i++) {\n"
    "      const c = r.charCodeAt(i);\n"
    "      if (c > 255) return 'WIDE';\n"
    "      h += (c < 16 ? '0' : '') + c.toString(16);\n"
    "    }\n"
    "    return h;\n"
    "  }\n"
    "  if (atob(r) !== s) return 'ROUNDTRIP';\n"
    "  return r;\n"
    "})";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > 1 << 16) return 0;
  if (!fuzz_rt) {
    fuzz_rt = fuzz_new_runtime(NULL);
    fuzz_fn = fuzz_eval(fuzz_rt, js);
  }
  int mode = data[0] % 3;
  const uint8_t *in = data + 1;
  size_t n = size - 1;
  mrt_value *arg = mrt_number(fuzz_rt, mode);
  const char *err;
  mrt_value *res = fuzz_call(fuzz_rt, fuzz_fn, in, n, 1, &arg, &err);
  mrt_value_free(fuzz_rt, arg);
  FUZZ_CHECK(res, "harness threw: %s", err);
  char *got = mrt_value_to_string(fuzz_rt, res, NULL);
  mrt_value_free(fuzz_rt, res);

  char *want = malloc(4 * n + 32); /* base64 or hex of n bytes, or an error name */
  if (mode == 0) {
    uint8_t *bytes = malloc(n + 1);
    long m = ref_atob(in, n, bytes);
    if (m < 0) strcpy(want, "ERR:InvalidCharacterError");
    else hex(bytes, (size_t)m, want);
    free(bytes);
  } else if (mode == 1) {
    ref_btoa(in, n, want);
  } else {
    uint8_t *low = malloc(n / 2 + 1);
    int wide = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
      if (in[i + 1]) wide = 1;
      low[i / 2] = in[i];
    }
    if (wide) strcpy(want, "ERR:InvalidCharacterError");
    else ref_btoa(low, n / 2, want);
    free(low);
  }
  FUZZ_CHECK(strcmp(got, want) == 0, "mode %d: mrt '%.200s' reference '%.200s'", mode, got,
             want);
  free(want);
  mrt_free(got);
  return 0;
}
