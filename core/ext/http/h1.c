/* h1.c: HTTP/1.1 request framing on Debian's http-parser (see h1.h).
 *
 * Who does what. Debian builds libhttp_parser with HTTP_PARSER_STRICT=0, which accepts
 * "HXTP/1.1", several SPs between the request line's parts, spaces in header names, tabs in
 * the target, and a chunk-size line ending in CR followed by any byte. So:
 *  - a scanner of our own (scan_head) checks the head's line structure first: CRLF only (a bare
 *    CR or bare LF is refused, the usual smuggling vector), no control bytes (HTAB only in
 *    field lines), no obs-fold, the request-target's length (414) and the head's (431). It
 *    also finds where the head ends, so http-parser is given exactly the head's bytes;
 *  - http-parser tokenizes the request line and the fields (method, target, version,
 *    Content-Length digits, Connection tokens) from a per-connection copy of the head, so a
 *    field split across feeds arrives as contiguous pieces we only have to extend;
 *  - at the end of the head (on_headers_complete) we check what the lenient build lets
 *    through (exact request-line shape, method spelling, header-name tokens, Host,
 *    Content-Length, Transfer-Encoding) and tell http-parser the message has no body;
 *  - the body is framed here: Content-Length by counting, chunked by a strict decoder
 *    (chunk_body), since http-parser's chunk framing is the lenient one above.
 * After each message we pause; h1_resume re-arms for the next pipelined request.
 *
 * Choices where RFC 9112 leaves room: a bare LF is refused like a bare CR (400), not taken as
 * a line end; empty lines before a request line are skipped (they count toward the head's
 * limit); CONNECT is 501 (no proxying here); a repeated Content-Length is 400 even when the
 * values agree (http-parser's rule); a Content-Length over 10^18 is 413; HTTP/0.9 is 505;
 * bytes 0x80-0xFF are taken in the target and in values; the asterisk form is OPTIONS's only;
 * a chunk-size line (size and extensions) is at most 4096 bytes and takes no whitespace
 * after the size unless an extension follows; trailer fields are checked and dropped.
 *
 * Steady state allocates nothing: the head buffer and the header array live in the h1_conn.
 */
#define _GNU_SOURCE
#include "ext/http/h1.h"

#include <dlfcn.h>
#include <http_parser.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ext/dl/own_scope.h"

#define LIBHTTP_PARSER "libhttp_parser.so.2.9"
#define H1_DEFAULT_MAX_HEADER_BYTES (16 * 1024)
#define H1_DEFAULT_MAX_TARGET (8 * 1024)
#define H1_MAX_CHUNK_LINE 4096 /* chunk-size line with its extensions */

/* ---- http-parser, loaded on first use ---- */

static struct {
  void (*parser_init)(http_parser *, enum http_parser_type);
  void (*settings_init)(http_parser_settings *);
  size_t (*execute)(http_parser *, const http_parser_settings *, const char *, size_t);
  int (*should_keep_alive)(const http_parser *);
  const char *(*errno_description)(enum http_errno);
  const char *(*method_str)(enum http_method);
  unsigned long (*version)(void);
} hp;

static http_parser_settings settings;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int load_ok;
static char load_err[256];

static int on_url(http_parser *p, const char *at, size_t len);
static int on_header_field(http_parser *p, const char *at, size_t len);
static int on_header_value(http_parser *p, const char *at, size_t len);
static int on_headers_complete(http_parser *p);

static void load(void) {
  int stubbed = rt_dl_stubbed("http_parser_execute", "libhttp_parser.so");
  void *h = rt_dl_open_own_scope(LIBHTTP_PARSER, stubbed, "http-parser", "libhttp-parser2.9",
                                 load_err, sizeof load_err);
  if (!h) return;
  struct {
    const char *name;
    void **slot;
  } syms[] = {
      {"http_parser_init", (void **)&hp.parser_init},
      {"http_parser_settings_init", (void **)&hp.settings_init},
      {"http_parser_execute", (void **)&hp.execute},
      {"http_should_keep_alive", (void **)&hp.should_keep_alive},
      {"http_errno_description", (void **)&hp.errno_description},
      {"http_method_str", (void **)&hp.method_str},
      {"http_parser_version", (void **)&hp.version},
  };
  for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++) {
    *syms[i].slot = dlsym(h, syms[i].name);
    if (!*syms[i].slot) {
      snprintf(load_err, sizeof load_err, "http-parser (%s) lacks %s", LIBHTTP_PARSER,
               syms[i].name);
      return;
    }
  }
  /* struct http_parser's layout is the header's: 2.9.3 added the bit fields we compile
   * against, 3.x may change them. */
  unsigned long v = hp.version();
  if ((v >> 16) != 2 || ((v >> 8) & 0xff) != 9 || (v & 0xff) < 3) {
    snprintf(load_err, sizeof load_err, "http-parser %lu.%lu.%lu found; 2.9.3 or a later 2.9 needed",
             v >> 16, (v >> 8) & 0xff, v & 0xff);
    return;
  }
  hp.settings_init(&settings);
  settings.on_url = on_url;
  settings.on_header_field = on_header_field;
  settings.on_header_value = on_header_value;
  settings.on_headers_complete = on_headers_complete;
  /* kept for the life of the process */
  __atomic_store_n(&load_ok, 1, __ATOMIC_RELEASE);
}

int h1_load(char *err, size_t errlen) {
  pthread_once(&load_once, load);
  if (__atomic_load_n(&load_ok, __ATOMIC_ACQUIRE)) return 0;
  if (err && errlen) snprintf(err, errlen, "%s", load_err);
  return -1;
}

/* ---- the connection ---- */

enum { ST_HEAD, ST_BODY_LENGTH, ST_BODY_CHUNKED, ST_PAUSED, ST_ERROR, ST_STOPPED };

/* scan_head's states: before the request line (empty lines are skipped), in a line, after a
 * line's CR, at a field line's start, after the empty line's CR. */
enum { SC_START, SC_START_CR, SC_LINE, SC_CR, SC_LINE_START, SC_END_CR };

/* chunk_body's states */
enum {
  CK_SIZE_FIRST, CK_SIZE, CK_SIZE_WS, CK_EXT, CK_SIZE_LF, CK_DATA, CK_DATA_CR, CK_DATA_LF,
  CK_TRAILER_START, CK_TRAILER_NAME, CK_TRAILER_VALUE, CK_TRAILER_LF, CK_END_LF
};

enum { CB_NONE, CB_FIELD, CB_VALUE };

struct h1_conn {
  http_parser parser;
  h1_limits limits;
  h1_callbacks cb;
  void *ud;
  int state;
  int err_status;
  const char *err_reason;
  /* the head */
  size_t used;         /* head bytes copied into buf */
  int scan;            /* SC_* */
  unsigned line;       /* lines ended so far (0: on the request line) */
  size_t line_start;   /* offset in buf of the request line (after skipped empty lines) */
  unsigned spaces;     /* SPs seen on the request line */
  size_t target_bytes; /* bytes after the request line's first SP, up to the second */
  const char *url;
  size_t url_len;
  size_t nheaders;
  int last_cb; /* CB_*: the last field callback, to join pieces */
  int head_complete;
  size_t nfields;      /* field lines seen (headers[] keeps the first H1_MAX_HEADERS) */
  h1_header spare;     /* where fields past H1_MAX_HEADERS are joined, to be counted */
  int scan_status;     /* scan_head's refusal, applied once http-parser saw the bytes before */
  const char *scan_reason;
  int stopped; /* a callback asked to stop */
  /* the body */
  uint64_t remaining; /* Content-Length: bytes left; chunked: bytes left in the chunk */
  uint64_t body_total;
  int chunk;           /* CK_* */
  size_t frame_bytes;  /* chunk-size line, or trailer section, so far */
  h1_header headers[H1_MAX_HEADERS];
  char buf[]; /* limits.max_header_bytes */
};

/* Byte classes of the head: 0 plain, else CR, LF, HTAB, or another control byte (NUL, DEL). */
enum { B_PLAIN, B_CR, B_LF, B_TAB, B_CTL };
static const unsigned char byte_class[256] = {
    [0 ... 8] = B_CTL,   ['\t'] = B_TAB, ['\n'] = B_LF,   [11 ... 12] = B_CTL,
    ['\r'] = B_CR,       [14 ... 31] = B_CTL, [127] = B_CTL,
};

/* RFC 9110 tchar */
static const unsigned char tchar[256] = {
    ['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1, ['*'] = 1, ['+'] = 1,
    ['-'] = 1, ['.'] = 1, ['^'] = 1, ['_'] = 1, ['`'] = 1, ['|'] = 1, ['~'] = 1,
    ['0' ... '9'] = 1, ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1,
};

/* What a Host value may hold (RFC 9110 7.2: uri-host [":" port]; reg-name's unreserved,
 * pct-encoded and sub-delims, an IP-literal's brackets and colons). */
static const unsigned char host_char[256] = {
    ['0' ... '9'] = 1, ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1, ['-'] = 1, ['.'] = 1, ['_'] = 1,
    ['~'] = 1, ['!'] = 1, ['$'] = 1, ['&'] = 1, ['\''] = 1, ['('] = 1, [')'] = 1, ['*'] = 1,
    ['+'] = 1, [','] = 1, [';'] = 1, ['='] = 1, [':'] = 1, ['['] = 1, [']'] = 1, ['%'] = 1,
};

static void reset_message(h1_conn *c) {
  c->state = ST_HEAD;
  c->used = 0;
  c->scan = SC_START;
  c->line = 0;
  c->line_start = 0;
  c->spaces = 0;
  c->target_bytes = 0;
  c->url = NULL;
  c->url_len = 0;
  c->nheaders = 0;
  c->nfields = 0;
  c->scan_status = 0;
  c->last_cb = CB_NONE;
  c->head_complete = 0;
  c->remaining = 0;
  c->body_total = 0;
  c->chunk = CK_SIZE_FIRST;
  c->frame_bytes = 0;
  hp.parser_init(&c->parser, HTTP_REQUEST);
  c->parser.data = c;
}

h1_conn *h1_new(const h1_limits *limits, const h1_callbacks *cb, void *ud) {
  if (!__atomic_load_n(&load_ok, __ATOMIC_ACQUIRE)) return NULL;
  h1_limits l = {H1_DEFAULT_MAX_HEADER_BYTES, H1_DEFAULT_MAX_TARGET, 0};
  if (limits) {
    if (limits->max_header_bytes) l.max_header_bytes = limits->max_header_bytes;
    if (limits->max_target) l.max_target = limits->max_target;
    l.max_body = limits->max_body;
  }
  h1_conn *c = malloc(sizeof *c + l.max_header_bytes);
  if (!c) return NULL;
  memset(c, 0, offsetof(h1_conn, headers)); /* headers[] and buf are written before read */
  c->limits = l;
  if (cb) c->cb = *cb;
  c->ud = ud;
  reset_message(c);
  return c;
}

void h1_free(h1_conn *c) { free(c); }

static int fail(h1_conn *c, int status, const char *reason) {
  if (!c->err_status) {
    c->err_status = status;
    c->err_reason = reason;
  }
  return -1;
}

/* ---- the head's line structure ---- */

/* Scans n bytes of the head. Returns how many belong to the head and are fine: all n, or up to
 * and including the empty line's LF (*done = 1), or up to the bad byte (*bad = 1, status set). */
/* 1 when one of the 8 bytes at p is below 0x20 or is 0x7f (exact for "any": a borrow only
 * propagates from a byte that is itself below 0x20). */
static inline int word_has_ctl(const unsigned char *p) {
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  uint64_t x;
  memcpy(&x, p, 8);
  uint64_t below_space = (x - ones * 0x20) & ~x & highs;
  uint64_t del = x ^ (ones * 0x7f);
  del = (del - ones) & ~del & highs;
  return (below_space | del) != 0;
}

static void scan_refuse(h1_conn *c, int status, const char *reason) {
  c->scan_status = status;
  c->scan_reason = reason;
}

static size_t scan_head(h1_conn *c, const unsigned char *p, size_t n, int *done, int *bad) {
  size_t i = 0;
  while (i < n) {
    switch (c->scan) {
      case SC_START: /* RFC 9112 2.2: empty lines before the request line are ignored */
        if (p[i] == '\r') {
          c->scan = SC_START_CR;
          i++;
          continue;
        }
        c->line_start = c->used + i;
        c->scan = SC_LINE;
        continue;
      case SC_START_CR:
      case SC_CR:
        if (p[i] != '\n') goto bare_cr;
        i++;
        if (c->scan == SC_START_CR) {
          c->scan = SC_START;
        } else {
          c->line++;
          c->scan = SC_LINE_START;
        }
        continue;
      case SC_LINE_START:
        if (p[i] == '\r') {
          c->scan = SC_END_CR;
          i++;
          continue;
        }
        if (p[i] == ' ' || p[i] == '\t') {
          scan_refuse(c, 400, c->line == 1 ? "whitespace before the first header field"
                                    : "obsolete line folding in a header field");
          goto bad;
        }
        c->scan = SC_LINE;
        continue;
      case SC_END_CR:
        if (p[i] != '\n') goto bare_cr;
        *done = 1;
        return i + 1;
      case SC_LINE:
        break;
    }
    /* in a line */
    if (c->line == 0) { /* the request line: count the target's bytes (between 1st and 2nd SP) */
      for (; i < n; i++) {
        unsigned char ch = p[i];
        if (byte_class[ch] != B_PLAIN) break;
        if (ch == ' ') {
          c->spaces++;
        } else if (c->spaces == 1 && ++c->target_bytes > c->limits.max_target) {
          scan_refuse(c, 414, "request-target too long");
          goto bad;
        }
      }
    } else { /* a field line: 8 bytes at a time while none is a control byte */
      for (;;) {
        while (n - i >= 8 && !word_has_ctl(p + i)) i += 8;
        while (i < n && byte_class[p[i]] == B_PLAIN) i++;
        if (i < n && p[i] == '\t') {
          i++;
          continue;
        }
        break;
      }
    }
    if (i == n) break;
    switch (byte_class[p[i]]) {
      case B_CR:
        c->scan = SC_CR;
        i++;
        continue;
      case B_LF:
        scan_refuse(c, 400, "bare LF in the request head");
        goto bad;
      case B_TAB:
        scan_refuse(c, 400, "tab in the request line");
        goto bad;
      default:
        scan_refuse(c, 400, p[i] ? "control character in the request head" : "NUL in the request head");
        goto bad;
    }
  }
  return i;
bare_cr:
  scan_refuse(c, 400, "bare CR in the request head");
bad:
  *bad = 1;
  return i;
}

/* ---- http-parser's callbacks (the head only) ---- */

static int on_url(http_parser *p, const char *at, size_t len) {
  h1_conn *c = p->data;
  if (!c->url) c->url = at;
  c->url_len += len; /* pieces are contiguous: they all come from buf */
  return 0;
}

static int on_header_field(http_parser *p, const char *at, size_t len) {
  h1_conn *c = p->data;
  h1_header *h;
  if (c->last_cb != CB_FIELD) {
    /* counted here, refused at the head's end (a fixed place whatever the feeds' sizes) */
    h = c->nfields++ < H1_MAX_HEADERS ? &c->headers[c->nheaders++] : &c->spare;
    h->name = at;
    h->name_len = len;
    h->value = NULL;
    h->value_len = 0;
    c->last_cb = CB_FIELD;
  } else {
    h = c->nfields > H1_MAX_HEADERS ? &c->spare : &c->headers[c->nheaders - 1];
    /* not a continuation of the same name: the previous line had no colon */
    if (at != h->name + h->name_len) return fail(c, 400, "header line without a colon");
    h->name_len += len;
  }
  /* the lenient build takes SP as a token byte */
  if (memchr(at, ' ', len)) return fail(c, 400, "invalid header field name");
  return 0;
}

static int on_header_value(http_parser *p, const char *at, size_t len) {
  h1_conn *c = p->data;
  if (c->nfields == 0) return fail(c, 400, "header value without a name");
  h1_header *h = c->nfields > H1_MAX_HEADERS ? &c->spare : &c->headers[c->nheaders - 1];
  if (c->last_cb == CB_FIELD) {
    h->value = at;
    h->value_len = len;
    c->last_cb = CB_VALUE;
  } else {
    if (at != h->value + h->value_len) return fail(c, 400, "obsolete line folding in a header field");
    h->value_len += len;
  }
  return 0;
}

static int name_is(const h1_header *h, const char *lower, size_t n) {
  if (h->name_len != n) return 0;
  for (size_t i = 0; i < n; i++) {
    if ((h->name[i] | 0x20) != lower[i]) return 0;
  }
  return 1;
}

static int ieq(const char *a, size_t alen, const char *lower) {
  size_t n = strlen(lower);
  if (alen != n) return 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)a[i];
    if (ch >= 'A' && ch <= 'Z') ch |= 0x20;
    if (ch != (unsigned char)lower[i]) return 0;
  }
  return 1;
}

/* Transfer-Encoding's codings (all its field lines make one list). */
typedef struct te_state {
  int present, chunked_seen, chunked_last, others, malformed;
} te_state;

static void te_add(te_state *te, const char *v, size_t n) {
  te->present = 1;
  size_t i = 0;
  while (i <= n) {
    size_t start = i;
    while (i < n && v[i] != ',') i++;
    size_t a = start, b = i;
    while (a < b && (v[a] == ' ' || v[a] == '\t')) a++;
    while (b > a && (v[b - 1] == ' ' || v[b - 1] == '\t')) b--;
    if (a < b) { /* empty list elements are allowed (RFC 9110 5.6.1) */
      size_t name_end = a;
      while (name_end < b && tchar[(unsigned char)v[name_end]]) name_end++;
      if (name_end == a) te->malformed = 1;
      int is_chunked = ieq(v + a, name_end - a, "chunked");
      if (is_chunked && name_end != b) te->malformed = 1; /* chunked takes no parameters */
      if (is_chunked) {
        te->chunked_seen++;
      } else {
        te->others = 1;
      }
      te->chunked_last = is_chunked;
    }
    i++;
  }
}

/* Content-Length: 1*DIGIT (http-parser refused repeats and non-digits already; this covers an
 * empty value, which it lets through as "no length"). */
static int parse_length(const char *v, size_t n, int64_t *out) {
  if (n == 0) return -1;
  int64_t x = 0;
  size_t digits = 0;
  for (size_t i = 0; i < n; i++) {
    if (v[i] < '0' || v[i] > '9') return -1;
    if (digits || v[i] != '0') digits++;
    if (digits <= 18) x = x * 10 + (v[i] - '0');
  }
  if (digits > 18) return -2; /* over 10^18 bytes: no server takes that */
  *out = x;
  return 0;
}

static int check_request_line(h1_conn *c) {
  const http_parser *p = &c->parser;
  const char *line = c->buf + c->line_start;
  const char *method = hp.method_str((enum http_method)p->method);
  size_t mlen = strlen(method);
  /* the lenient build takes several SPs between the parts; the method is compared with its
   * name in case the method matcher let a misspelling through */
  if (!c->url || c->url != line + mlen + 1 || memcmp(line, method, mlen) != 0)
    return fail(c, 400, "malformed request line");
  const char *end = c->url + c->url_len;
  const char *buf_end = c->buf + c->used;
  if (buf_end - end < 10 || memcmp(end, " HTTP/", 6) != 0 || end[7] != '.' || end[9] != '\r' ||
      end[6] < '0' || end[6] > '9' || end[8] < '0' || end[8] > '9')
    return fail(c, 400, "malformed HTTP version");
  if (p->http_major != 1 || p->http_minor > 1) return fail(c, 505, "HTTP version not supported");
  if (p->method == HTTP_CONNECT) return fail(c, 501, "CONNECT is not supported");
  if (c->url[0] == '*') {
    if (c->url_len != 1 || p->method != HTTP_OPTIONS)
      return fail(c, 400, "asterisk-form target other than OPTIONS *");
  } else if (c->url[0] != '/') {
    /* absolute-form: http-parser checked scheme "://" authority */
    if (!memchr(c->url, ':', c->url_len)) return fail(c, 400, "invalid request-target");
  }
  return 0;
}

static int on_headers_complete(http_parser *p) {
  h1_conn *c = p->data;
  c->head_complete = 1;
  if (c->last_cb == CB_FIELD) return fail(c, 400, "header line without a colon");
  if (check_request_line(c)) return -1;
  if (c->nfields > H1_MAX_HEADERS) return fail(c, 431, "too many header fields");

  h1_request r;
  memset(&r, 0, sizeof r);
  r.content_length = -1;
  int hosts = 0, lengths = 0;
  te_state te = {0};
  int64_t length = 0;
  for (size_t i = 0; i < c->nheaders; i++) {
    h1_header *h = &c->headers[i];
    while (h->value_len && (h->value[h->value_len - 1] == ' ' || h->value[h->value_len - 1] == '\t'))
      h->value_len--;
    if (!h->value) h->value = h->name + h->name_len; /* empty value: a valid pointer */
    switch (h->name_len) {
      case 4:
        if (name_is(h, "host", 4)) {
          hosts++;
          r.host = h->value;
          r.host_len = h->value_len;
        }
        break;
      case 6:
        if (name_is(h, "expect", 6) && p->http_minor == 1 &&
            ieq(h->value, h->value_len, "100-continue"))
          r.flags |= H1_EXPECT_CONTINUE;
        break;
      case 14:
        if (name_is(h, "content-length", 14)) {
          lengths++;
          int rc = parse_length(h->value, h->value_len, &length);
          if (rc == -2) return fail(c, 413, "Content-Length too large");
          if (rc) return fail(c, 400, "invalid Content-Length");
        }
        break;
      case 17:
        if (name_is(h, "transfer-encoding", 17)) te_add(&te, h->value, h->value_len);
        break;
    }
  }
  if (p->http_minor == 1 && hosts == 0) return fail(c, 400, "HTTP/1.1 request without Host");
  if (hosts > 1) return fail(c, 400, "more than one Host");
  for (size_t i = 0; i < r.host_len; i++) {
    if (!host_char[(unsigned char)r.host[i]]) return fail(c, 400, "invalid Host");
  }
  if (lengths > 1) return fail(c, 400, "more than one Content-Length");
  if (te.present) {
    if (lengths) return fail(c, 400, "Content-Length with Transfer-Encoding");
    if (p->http_minor == 0) return fail(c, 400, "Transfer-Encoding in an HTTP/1.0 request");
    if (te.malformed) return fail(c, 400, "malformed Transfer-Encoding");
    if (!te.chunked_last) return fail(c, 400, "Transfer-Encoding whose last coding is not chunked");
    if (te.chunked_seen > 1) return fail(c, 400, "chunked applied more than once");
    if (te.others) return fail(c, 501, "transfer coding not implemented");
    r.flags |= H1_CHUNKED | H1_HAS_BODY;
  } else if (lengths) {
    if (c->limits.max_body && (uint64_t)length > c->limits.max_body)
      return fail(c, 413, "request body too large");
    r.content_length = length;
    if (length > 0) r.flags |= H1_HAS_BODY;
  }

  r.method = c->buf + c->line_start;
  r.method_len = (size_t)(c->url - 1 - r.method);
  r.target = c->url;
  r.target_len = c->url_len;
  r.headers = c->headers;
  r.nheaders = c->nheaders;
  r.http_minor = p->http_minor;
  if (hp.should_keep_alive(p)) r.flags |= H1_KEEP_ALIVE;
  if (p->upgrade) r.flags |= H1_UPGRADE;

  if (c->cb.on_request && c->cb.on_request(c->ud, &r)) {
    c->stopped = 1;
    return -1;
  }
  if (r.flags & H1_CHUNKED) {
    c->state = ST_BODY_CHUNKED;
  } else if (r.content_length > 0) {
    c->state = ST_BODY_LENGTH;
    c->remaining = (uint64_t)r.content_length;
  }
  return 1; /* http-parser skips the body: ours to frame */
}

/* ---- the body ---- */

/* Hands body bytes over, up to limits.max_body exactly (so where the refusal falls does not
 * depend on how the bytes were split into feeds). */
static int deliver(h1_conn *c, const char *data, size_t n) {
  int over = 0;
  if (c->limits.max_body && c->body_total + n > c->limits.max_body) {
    n = (size_t)(c->limits.max_body - c->body_total);
    over = 1;
  }
  c->body_total += n;
  if (n && c->cb.on_body && c->cb.on_body(c->ud, data, n)) {
    c->stopped = 1;
    return -1;
  }
  return over ? fail(c, 413, "request body too large") : 0;
}

static int hexval(unsigned char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  ch |= 0x20;
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  return -1;
}

/* RFC 9112 7.1, strictly: CRLF line ends, hex size without overflow, extensions and trailer
 * fields without control bytes (trailers are checked and dropped). Returns the bytes used
 * (*done at the end of the message) or -1. */
static ssize_t chunk_body(h1_conn *c, const char *data, size_t len, int *done) {
  size_t i = 0;
  while (i < len) {
    unsigned char ch = (unsigned char)data[i];
    if (c->chunk == CK_DATA) {
      size_t n = len - i;
      if ((uint64_t)n > c->remaining) n = (size_t)c->remaining;
      if (deliver(c, data + i, n)) return -1;
      i += n;
      c->remaining -= n;
      if (c->remaining == 0) c->chunk = CK_DATA_CR;
      continue;
    }
    if (c->chunk >= CK_TRAILER_START) {
      if (++c->frame_bytes > c->limits.max_header_bytes)
        return fail(c, 431, "trailer section too large");
    } else if (++c->frame_bytes > H1_MAX_CHUNK_LINE) {
      return fail(c, 400, "chunk-size line too long");
    }
    switch (c->chunk) {
      case CK_SIZE_FIRST:
      case CK_SIZE: {
        int v = hexval(ch);
        if (v >= 0) {
          if (c->remaining >> 60) return fail(c, 400, "chunk size overflow");
          c->remaining = c->remaining << 4 | (uint64_t)v;
          c->chunk = CK_SIZE;
        } else if (c->chunk == CK_SIZE_FIRST) {
          return fail(c, 400, "invalid chunk size");
        } else if (ch == ';') {
          c->chunk = CK_EXT;
        } else if (ch == ' ' || ch == '\t') {
          c->chunk = CK_SIZE_WS;
        } else if (ch == '\r') {
          c->chunk = CK_SIZE_LF;
        } else {
          return fail(c, 400, "invalid chunk size");
        }
        break;
      }
      case CK_SIZE_WS: /* BWS is only allowed before an extension's ';' */
        if (ch == ';') {
          c->chunk = CK_EXT;
        } else if (ch != ' ' && ch != '\t') {
          return fail(c, 400, "invalid chunk size");
        }
        break;
      case CK_EXT:
        if (ch == '\r') {
          c->chunk = CK_SIZE_LF;
        } else if (byte_class[ch] != B_PLAIN && ch != '\t') {
          return fail(c, 400, "invalid chunk extension");
        }
        break;
      case CK_SIZE_LF:
        if (ch != '\n') return fail(c, 400, "bare CR in a chunk-size line");
        c->frame_bytes = 0;
        c->chunk = c->remaining ? CK_DATA : CK_TRAILER_START;
        break;
      case CK_DATA_CR:
        if (ch != '\r') return fail(c, 400, "chunk data longer than its size");
        c->chunk = CK_DATA_LF;
        break;
      case CK_DATA_LF:
        if (ch != '\n') return fail(c, 400, "bare CR after chunk data");
        c->frame_bytes = 0;
        c->chunk = CK_SIZE_FIRST;
        break;
      case CK_TRAILER_START:
        if (ch == '\r') {
          c->chunk = CK_END_LF;
        } else if (tchar[ch]) {
          c->chunk = CK_TRAILER_NAME;
        } else {
          return fail(c, 400, "invalid trailer field");
        }
        break;
      case CK_TRAILER_NAME:
        if (ch == ':') {
          c->chunk = CK_TRAILER_VALUE;
        } else if (!tchar[ch]) {
          return fail(c, 400, "invalid trailer field");
        }
        break;
      case CK_TRAILER_VALUE:
        if (ch == '\r') {
          c->chunk = CK_TRAILER_LF;
        } else if (byte_class[ch] != B_PLAIN && ch != '\t') {
          return fail(c, 400, "invalid trailer field");
        }
        break;
      case CK_TRAILER_LF:
        if (ch != '\n') return fail(c, 400, "bare CR in a trailer field");
        c->chunk = CK_TRAILER_START;
        break;
      case CK_END_LF:
        if (ch != '\n') return fail(c, 400, "bare CR after the trailer section");
        *done = 1;
        return (ssize_t)i + 1;
    }
    i++;
  }
  return (ssize_t)i;
}

/* ---- feeding ---- */

static ssize_t failed(h1_conn *c) {
  if (c->stopped) {
    c->state = ST_STOPPED;
    return H1_STOPPED;
  }
  c->state = ST_ERROR;
  if (!c->err_status) fail(c, 400, "malformed request");
  return H1_ERROR;
}

/* http-parser refused the head: its errno to a status (our callbacks set theirs first). */
static ssize_t parser_failed(h1_conn *c, size_t at) {
  if (c->stopped || c->err_status) return failed(c);
  enum http_errno e = (enum http_errno)c->parser.http_errno;
  /* the byte it stopped at; the status depends on it and what came before, never on what
   * follows (which a shorter feed would not have shown yet) */
  unsigned char ch = at < c->used ? (unsigned char)c->buf[at] : 0;
  switch (e) {
    case HPE_HEADER_OVERFLOW:
      fail(c, 431, "request header section too large");
      break;
    case HPE_INVALID_METHOD:
      /* a method it does not know, spelled as a token: 501 */
      if (tchar[ch] || (ch == ' ' && at > c->line_start)) {
        fail(c, 501, "method not implemented");
      } else {
        fail(c, 400, "invalid method");
      }
      break;
    case HPE_INVALID_VERSION:
      /* "HTTP/0.9" is well formed but unsupported */
      if (ch == '0' && at > 0 && c->buf[at - 1] == '/') {
        fail(c, 505, "HTTP version not supported");
      } else {
        fail(c, 400, "malformed HTTP version");
      }
      break;
    case HPE_UNEXPECTED_CONTENT_LENGTH:
      fail(c, 400, c->parser.uses_transfer_encoding ? "Content-Length with Transfer-Encoding"
                                                    : "more than one Content-Length");
      break;
    default:
      fail(c, 400, hp.errno_description(e));
      break;
  }
  return failed(c);
}

static ssize_t message_end(h1_conn *c, size_t used) {
  if (c->cb.on_message_end && c->cb.on_message_end(c->ud)) {
    c->stopped = 1;
    return failed(c);
  }
  c->state = ST_PAUSED;
  return (ssize_t)used;
}

ssize_t h1_feed(h1_conn *c, const char *data, size_t len) {
  size_t off = 0;
  switch (c->state) {
    case ST_PAUSED:
      return 0;
    case ST_ERROR:
      return H1_ERROR;
    case ST_STOPPED:
      return H1_STOPPED;
  }
  while (off < len) {
    switch (c->state) {
      case ST_HEAD: {
        size_t room = c->limits.max_header_bytes - c->used;
        size_t n = len - off < room ? len - off : room;
        int done = 0, bad = 0;
        size_t k = scan_head(c, (const unsigned char *)data + off, n, &done, &bad);
        if (k) {
          size_t at = c->used;
          memcpy(c->buf + at, data + off, k);
          c->used += k; /* before parsing: the callbacks look at the whole head so far */
          size_t got = hp.execute(&c->parser, &settings, c->buf + at, k);
          if (c->parser.http_errno != HPE_OK) return parser_failed(c, at + got);
          if (got != k || c->head_complete != done) return fail(c, 400, "malformed request head"), failed(c);
        }
        off += k;
        if (bad) return fail(c, c->scan_status, c->scan_reason), failed(c);
        if (!done) {
          if (c->used == c->limits.max_header_bytes)
            return fail(c, 431, "request header section too large"), failed(c);
          break; /* off == len: wait for more */
        }
        if (c->state == ST_HEAD) return message_end(c, off); /* no body */
        break;
      }
      case ST_BODY_LENGTH: {
        size_t n = len - off;
        if ((uint64_t)n > c->remaining) n = (size_t)c->remaining;
        if (deliver(c, data + off, n)) return failed(c);
        off += n;
        c->remaining -= n;
        if (c->remaining == 0) return message_end(c, off);
        break;
      }
      case ST_BODY_CHUNKED: {
        int done = 0;
        ssize_t k = chunk_body(c, data + off, len - off, &done);
        if (k < 0) return failed(c);
        off += (size_t)k;
        if (done) return message_end(c, off);
        break;
      }
      default:
        return failed(c);
    }
  }
  return (ssize_t)off;
}

void h1_resume(h1_conn *c) {
  if (c->state == ST_PAUSED) reset_message(c);
}

int h1_paused(const h1_conn *c) { return c->state == ST_PAUSED; }

int h1_idle(const h1_conn *c) {
  /* empty lines before a request line are not part of a request */
  return c->state == ST_PAUSED || (c->state == ST_HEAD && c->scan == SC_START);
}

int h1_finish(h1_conn *c) {
  if (c->state == ST_ERROR) return H1_ERROR;
  if (c->state == ST_STOPPED || h1_idle(c)) return 0;
  fail(c, 400, "connection closed in the middle of a request");
  c->state = ST_ERROR;
  return H1_ERROR;
}

int h1_error_status(const h1_conn *c) { return c->state == ST_ERROR ? c->err_status : 0; }

const char *h1_error_reason(const h1_conn *c) {
  return c->state == ST_ERROR && c->err_reason ? c->err_reason : "";
}
