/* url_parse.c: the WHATWG URL Standard's basic URL parser, host parser (IPv4, IPv6, opaque
 * and domain hosts) and serializer, written from the spec's state machine. It works on UTF-8
 * bytes: every non-ASCII byte is in every percent-encode set, so encoding a code point's bytes
 * one at a time is the spec's UTF-8 percent-encode. Domains go through ICU's UTS #46 only when
 * they are not plain ASCII; ASCII hosts never touch ICU. */
#include "ext/url/url_parse.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uidna.h>

/* ---------------------------------------------------------------- byte strings */

int url_sb_reserve(url_sb *b, size_t extra) {
  if (b->cap - b->n >= extra) return 0;
  if (extra > SIZE_MAX / 2 - b->n) return -1;
  size_t cap = b->cap ? b->cap : 32;
  while (cap - b->n < extra) cap *= 2;
  char *p = realloc(b->p, cap);
  if (!p) return -1;
  b->p = p;
  b->cap = cap;
  return 0;
}

static inline int sb_putc(url_sb *b, char c) {
  if (b->n == b->cap && url_sb_reserve(b, 1)) return -1;
  b->p[b->n++] = c;
  return 0;
}

static inline int sb_put(url_sb *b, const char *s, size_t n) {
  if (url_sb_reserve(b, n)) return -1;
  if (n) memcpy(b->p + b->n, s, n);
  b->n += n;
  return 0;
}

int url_sb_put(url_sb *b, const char *s, size_t n) { return sb_put(b, s, n); }

static int sb_set(url_sb *b, const url_sb *from) {
  b->n = 0;
  return sb_put(b, from->p, from->n);
}

void url_sb_free(url_sb *b) {
  free(b->p);
  b->p = NULL;
  b->n = b->cap = 0;
}

void url_rec_init(url_rec *u) {
  memset(u, 0, sizeof *u);
  u->port = -1;
}

void url_rec_reset(url_rec *u) {
  u->scheme.n = u->user.n = u->pass.n = u->host.n = u->path.n = u->query.n = u->frag.n = 0;
  u->type = URL_NOT_SPECIAL;
  u->has_host = u->has_query = u->has_frag = u->opaque = 0;
  u->port = -1;
  u->nseg = 0;
}

void url_rec_free(url_rec *u) {
  url_sb_free(&u->scheme);
  url_sb_free(&u->user);
  url_sb_free(&u->pass);
  url_sb_free(&u->host);
  url_sb_free(&u->path);
  url_sb_free(&u->query);
  url_sb_free(&u->frag);
}

/* ---------------------------------------------------------------- character classes */

enum {
  ENC_C0 = 1,       /* C0 control percent-encode set */
  ENC_FRAG = 2,     /* fragment */
  ENC_QUERY = 4,    /* query */
  ENC_SQUERY = 8,   /* special-query */
  ENC_PATH = 16,    /* path */
  ENC_USER = 32,    /* userinfo */
  ENC_COMP = 64,    /* component */
  ENC_FORM = 128,   /* application/x-www-form-urlencoded */
};
static uint8_t enc[256];
static uint8_t forbidden_host[256], forbidden_domain[256];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void tables_make(void) {
  for (int c = 0; c < 256; c++) {
    uint8_t m = 0;
    if (c < 0x20 || c > 0x7E) m |= ENC_C0;
    if ((m & ENC_C0) || c == ' ' || c == '"' || c == '<' || c == '>' || c == '`') m |= ENC_FRAG;
    if ((m & ENC_C0) || c == ' ' || c == '"' || c == '#' || c == '<' || c == '>') m |= ENC_QUERY;
    if ((m & ENC_QUERY) || c == '\'') m |= ENC_SQUERY;
    if ((m & ENC_QUERY) || c == '?' || c == '^' || c == '`' || c == '{' || c == '}') m |= ENC_PATH;
    if ((m & ENC_PATH) || c == '/' || c == ':' || c == ';' || c == '=' || c == '@' ||
        (c >= '[' && c <= '^') || c == '|')
      m |= ENC_USER;
    if ((m & ENC_USER) || (c >= '$' && c <= '&') || c == '+' || c == ',') m |= ENC_COMP;
    if ((m & ENC_COMP) || c == '!' || (c >= '\'' && c <= ')') || c == '~') m |= ENC_FORM;
    enc[c] = m;
    int fh = c == 0 || c == '\t' || c == '\n' || c == '\r' || c == ' ' || c == '#' ||
             c == '/' || c == ':' || c == '<' || c == '>' || c == '?' || c == '@' ||
             c == '[' || c == '\\' || c == ']' || c == '^' || c == '|';
    forbidden_host[c] = (uint8_t)fh;
    forbidden_domain[c] = (uint8_t)(fh || c < 0x20 || c == '%' || c == 0x7F);
  }
}

static const char hexu[] = "0123456789ABCDEF";

static inline int is_alpha(int c) { return (unsigned)((c | 0x20) - 'a') < 26; }
static inline int is_digit(int c) { return (unsigned)(c - '0') < 10; }
static inline int is_hex(int c) { return is_digit(c) || (unsigned)((c | 0x20) - 'a') < 6; }
static inline int hexval(int c) { return is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10; }
static inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c | 0x20) : c; }

/* Appends s[0..n) percent-encoding the bytes in set. */
static int put_enc(url_sb *b, const char *s, size_t n, uint8_t set) {
  if (url_sb_reserve(b, n)) return -1;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (enc[c] & set) {
      if (url_sb_reserve(b, 3 + (n - i))) return -1;
      b->p[b->n++] = '%';
      b->p[b->n++] = hexu[c >> 4];
      b->p[b->n++] = hexu[c & 15];
    } else {
      b->p[b->n++] = (char)c;
    }
  }
  return 0;
}

static inline int put_enc1(url_sb *b, unsigned char c, uint8_t set) {
  if (!(enc[c] & set)) return sb_putc(b, (char)c);
  if (url_sb_reserve(b, 3)) return -1;
  b->p[b->n++] = '%';
  b->p[b->n++] = hexu[c >> 4];
  b->p[b->n++] = hexu[c & 15];
  return 0;
}

int url_form_encode(url_sb *out, const char *v, size_t n) {
  pthread_once(&tables_once, tables_make);
  if (url_sb_reserve(out, n)) return -1;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)v[i];
    if (c == ' ') {
      if (sb_putc(out, '+')) return -1;
    } else if (put_enc1(out, c, ENC_FORM)) {
      return -1;
    }
  }
  return 0;
}

/* ---------------------------------------------------------------- schemes */

static int scheme_type(const char *s, size_t n) {
  switch (n) {
  case 2:
    return memcmp(s, "ws", 2) == 0 ? URL_WS : URL_NOT_SPECIAL;
  case 3:
    if (memcmp(s, "wss", 3) == 0) return URL_WSS;
    if (memcmp(s, "ftp", 3) == 0) return URL_FTP;
    return URL_NOT_SPECIAL;
  case 4:
    if (memcmp(s, "http", 4) == 0) return URL_HTTP;
    if (memcmp(s, "file", 4) == 0) return URL_FILE;
    return URL_NOT_SPECIAL;
  case 5:
    return memcmp(s, "https", 5) == 0 ? URL_HTTPS : URL_NOT_SPECIAL;
  default:
    return URL_NOT_SPECIAL;
  }
}

static int default_port(int type) {
  switch (type) {
  case URL_HTTP:
  case URL_WS:
    return 80;
  case URL_HTTPS:
  case URL_WSS:
    return 443;
  case URL_FTP:
    return 21;
  default:
    return -1;
  }
}

/* ---------------------------------------------------------------- hosts */

static int put_ipv4(url_sb *out, uint32_t a) {
  char tmp[16];
  size_t k = 0;
  for (int i = 3; i >= 0; i--) {
    unsigned v = (a >> (8 * i)) & 255;
    if (v >= 100) tmp[k++] = (char)('0' + v / 100);
    if (v >= 10) tmp[k++] = (char)('0' + v / 10 % 10);
    tmp[k++] = (char)('0' + v % 10);
    if (i) tmp[k++] = '.';
  }
  return sb_put(out, tmp, k);
}

/* The IPv4 number parser: 0 with *v (saturated above 2^32), -1 failure. */
static int ipv4_number(const char *s, size_t n, uint64_t *v) {
  if (n == 0) return -1;
  int r = 10;
  if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    s += 2;
    n -= 2;
    r = 16;
  } else if (n >= 2 && s[0] == '0') {
    s += 1;
    n -= 1;
    r = 8;
  }
  uint64_t x = 0;
  for (size_t i = 0; i < n; i++) {
    int c = (unsigned char)s[i], d;
    if (r == 16) {
      if (!is_hex(c)) return -1;
      d = hexval(c);
    } else {
      if (!is_digit(c) || c - '0' >= r) return -1;
      d = c - '0';
    }
    x = x * (uint64_t)r + (uint64_t)d;
    if (x > (1ull << 33)) x = 1ull << 33;
  }
  *v = x;
  return 0;
}

/* The ends-in-a-number checker. */
static int ends_in_number(const char *s, size_t n) {
  if (n && s[n - 1] == '.') {
    n--;
    if (n == 0) return 0;
  }
  size_t i = n;
  while (i > 0 && s[i - 1] != '.') i--;
  const char *last = s + i;
  size_t ln = n - i;
  if (ln == 0) return 0;
  int digits = 1;
  for (size_t k = 0; k < ln; k++) digits &= is_digit((unsigned char)last[k]);
  if (digits) return 1;
  uint64_t v;
  return ipv4_number(last, ln, &v) == 0;
}

/* The IPv4 parser: 0 with *out, -1 failure. */
static int ipv4_parse(const char *s, size_t n, uint32_t *out) {
  uint64_t nums[4];
  size_t count = 0;
  if (n && s[n - 1] == '.') n--; /* an empty last part goes (a single "." was not a number) */
  size_t start = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i == n || s[i] == '.') {
      if (count == 4) return -1;
      if (ipv4_number(s + start, i - start, &nums[count])) return -1;
      count++;
      start = i + 1;
    }
  }
  for (size_t i = 0; i + 1 < count; i++) {
    if (nums[i] > 255) return -1;
  }
  if (nums[count - 1] >= (1ull << (8 * (5 - count)))) return -1;
  uint64_t a = nums[count - 1];
  for (size_t i = 0; i + 1 < count; i++) a += nums[i] << (8 * (3 - i));
  *out = (uint32_t)a;
  return 0;
}

static int ipv6_parse(const char *s, size_t n, uint16_t a[8]) {
  memset(a, 0, 8 * sizeof a[0]);
  int piece = 0, compress = -1;
  size_t p = 0;
#define C6 (p < n ? (unsigned char)s[p] : -1)
  if (C6 == ':') {
    if (p + 1 >= n || s[p + 1] != ':') return -1;
    p += 2;
    piece++;
    compress = piece;
  }
  while (C6 != -1) {
    if (piece == 8) return -1;
    if (C6 == ':') {
      if (compress != -1) return -1;
      p++;
      piece++;
      compress = piece;
      continue;
    }
    unsigned value = 0;
    int length = 0;
    while (length < 4 && C6 != -1 && is_hex(C6)) {
      value = value * 16 + (unsigned)hexval(C6);
      p++;
      length++;
    }
    if (C6 == '.') {
      if (length == 0) return -1;
      p -= (size_t)length;
      if (piece > 6) return -1;
      int seen = 0;
      while (C6 != -1) {
        int v4 = -1;
        if (seen > 0) {
          if (C6 == '.' && seen < 4) p++;
          else return -1;
        }
        if (C6 == -1 || !is_digit(C6)) return -1;
        while (C6 != -1 && is_digit(C6)) {
          int d = C6 - '0';
          if (v4 == -1) v4 = d;
          else if (v4 == 0) return -1;
          else v4 = v4 * 10 + d;
          if (v4 > 255) return -1;
          p++;
        }
        a[piece] = (uint16_t)(a[piece] * 0x100 + v4);
        seen++;
        if (seen == 2 || seen == 4) piece++;
      }
      if (seen != 4) return -1;
      break;
    } else if (C6 == ':') {
      p++;
      if (C6 == -1) return -1;
    } else if (C6 != -1) {
      return -1;
    }
    a[piece] = (uint16_t)value;
    piece++;
  }
#undef C6
  if (compress != -1) {
    int swaps = piece - compress;
    piece = 7;
    while (piece != 0 && swaps > 0) {
      uint16_t t = a[piece];
      a[piece] = a[compress + swaps - 1];
      a[compress + swaps - 1] = t;
      piece--;
      swaps--;
    }
  } else if (piece != 8) {
    return -1;
  }
  return 0;
}

static int put_ipv6(url_sb *out, const uint16_t a[8]) {
  /* The first longest run of two or more zero pieces is compressed. */
  int best = -1, bestlen = 1;
  for (int i = 0; i < 8;) {
    if (a[i] != 0) {
      i++;
      continue;
    }
    int j = i;
    while (j < 8 && a[j] == 0) j++;
    if (j - i > bestlen) {
      best = i;
      bestlen = j - i;
    }
    i = j;
  }
  char tmp[48];
  size_t k = 0;
  tmp[k++] = '[';
  for (int i = 0; i < 8; i++) {
    if (i == best) {
      tmp[k++] = ':';
      if (i == 0) tmp[k++] = ':';
      i += bestlen - 1;
      continue;
    }
    static const char hx[] = "0123456789abcdef";
    unsigned v = a[i];
    int started = 0;
    for (int sh = 12; sh >= 0; sh -= 4) {
      unsigned d = (v >> sh) & 15;
      if (d || started || sh == 0) {
        tmp[k++] = hx[d];
        started = 1;
      }
    }
    if (i != 7) tmp[k++] = ':';
  }
  tmp[k++] = ']';
  return sb_put(out, tmp, k);
}

/* UTS #46 ToASCII with the URL Standard's flags, through ICU: one instance for the process
 * (immutable once made; ICU's UTS46 may be used from several threads at once). */
static UIDNA *idna;
static pthread_once_t idna_once = PTHREAD_ONCE_INIT;

static void idna_make(void) {
  UErrorCode err = U_ZERO_ERROR;
  idna = uidna_openUTS46(UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ | UIDNA_NONTRANSITIONAL_TO_ASCII,
                         &err);
  if (U_FAILURE(err)) idna = NULL;
}

/* domain to ASCII of UTF-8 d[0..n) into out (appended). -1 failure, -2 no memory. */
static int domain_to_ascii(const char *d, size_t n, url_sb *out) {
  size_t start = out->n;
  /* The usual case in one pass: ASCII, lowercased, no forbidden domain code point. */
  if (url_sb_reserve(out, n)) return -2;
  {
    char *o = out->p + start;
    unsigned bad = 0;
    for (size_t i = 0; i < n; i++) {
      unsigned char ch = (unsigned char)d[i];
      bad |= forbidden_domain[ch] | (ch >> 7);
      o[i] = lower((char)ch);
    }
    if (!bad) {
      if (n == 0) return -1;
      out->n = start + n;
      return 0;
    }
  }
  int ascii = 1;
  for (size_t i = 0; i < n; i++) ascii &= (unsigned char)d[i] < 0x80;
  if (ascii) {
    /* An ASCII domain is only lowercased (its xn-- labels are not checked: WPT's toascii.json). */
    if (url_sb_reserve(out, n)) return -2;
    for (size_t i = 0; i < n; i++) out->p[out->n++] = lower(d[i]);
  } else {
    UErrorCode err = U_ZERO_ERROR;
    pthread_once(&idna_once, idna_make);
    if (!idna) return -1;
    if (n > INT32_MAX / 4) return -1;
    int32_t cap = (int32_t)n * 4 + 64;
    if (url_sb_reserve(out, (size_t)cap)) return -2;
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    err = U_ZERO_ERROR;
    int32_t len = uidna_nameToASCII_UTF8(idna, d, (int32_t)n, out->p + out->n, cap, &info, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) {
      if (url_sb_reserve(out, (size_t)len + 1)) return -2;
      err = U_ZERO_ERROR;
      info = (UIDNAInfo)UIDNA_INFO_INITIALIZER;
      len = uidna_nameToASCII_UTF8(idna, d, (int32_t)n, out->p + out->n, len + 1, &info, &err);
    }
    if (U_FAILURE(err)) return -1;
    /* CheckHyphens=false and VerifyDnsLength=false: those errors don't count. */
    uint32_t errors = info.errors & ~(uint32_t)(UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LABEL_TOO_LONG |
                                                UIDNA_ERROR_DOMAIN_NAME_TOO_LONG |
                                                UIDNA_ERROR_LEADING_HYPHEN |
                                                UIDNA_ERROR_TRAILING_HYPHEN | UIDNA_ERROR_HYPHEN_3_4);
    if (errors) return -1;
    out->n += (size_t)len;
  }
  if (out->n == start) return -1;
  for (size_t i = start; i < out->n; i++) {
    if (forbidden_domain[(unsigned char)out->p[i]]) return -1;
  }
  return 0;
}

/* The host parser: s[0..n) into u->host (replaced only on success). URL_OK / URL_FAIL /
 * URL_NOMEM. */
static int host_parse(url_scratch *sc, url_rec *u, const char *s, size_t n, int opaque) {
  url_sb *h = &sc->host;
  h->n = 0;
  if (n && s[0] == '[') {
    if (s[n - 1] != ']') return URL_FAIL;
    uint16_t a[8];
    if (ipv6_parse(s + 1, n - 2, a)) return URL_FAIL;
    if (put_ipv6(h, a)) return URL_NOMEM;
  } else if (opaque) {
    for (size_t i = 0; i < n; i++) {
      if (forbidden_host[(unsigned char)s[i]]) return URL_FAIL;
    }
    if (put_enc(h, s, n, ENC_C0)) return URL_NOMEM;
  } else {
    /* Percent-decode (only when there is a '%'). */
    const char *d = s;
    size_t dn = n;
    if (memchr(s, '%', n)) {
      url_sb *t = &sc->tmp;
      t->n = 0;
      if (url_sb_reserve(t, n)) return URL_NOMEM;
      for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && is_hex((unsigned char)s[i + 1]) &&
            is_hex((unsigned char)s[i + 2])) {
          t->p[t->n++] =
              (char)(hexval((unsigned char)s[i + 1]) * 16 + hexval((unsigned char)s[i + 2]));
          i += 2;
        } else {
          t->p[t->n++] = s[i];
        }
      }
      d = t->p;
      dn = t->n;
    }
    int rc = domain_to_ascii(d, dn, h);
    if (rc) return rc == -2 ? URL_NOMEM : URL_FAIL;
    if (ends_in_number(h->p, h->n)) {
      uint32_t a;
      if (ipv4_parse(h->p, h->n, &a)) return URL_FAIL;
      h->n = 0;
      if (put_ipv4(h, a)) return URL_NOMEM;
    }
  }
  url_sb t = u->host;
  u->host = *h;
  *h = t;
  u->has_host = 1;
  return URL_OK;
}

/* ---------------------------------------------------------------- paths */

/* A Windows drive letter: alpha then ':' or '|' (normalized: ':' only). */
static inline int drive_letter(const char *s, size_t n, int normalized) {
  return n == 2 && is_alpha((unsigned char)s[0]) && (s[1] == ':' || (!normalized && s[1] == '|'));
}

/* s[0..n) starts with a Windows drive letter. */
static int starts_with_drive(const char *s, size_t n) {
  if (n < 2 || !drive_letter(s, 2, 0)) return 0;
  if (n == 2) return 1;
  char c = s[2];
  return c == '/' || c == '\\' || c == '?' || c == '#';
}

/* path[0] (the first segment, without its '/'). */
static void first_seg(const url_sb *path, const char **s, size_t *n) {
  size_t e = 1;
  while (e < path->n && path->p[e] != '/') e++;
  *s = path->p + 1;
  *n = path->n ? e - 1 : 0;
}

static void path_shorten(url_rec *u) {
  if (u->nseg == 0) return;
  if (u->type == URL_FILE && u->nseg == 1) {
    const char *s;
    size_t n;
    first_seg(&u->path, &s, &n);
    if (drive_letter(s, n, 1)) return;
  }
  size_t i = u->path.n;
  while (i > 0 && u->path.p[i - 1] != '/') i--;
  u->path.n = i - 1;
  u->nseg--;
}

static int is_single_dot(const char *s, size_t n) {
  return (n == 1 && s[0] == '.') || (n == 3 && s[0] == '%' && s[1] == '2' && (s[2] | 0x20) == 'e');
}

static int is_double_dot(const char *s, size_t n) {
  switch (n) {
  case 2:
    return s[0] == '.' && s[1] == '.';
  case 4:
    return (s[0] == '.' && is_single_dot(s + 1, 3)) || (is_single_dot(s, 3) && s[3] == '.');
  case 6:
    return is_single_dot(s, 3) && is_single_dot(s + 3, 3);
  default:
    return 0;
  }
}

static int copy_path(url_rec *u, const url_rec *b) {
  u->nseg = b->nseg;
  return sb_set(&u->path, &b->path);
}

/* ---------------------------------------------------------------- the parser */

/* Index of the first tab, LF or CR in s[0..n) (n: none), eight bytes at a time. */
static size_t tab_or_newline(const char *s, size_t n) {
  const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    uint64_t t = w ^ (ones * '\t'), l = w ^ (ones * '\n'), r = w ^ (ones * '\r');
    uint64_t z = ((t - ones) & ~t) | ((l - ones) & ~l) | ((r - ones) & ~r);
    if (z & highs) break;
  }
  while (i < n && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') i++;
  return i;
}

enum {
  S_SCHEME_START = 1,
  S_SCHEME,
  S_NO_SCHEME,
  S_SPECIAL_RELATIVE_OR_AUTHORITY,
  S_PATH_OR_AUTHORITY,
  S_RELATIVE,
  S_RELATIVE_SLASH,
  S_SPECIAL_AUTHORITY_SLASHES,
  S_SPECIAL_AUTHORITY_IGNORE_SLASHES,
  S_AUTHORITY,
  S_HOST,
  S_HOSTNAME,
  S_PORT,
  S_FILE,
  S_FILE_SLASH,
  S_FILE_HOST,
  S_PATH_START,
  S_PATH,
  S_OPAQUE_PATH,
  S_QUERY,
  S_FRAGMENT,
};

#define CHK(x)                   \
  do {                           \
    if (x) return URL_NOMEM;     \
  } while (0)

int url_parse(url_scratch *sc, const char *in, size_t n, const url_rec *base, url_rec *u,
              int override) {
  pthread_once(&tables_once, tables_make);
  /* Leading and trailing C0 controls and spaces go (not for setters); tabs and newlines
   * anywhere go. A copy only when there is one. */
  if (!override) {
    while (n && (unsigned char)in[0] <= 0x20) {
      in++;
      n--;
    }
    while (n && (unsigned char)in[n - 1] <= 0x20) n--;
    url_rec_reset(u);
  }
  {
    size_t i = tab_or_newline(in, n);
    if (i < n) {
      url_sb *b = &sc->in;
      b->n = 0;
      CHK(url_sb_reserve(b, n));
      for (size_t k = 0; k < n; k++) {
        if (in[k] != '\t' && in[k] != '\n' && in[k] != '\r') b->p[b->n++] = in[k];
      }
      in = b->p;
      n = b->n;
    }
  }
  const char *s = in;
  int state;
  switch (override) {
  case URL_ST_NONE:
  case URL_ST_SCHEME_START:
    state = S_SCHEME_START;
    break;
  case URL_ST_HOST:
    state = S_HOST;
    break;
  case URL_ST_HOSTNAME:
    state = S_HOSTNAME;
    break;
  case URL_ST_PORT:
    state = S_PORT;
    break;
  case URL_ST_PATH_START:
    state = S_PATH_START;
    break;
  case URL_ST_QUERY:
    state = S_QUERY;
    break;
  case URL_ST_FRAGMENT:
    state = S_FRAGMENT;
    break;
  default:
    return URL_FAIL;
  }
  /* The spec's buffer is a range of the input where possible: [bstart, p). */
  ptrdiff_t p = 0, bstart = 0;
  ptrdiff_t end = (ptrdiff_t)n;
  int at_seen = 0, in_brackets = 0, pass_seen = 0;
  ptrdiff_t seg = -1;     /* start of the open path segment in u->path, -1: none */
  int seg_drive = 0;      /* file host's drive-letter quirk: the segment was started there */
  uint32_t port = 0;
  int port_digits = 0;

  for (;;) {
    int c = p < end ? (unsigned char)s[p] : -1;
    switch (state) {
    case S_SCHEME_START:
      if (c != -1 && is_alpha(c)) {
        bstart = p;
        state = S_SCHEME;
      } else if (!override) {
        state = S_NO_SCHEME;
        p--;
      } else {
        return URL_FAIL;
      }
      break;

    case S_SCHEME:
      if (c != -1 && (is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.')) {
        break;
      } else if (c == ':') {
        size_t bn = (size_t)(p - bstart);
        char sch[8];
        const char *b = s + bstart;
        /* Lowercase copy; special schemes are at most 5 bytes. */
        int t = URL_NOT_SPECIAL;
        if (bn <= 5) {
          for (size_t k = 0; k < bn; k++) sch[k] = lower(b[k]);
          t = scheme_type(sch, bn);
        }
        if (override) {
          if ((u->type != URL_NOT_SPECIAL) != (t != URL_NOT_SPECIAL)) return URL_OK;
          if ((u->user.n || u->pass.n || u->port != -1) && t == URL_FILE) return URL_OK;
          if (u->type == URL_FILE && u->has_host && u->host.n == 0) return URL_OK;
        }
        u->scheme.n = 0;
        CHK(url_sb_reserve(&u->scheme, bn));
        for (size_t k = 0; k < bn; k++) u->scheme.p[u->scheme.n++] = lower(b[k]);
        u->type = t;
        if (override) {
          if (u->port == default_port(t)) u->port = -1;
          return URL_OK;
        }
        if (t == URL_FILE) {
          state = S_FILE;
        } else if (t != URL_NOT_SPECIAL && base && base->type == t) {
          state = S_SPECIAL_RELATIVE_OR_AUTHORITY;
        } else if (t != URL_NOT_SPECIAL) {
          state = S_SPECIAL_AUTHORITY_SLASHES;
        } else if (p + 1 < end && s[p + 1] == '/') {
          state = S_PATH_OR_AUTHORITY;
          p++;
        } else {
          u->opaque = 1;
          u->path.n = 0;
          state = S_OPAQUE_PATH;
        }
      } else if (!override) {
        u->scheme.n = 0;
        state = S_NO_SCHEME;
        p = -1;
      } else {
        return URL_FAIL;
      }
      break;

    case S_NO_SCHEME:
      if (!base || (base->opaque && c != '#')) return URL_FAIL;
      if (base->opaque && c == '#') {
        CHK(sb_set(&u->scheme, &base->scheme));
        u->type = base->type;
        CHK(copy_path(u, base));
        u->opaque = 1;
        u->has_query = base->has_query;
        CHK(sb_set(&u->query, &base->query));
        u->has_frag = 1;
        u->frag.n = 0;
        state = S_FRAGMENT;
      } else if (base->type != URL_FILE) {
        state = S_RELATIVE;
        p--;
      } else {
        state = S_FILE;
        p--;
      }
      break;

    case S_SPECIAL_RELATIVE_OR_AUTHORITY:
      if (c == '/' && p + 1 < end && s[p + 1] == '/') {
        state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
        p++;
      } else {
        state = S_RELATIVE;
        p--;
      }
      break;

    case S_PATH_OR_AUTHORITY:
      if (c == '/') {
        state = S_AUTHORITY;
        bstart = p + 1;
      } else {
        state = S_PATH;
        p--;
      }
      break;

    case S_RELATIVE:
      CHK(sb_set(&u->scheme, &base->scheme));
      u->type = base->type;
      if (c == '/' || (u->type && c == '\\')) {
        state = S_RELATIVE_SLASH;
      } else {
        CHK(sb_set(&u->user, &base->user));
        CHK(sb_set(&u->pass, &base->pass));
        u->has_host = base->has_host;
        CHK(sb_set(&u->host, &base->host));
        u->port = base->port;
        CHK(copy_path(u, base));
        u->has_query = base->has_query;
        CHK(sb_set(&u->query, &base->query));
        if (c == '?') {
          u->has_query = 1;
          u->query.n = 0;
          state = S_QUERY;
          bstart = p + 1;
        } else if (c == '#') {
          u->has_frag = 1;
          u->frag.n = 0;
          state = S_FRAGMENT;
        } else if (c != -1) {
          u->has_query = 0;
          u->query.n = 0;
          path_shorten(u);
          state = S_PATH;
          p--;
        }
      }
      break;

    case S_RELATIVE_SLASH:
      if (u->type && (c == '/' || c == '\\')) {
        state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
      } else if (c == '/') {
        state = S_AUTHORITY;
        bstart = p + 1;
      } else {
        CHK(sb_set(&u->user, &base->user));
        CHK(sb_set(&u->pass, &base->pass));
        u->has_host = base->has_host;
        CHK(sb_set(&u->host, &base->host));
        u->port = base->port;
        state = S_PATH;
        p--;
      }
      break;

    case S_SPECIAL_AUTHORITY_SLASHES:
      if (c == '/' && p + 1 < end && s[p + 1] == '/') {
        p++;
      } else {
        p--;
      }
      state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
      break;

    case S_SPECIAL_AUTHORITY_IGNORE_SLASHES:
      if (c != '/' && c != '\\') {
        state = S_AUTHORITY;
        bstart = p;
        p--;
      }
      break;

    case S_AUTHORITY:
      if (c == '@') {
        if (at_seen) {
          CHK(sb_put(pass_seen ? &u->pass : &u->user, "%40", 3));
        }
        at_seen = 1;
        for (ptrdiff_t k = bstart; k < p; k++) {
          unsigned char ch = (unsigned char)s[k];
          if (ch == ':' && !pass_seen) {
            pass_seen = 1;
            continue;
          }
          CHK(put_enc1(pass_seen ? &u->pass : &u->user, ch, ENC_USER));
        }
        bstart = p + 1;
      } else if (c == -1 || c == '/' || c == '?' || c == '#' || (u->type && c == '\\')) {
        if (at_seen && p == bstart) return URL_FAIL;
        p = bstart - 1;
        state = S_HOST;
      } else {
        /* Skip to the next character that matters here. */
        ptrdiff_t k = p + 1;
        while (k < end) {
          char ch = s[k];
          if (ch == '@' || ch == '/' || ch == '?' || ch == '#' || ch == '\\') break;
          k++;
        }
        p = k - 1;
      }
      break;

    case S_HOST:
    case S_HOSTNAME:
      if (override && u->type == URL_FILE) {
        p--;
        state = S_FILE_HOST;
        bstart = p + 1;
        break;
      }
      if (c == ':' && !in_brackets) {
        if (p == bstart) return URL_FAIL;
        if (override == URL_ST_HOSTNAME) return URL_OK;
        int rc = host_parse(sc, u, s + bstart, (size_t)(p - bstart), u->type == URL_NOT_SPECIAL);
        if (rc) return rc;
        state = S_PORT;
        bstart = p + 1;
        port = 0;
        port_digits = 0;
      } else if (c == -1 || c == '/' || c == '?' || c == '#' || (u->type && c == '\\')) {
        size_t bn = (size_t)(p - bstart);
        p--;
        if (u->type && bn == 0) return URL_FAIL;
        if (override && bn == 0 && (u->user.n || u->pass.n || u->port != -1)) return URL_OK;
        if (bn == 0) {
          /* A non-special URL's empty host. */
          u->has_host = 1;
          u->host.n = 0;
        } else {
          int rc = host_parse(sc, u, s + bstart, bn, u->type == URL_NOT_SPECIAL);
          if (rc) return rc;
        }
        state = S_PATH_START;
        if (override) return URL_OK;
      } else {
        if (c == '[') in_brackets = 1;
        if (c == ']') in_brackets = 0;
        ptrdiff_t k = p + 1;
        while (k < end) {
          char ch = s[k];
          if (ch == ':' || ch == '/' || ch == '?' || ch == '#' || ch == '\\' || ch == '[' ||
              ch == ']')
            break;
          k++;
        }
        p = k - 1;
      }
      break;

    case S_PORT:
      if (c != -1 && is_digit(c)) {
        port = port * 10 + (uint32_t)(c - '0');
        if (port > 65535) return URL_FAIL;
        port_digits = 1;
      } else if (c == -1 || c == '/' || c == '?' || c == '#' || (u->type && c == '\\') ||
                 override) {
        if (port_digits) {
          u->port = (int)port == default_port(u->type) ? -1 : (int)port;
          port = 0;
          port_digits = 0;
          if (override) return URL_OK;
        }
        if (override) return URL_FAIL;
        state = S_PATH_START;
        p--;
      } else {
        return URL_FAIL;
      }
      break;

    case S_FILE:
      CHK(sb_put((u->scheme.n = 0, &u->scheme), "file", 4));
      u->type = URL_FILE;
      u->has_host = 1;
      u->host.n = 0;
      if (c == '/' || c == '\\') {
        state = S_FILE_SLASH;
      } else if (base && base->type == URL_FILE) {
        CHK(sb_set(&u->host, &base->host));
        u->has_host = base->has_host;
        CHK(copy_path(u, base));
        u->has_query = base->has_query;
        CHK(sb_set(&u->query, &base->query));
        if (c == '?') {
          u->has_query = 1;
          u->query.n = 0;
          state = S_QUERY;
          bstart = p + 1;
        } else if (c == '#') {
          u->has_frag = 1;
          u->frag.n = 0;
          state = S_FRAGMENT;
        } else if (c != -1) {
          u->has_query = 0;
          u->query.n = 0;
          if (!starts_with_drive(s + p, (size_t)(end - p))) {
            path_shorten(u);
          } else {
            u->path.n = 0;
            u->nseg = 0;
          }
          state = S_PATH;
          p--;
        }
      } else {
        state = S_PATH;
        p--;
      }
      break;

    case S_FILE_SLASH:
      if (c == '/' || c == '\\') {
        state = S_FILE_HOST;
        bstart = p + 1;
      } else {
        if (base && base->type == URL_FILE) {
          CHK(sb_set(&u->host, &base->host));
          u->has_host = base->has_host;
          const char *fs;
          size_t fn;
          first_seg(&base->path, &fs, &fn);
          if (!starts_with_drive(s + p, (size_t)(end - p)) && base->nseg > 0 &&
              drive_letter(fs, fn, 1)) {
            CHK(sb_putc(&u->path, '/'));
            CHK(sb_put(&u->path, fs, fn));
            u->nseg++;
          }
        }
        state = S_PATH;
        p--;
      }
      break;

    case S_FILE_HOST:
      if (c == -1 || c == '/' || c == '\\' || c == '?' || c == '#') {
        size_t bn = (size_t)(p - bstart);
        p--;
        if (!override && drive_letter(s + bstart, bn, 0)) {
          /* The drive-letter quirk: the buffer becomes the path's first segment. */
          state = S_PATH;
          seg = (ptrdiff_t)u->path.n;
          CHK(sb_putc(&u->path, '/'));
          CHK(sb_put(&u->path, s + bstart, bn));
          seg_drive = 1;
        } else if (bn == 0) {
          u->has_host = 1;
          u->host.n = 0;
          if (override) return URL_OK;
          state = S_PATH_START;
        } else {
          int rc = host_parse(sc, u, s + bstart, bn, 0);
          if (rc) return rc;
          if (u->host.n == 9 && memcmp(u->host.p, "localhost", 9) == 0) u->host.n = 0;
          if (override) return URL_OK;
          state = S_PATH_START;
        }
      }
      break;

    case S_PATH_START:
      if (u->type) {
        state = S_PATH;
        if (c != '/' && c != '\\') p--;
      } else if (!override && c == '?') {
        u->has_query = 1;
        u->query.n = 0;
        state = S_QUERY;
        bstart = p + 1;
      } else if (!override && c == '#') {
        u->has_frag = 1;
        u->frag.n = 0;
        state = S_FRAGMENT;
      } else if (c != -1) {
        state = S_PATH;
        if (c != '/') p--;
      } else if (override && !u->has_host) {
        CHK(sb_putc(&u->path, '/'));
        u->nseg++;
      }
      break;

    case S_PATH:
      if (c == -1 || c == '/' || (u->type && c == '\\') || (!override && (c == '?' || c == '#'))) {
        if (seg < 0) {
          seg = (ptrdiff_t)u->path.n;
          CHK(sb_putc(&u->path, '/'));
        }
        const char *b = u->path.p + seg + 1;
        size_t bn = u->path.n - (size_t)seg - 1;
        int slash = c == '/' || (u->type && c == '\\');
        if (!seg_drive && is_double_dot(b, bn)) {
          u->path.n = (size_t)seg;
          path_shorten(u);
          if (!slash) {
            CHK(sb_putc(&u->path, '/'));
            u->nseg++;
          }
        } else if (!seg_drive && is_single_dot(b, bn)) {
          u->path.n = (size_t)seg;
          if (!slash) {
            CHK(sb_putc(&u->path, '/'));
            u->nseg++;
          }
        } else {
          if (u->type == URL_FILE && u->nseg == 0 && drive_letter(b, bn, 0)) {
            u->path.p[seg + 2] = ':';
          }
          u->nseg++;
        }
        seg = -1;
        seg_drive = 0;
        if (c == '?') {
          u->has_query = 1;
          u->query.n = 0;
          state = S_QUERY;
          bstart = p + 1;
        } else if (c == '#') {
          u->has_frag = 1;
          u->frag.n = 0;
          state = S_FRAGMENT;
        }
      } else {
        if (seg < 0) {
          seg = (ptrdiff_t)u->path.n;
          CHK(sb_putc(&u->path, '/'));
        }
        /* The rest of the segment at once. */
        ptrdiff_t k = p;
        while (k < end) {
          unsigned char ch = (unsigned char)s[k];
          if (ch == '/' || ch == '?' || ch == '#' || (u->type && ch == '\\')) break;
          k++;
        }
        if (override) {
          /* '?' and '#' are ordinary here (pathname setter): take them one by one. */
          if (k == p) k = p + 1;
        }
        CHK(put_enc(&u->path, s + p, (size_t)(k - p), ENC_PATH));
        p = k - 1;
      }
      break;

    case S_OPAQUE_PATH:
      if (c == '?') {
        u->has_query = 1;
        u->query.n = 0;
        state = S_QUERY;
        bstart = p + 1;
      } else if (c == '#') {
        u->has_frag = 1;
        u->frag.n = 0;
        state = S_FRAGMENT;
      } else if (c == ' ') {
        if (p + 1 < end && (s[p + 1] == '?' || s[p + 1] == '#')) {
          CHK(sb_put(&u->path, "%20", 3));
        } else {
          CHK(sb_putc(&u->path, ' '));
        }
      } else if (c != -1) {
        ptrdiff_t k = p;
        while (k < end && s[k] != '?' && s[k] != '#' && s[k] != ' ') k++;
        CHK(put_enc(&u->path, s + p, (size_t)(k - p), ENC_C0));
        p = k - 1;
      }
      break;

    case S_QUERY:
      if (c != -1 && (override || c != '#')) {
        /* Jump to the end of the query. */
        const char *h = override ? NULL : memchr(s + p, '#', (size_t)(end - p));
        p = (h ? h - s : end) - 1;
      } else {
        CHK(put_enc(&u->query, s + bstart, (size_t)(p - bstart),
                    u->type ? ENC_SQUERY : ENC_QUERY));
        if (c == '#') {
          u->has_frag = 1;
          u->frag.n = 0;
          state = S_FRAGMENT;
        }
      }
      break;

    case S_FRAGMENT:
      if (c != -1) {
        CHK(put_enc(&u->frag, s + p, (size_t)(end - p), ENC_FRAG));
        p = end - 1;
      }
      break;
    }
    if (p >= end) break;
    p++;
  }
  return URL_OK;
}

int url_set_userinfo(url_rec *u, int password, const char *v, size_t n) {
  pthread_once(&tables_once, tables_make);
  if (!u->has_host || u->host.n == 0 || u->type == URL_FILE) return URL_FAIL;
  url_sb *b = password ? &u->pass : &u->user;
  b->n = 0;
  return put_enc(b, v, n, ENC_USER) ? URL_NOMEM : URL_OK;
}

/* ---------------------------------------------------------------- serializer */

int url_serialize(const url_rec *u, url_sb *out, int32_t *off) {
  out->n = 0;
  size_t need = u->scheme.n + u->user.n + u->pass.n + u->host.n + u->path.n + u->query.n +
                u->frag.n + 32;
  if (url_sb_reserve(out, need)) return URL_NOMEM;
  char *o = out->p;
  size_t k = 0;
#define PUT(src, len)                      \
  do {                                     \
    if (len) memcpy(o + k, (src), (len));  \
    k += (len);                            \
  } while (0)
  PUT(u->scheme.p, u->scheme.n);
  o[k++] = ':';
  off[URL_O_PROTOCOL_END] = (int32_t)k;
  if (u->has_host) {
    o[k++] = '/';
    o[k++] = '/';
    off[URL_O_USER_START] = (int32_t)k;
    if (u->user.n || u->pass.n) {
      PUT(u->user.p, u->user.n);
      off[URL_O_USER_END] = (int32_t)k;
      if (u->pass.n) {
        o[k++] = ':';
        off[URL_O_PASS_START] = (int32_t)k;
        PUT(u->pass.p, u->pass.n);
      } else {
        off[URL_O_PASS_START] = (int32_t)k;
      }
      off[URL_O_PASS_END] = (int32_t)k;
      o[k++] = '@';
    } else {
      off[URL_O_USER_END] = off[URL_O_PASS_START] = off[URL_O_PASS_END] = (int32_t)k;
    }
    off[URL_O_HOST_START] = (int32_t)k;
    PUT(u->host.p, u->host.n);
    off[URL_O_HOST_END] = (int32_t)k;
    if (u->port != -1) {
      char tmp[8];
      int t = 0, v = u->port;
      do {
        tmp[t++] = (char)('0' + v % 10);
        v /= 10;
      } while (v);
      o[k++] = ':';
      while (t) o[k++] = tmp[--t];
    }
  } else {
    off[URL_O_USER_START] = off[URL_O_USER_END] = off[URL_O_PASS_START] =
        off[URL_O_PASS_END] = off[URL_O_HOST_START] = off[URL_O_HOST_END] = (int32_t)k;
    if (!u->opaque && u->nseg > 1 && u->path.n >= 2 && u->path.p[1] == '/') {
      o[k++] = '/';
      o[k++] = '.';
    }
  }
  off[URL_O_PORT] = u->port;
  off[URL_O_PATH_START] = (int32_t)k;
  PUT(u->path.p, u->path.n);
  if (u->has_query) {
    off[URL_O_SEARCH_START] = (int32_t)k;
    o[k++] = '?';
    PUT(u->query.p, u->query.n);
  } else {
    off[URL_O_SEARCH_START] = -1;
  }
  if (u->has_frag) {
    off[URL_O_HASH_START] = (int32_t)k;
    o[k++] = '#';
    PUT(u->frag.p, u->frag.n);
  } else {
    off[URL_O_HASH_START] = -1;
  }
#undef PUT
  off[URL_O_FLAGS] = (u->has_host ? URL_F_HOST : 0) | (u->type ? URL_F_SPECIAL : 0) |
                     (u->opaque ? URL_F_OPAQUE : 0) | (u->type == URL_FILE ? URL_F_FILE : 0);
  out->n = k;
  return URL_OK;
}

void url_scratch_free(url_scratch *sc) {
  url_sb_free(&sc->in);
  url_sb_free(&sc->tmp);
  url_sb_free(&sc->host);
}
