/* Unit tests of the HTTP/1.1 request framing (core/ext/http/h1.c) alone: no runtime, no V8.
 * Each case is parsed three ways (whole, 7-byte feeds, byte by byte) and must give the same
 * transcript: the requests as on_request saw them, the body bytes, the message ends, and how
 * it ended (OK, ERR <status>, STOP). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ext/http/h1.h"

/* ---- a transcript of the callbacks ---- */

typedef struct rec {
  char *log;
  size_t n, cap;
  int stop_on; /* 1: on_request returns 1, 2: on_body, 3: on_message_end */
  int in_body;
} rec;

static void say(rec *r, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char tmp[256];
  int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (k < 0) return;
  if ((size_t)k >= sizeof tmp) k = sizeof tmp - 1;
  if (r->n + (size_t)k + 1 > r->cap) {
    r->cap = (r->n + (size_t)k + 1) * 2;
    r->log = realloc(r->log, r->cap);
  }
  memcpy(r->log + r->n, tmp, (size_t)k + 1);
  r->n += (size_t)k;
}

static int rec_request(void *ud, const h1_request *q) {
  rec *r = ud;
  unsigned f = q->flags;
  say(r, "REQ %.*s %.*s 1.%d %s%s%s%s%s cl=%lld", (int)q->method_len, q->method,
      (int)q->target_len, q->target, q->http_minor, f & H1_KEEP_ALIVE ? "K" : "-",
      f & H1_HAS_BODY ? "B" : "-", f & H1_CHUNKED ? "C" : "-", f & H1_EXPECT_CONTINUE ? "E" : "-",
      f & H1_UPGRADE ? "U" : "-", (long long)q->content_length);
  if (q->host) say(r, " host=%.*s", (int)q->host_len, q->host);
  for (size_t i = 0; i < q->nheaders; i++)
    say(r, " [%.*s: %.*s]", (int)q->headers[i].name_len, q->headers[i].name,
        (int)q->headers[i].value_len, q->headers[i].value);
  say(r, "\n");
  return r->stop_on == 1;
}

/* body bytes are joined: how they were split is not part of the transcript */
static int rec_body(void *ud, const char *d, size_t n) {
  rec *r = ud;
  if (!r->in_body) say(r, "BODY ");
  r->in_body = 1;
  for (size_t i = 0; i < n; i++) say(r, "%c", d[i]);
  return r->stop_on == 2;
}

static int rec_end(void *ud) {
  rec *r = ud;
  if (r->in_body) say(r, "\n");
  r->in_body = 0;
  say(r, "END\n");
  return r->stop_on == 3;
}

static const h1_callbacks rec_cb = {rec_request, rec_body, rec_end};

/* Feeds in pieces of `step` bytes (0: whole), resuming after each message; then h1_finish. */
static char *transcript(const char *in, size_t len, size_t step, const h1_limits *lim,
                        int stop_on) {
  rec r = {0};
  r.stop_on = stop_on;
  say(&r, "");
  h1_conn *c = h1_new(lim, &rec_cb, &r);
  assert_non_null(c);
  size_t pos = 0;
  ssize_t rc = 0;
  while (pos < len) {
    size_t n = step && len - pos > step ? step : len - pos;
    rc = h1_feed(c, in + pos, n);
    if (rc < 0) break;
    assert_true((size_t)rc <= n);
    pos += (size_t)rc;
    if (h1_paused(c)) {
      assert_true(h1_idle(c));
      assert_int_equal(h1_feed(c, in + pos, len - pos), 0); /* paused: takes nothing */
      h1_resume(c);
    } else {
      assert_int_equal((size_t)rc, n); /* only a pause leaves bytes */
    }
  }
  if (rc >= 0) rc = h1_finish(c);
  if (r.in_body) say(&r, "\n");
  if (rc == H1_ERROR) {
    assert_true(h1_error_reason(c)[0] != 0);
    if (getenv("H1_TEST_VERBOSE") && step == 0)
      fprintf(stderr, "%d %-45s <- %.*s\n", h1_error_status(c), h1_error_reason(c),
              (int)(len < 100 ? len : 100), in);
    say(&r, "ERR %d", h1_error_status(c));
  } else if (rc == H1_STOPPED) {
    say(&r, "STOP");
  } else {
    assert_int_equal(rc, 0);
    say(&r, "OK");
  }
  h1_free(c);
  return r.log;
}

/* The transcript, the same whatever the feeds' sizes. */
static char *parse3(const char *in, size_t len, const h1_limits *lim) {
  char *whole = transcript(in, len, 0, lim, 0);
  char *sevens = transcript(in, len, 7, lim, 0);
  char *bytes = transcript(in, len, 1, lim, 0);
  assert_string_equal(whole, sevens);
  assert_string_equal(whole, bytes);
  free(sevens);
  free(bytes);
  return whole;
}

#define EXPECT(in, want)                                    \
  do {                                                      \
    char *got_ = parse3(in, sizeof(in) - 1, NULL);          \
    assert_string_equal(got_, want);                        \
    free(got_);                                             \
  } while (0)

static int setup(void **state) {
  (void)state;
  char err[256];
  if (h1_load(err, sizeof err) != 0) {
    fprintf(stderr, "h1_load: %s\n", err);
    return -1;
  }
  return 0;
}

/* ---- requests that go through ---- */

static void simple_get(void **state) {
  (void)state;
  EXPECT("GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n",
         "REQ GET / 1.1 K---- cl=-1 host=127.0.0.1:8080 [Host: 127.0.0.1:8080]\nEND\nOK");
  /* names as sent, values trimmed, empty values, obs-text kept */
  EXPECT("GET /a?b=c HTTP/1.1\r\nhOsT:x\r\nX-Empty:\r\nX-Sp:  v  w \t\r\nX-8: \xc3\xa9\r\n\r\n",
         "REQ GET /a?b=c 1.1 K---- cl=-1 host=x [hOsT: x] [X-Empty: ] [X-Sp: v  w] "
         "[X-8: \xc3\xa9]\nEND\nOK");
  /* empty lines before a request are skipped */
  EXPECT("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
         "REQ GET / 1.1 K---- cl=-1 host=a [Host: a]\nEND\nOK");
  /* absolute-form, OPTIONS *, other methods */
  EXPECT("GET http://h/p?q HTTP/1.1\r\nHost: h\r\n\r\n",
         "REQ GET http://h/p?q 1.1 K---- cl=-1 host=h [Host: h]\nEND\nOK");
  /* Host: empty, IPv6 literal with port */
  EXPECT("GET / HTTP/1.1\r\nHost:\r\n\r\n", "REQ GET / 1.1 K---- cl=-1 host= [Host: ]\nEND\nOK");
  EXPECT("GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n",
         "REQ GET / 1.1 K---- cl=-1 host=[::1]:8080 [Host: [::1]:8080]\nEND\nOK");
  EXPECT("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n",
         "REQ OPTIONS * 1.1 K---- cl=-1 host=h [Host: h]\nEND\nOK");
  EXPECT("DELETE /x HTTP/1.1\r\nHost: h\r\n\r\n",
         "REQ DELETE /x 1.1 K---- cl=-1 host=h [Host: h]\nEND\nOK");
  EXPECT("M-SEARCH /x HTTP/1.1\r\nHost: h\r\n\r\n",
         "REQ M-SEARCH /x 1.1 K---- cl=-1 host=h [Host: h]\nEND\nOK");
}

static void keep_alive(void **state) {
  (void)state;
  EXPECT("GET / HTTP/1.0\r\n\r\n", "REQ GET / 1.0 ----- cl=-1\nEND\nOK");
  EXPECT("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
         "REQ GET / 1.0 K---- cl=-1 [Connection: keep-alive]\nEND\nOK");
  EXPECT("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
         "REQ GET / 1.1 ----- cl=-1 host=a [Host: a] [Connection: close]\nEND\nOK");
  EXPECT("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
         "REQ GET / 1.1 K---U cl=-1 host=a [Host: a] [Connection: Upgrade] "
         "[Upgrade: websocket]\nEND\nOK");
  EXPECT("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\nx",
         "REQ POST / 1.1 KB-E- cl=1 host=a [Host: a] [Expect: 100-Continue] "
         "[Content-Length: 1]\nBODY x\nEND\nOK");
}

static void pipelined(void **state) {
  (void)state;
  static const char in[] =
      "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
      "POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
      "GET /3 HTTP/1.1\r\nHost: a\r\n\r\n";
  rec r = {0};
  say(&r, "");
  h1_conn *c = h1_new(NULL, &rec_cb, &r);
  assert_true(h1_idle(c) && !h1_paused(c));
  size_t len = sizeof in - 1, first = strlen("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n");
  assert_int_equal(h1_feed(c, in, len), (ssize_t)first);
  assert_true(h1_paused(c));
  assert_int_equal(h1_feed(c, in + first, len - first), 0); /* paused */
  assert_int_equal(h1_finish(c), 0);                         /* between messages */
  h1_resume(c);
  assert_false(h1_paused(c));
  ssize_t second = h1_feed(c, in + first, len - first);
  assert_int_equal(second, (ssize_t)strlen("POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"));
  h1_resume(c);
  assert_int_equal(h1_feed(c, in + first + second, 3), 3); /* "GET" of the third */
  assert_false(h1_idle(c));
  assert_int_equal(h1_feed(c, in + first + second + 3, len - first - second - 3),
                   (ssize_t)(len - first - second - 3));
  assert_true(h1_paused(c));
  assert_string_equal(r.log,
                      "REQ GET /1 1.1 K---- cl=-1 host=a [Host: a]\nEND\n"
                      "REQ POST /2 1.1 KB--- cl=3 host=a [Host: a] [Content-Length: 3]\nBODY abc\nEND\n"
                      "REQ GET /3 1.1 K---- cl=-1 host=a [Host: a]\nEND\n");
  h1_free(c);
  free(r.log);
  /* the same through the transcript helper, every split */
  char *t = parse3(in, len, NULL);
  assert_non_null(strstr(t, "GET /3"));
  free(t);
}

static void bodies(void **state) {
  (void)state;
  EXPECT("POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
         "REQ POST /p 1.1 KB--- cl=5 host=a [Host: a] [Content-Length: 5]\nBODY hello\nEND\nOK");
  EXPECT("POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
         "REQ POST /p 1.1 K---- cl=0 host=a [Host: a] [Content-Length: 0]\nEND\nOK");
  EXPECT("POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 007\r\n\r\n1234567",
         "REQ POST /p 1.1 KB--- cl=7 host=a [Host: a] [Content-Length: 007]\nBODY 1234567\nEND\nOK");
  /* chunked, with extensions (BWS before ';'), upper-case hex, and trailers (dropped) */
  EXPECT("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
         "5;a=b\r\nhello\r\n6 ; x=\"y z\"\r\n world\r\nA\r\n0123456789\r\n0\r\nT: v\r\nU:\r\n\r\n",
         "REQ POST /c 1.1 KBC-- cl=-1 host=a [Host: a] [Transfer-Encoding: chunked]\n"
         "BODY hello world0123456789\nEND\nOK");
  EXPECT("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n",
         "REQ POST /c 1.1 KBC-- cl=-1 host=a [Host: a] [Transfer-Encoding: Chunked]\nEND\nOK");
  /* a chunked message, then the next one */
  EXPECT("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n"
         "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
         "REQ POST / 1.1 KBC-- cl=-1 host=a [Host: a] [Transfer-Encoding: chunked]\nBODY x\nEND\n"
         "REQ GET / 1.1 K---- cl=-1 host=a [Host: a]\nEND\nOK");
}

/* ---- refusals ---- */

typedef struct refusal {
  const char *in;
  int status;
} refusal;

static const refusal refusals[] = {
    /* malformed request line */
    {"GET / HXTP/1.1\r\nHost: a\r\n\r\n", 400},
    {"GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400},
    {"GET /  HTTP/1.1\r\nHost: a\r\n\r\n", 400},
    {" GET / HTTP/1.1\r\nHost: a\r\n\r\n", 400},
    {"GET / HTTP/1.1 \r\nHost: a\r\n\r\n", 400},
    {"GET /\r\n\r\n", 400},
    {"GET /a\tb HTTP/1.1\r\nHost: a\r\n\r\n", 400},
    {"GET a/b HTTP/1.1\r\nHost: a\r\n\r\n", 400},
    {"GET * HTTP/1.1\r\nHost: a\r\n\r\n", 400},
    {"OPTIONS *x HTTP/1.1\r\nHost: a\r\n\r\n", 400},
    {"M-SEARCH * HTTP/1.1\r\nHost: a\r\n\r\n", 400}, /* asterisk-form is OPTIONS's only */
    {"GET / HTTP/1.1x\r\nHost: a\r\n\r\n", 400},
    {"GET / HTTP/11.1\r\nHost: a\r\n\r\n", 400},
    {"GET/ HTTP/1.1\r\nHost: a\r\n\r\n", 400},
    /* methods */
    {"PUX / HTTP/1.1\r\nHost: a\r\n\r\n", 501},
    {"BREW / HTTP/1.1\r\nHost: a\r\n\r\n", 501},
    {"get / HTTP/1.1\r\nHost: a\r\n\r\n", 501},
    {"GETX / HTTP/1.1\r\nHost: a\r\n\r\n", 501},
    {"CONNECT h:443 HTTP/1.1\r\nHost: h:443\r\n\r\n", 501},
    /* versions */
    {"GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505},
    {"GET / HTTP/1.2\r\nHost: a\r\n\r\n", 505},
    {"GET / HTTP/0.9\r\n\r\n", 505},
    /* header fields */
    {"GET / HTTP/1.1\r\nHost: a\r\nFoo Bar: x\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\nX: y\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: a\r\n: empty\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nX(y): z\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n", 400},   /* obs-fold */
    {"GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n\tb\r\n\r\n", 400},  /* obs-fold */
    {"GET / HTTP/1.1\r\n Host: a\r\n\r\n", 400},                /* space before 1st field */
    {"GET / HTTP/1.1\r\nHost: a\r\nX: a\x01\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nX: a\x7f\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nX: a\x0b\r\n\r\n", 400},
    /* line ends */
    {"GET / HTTP/1.1\nHost: a\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: a\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: a\r\n\n", 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nX: b\rY: c\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: a\r\n\rX", 400},
    {"\n\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", 400},
    /* Host */
    {"GET / HTTP/1.1\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: u@h\r\n\r\n", 400},
    {"GET / HTTP/1.1\r\nHost: h/p\r\n\r\n", 400},
    {"GET / HTTP/1.0\r\nHost: h\xc3\xa9\r\n\r\n", 400},
    /* Content-Length */
    {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\nabc", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1 2\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9999999999999999999\r\n\r\n", 413},
    /* smuggling: Content-Length with Transfer-Encoding, codings */
    {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunkedx\r\n\r\n0\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked;q=1\r\n\r\n0\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding:\r\n\r\n", 400},
    {"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501},
    /* chunk framing */
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\rXabc\r\n0\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\n0\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nx\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0x3\r\nabc\r\n0\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3 \r\nabc\r\n0\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;a\x01\r\nabc\r\n0\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: a\r\n b\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT a\r\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: a\n\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\r", 400},
    /* cut short (h1_finish) */
    {"GET / HTTP/1.1\r\nHost: a\r\n", 400},
    {"G", 400},
    {"\r\n\r", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhel", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", 400},
    {"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r", 400},
};

static void refused(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
    const char *in = refusals[i].in;
    char *t = parse3(in, strlen(in), NULL);
    const char *err = strstr(t, "ERR ");
    if (!err || atoi(err + 4) != refusals[i].status) {
      fprintf(stderr, "case %zu: %s\n  gave: %s\n", i, in, t);
      fail();
    }
    free(t);
  }
}

/* NUL inside the head, with explicit lengths */
static void nul_bytes(void **state) {
  (void)state;
  static const char a[] = "GET / HTTP/1.1\r\nHost: a\r\nX: a\0b\r\n\r\n";
  static const char b[] = "GET /\0 HTTP/1.1\r\nHost: a\r\n\r\n";
  static const char c[] = "GET / HTTP/1.1\r\nHost: a\0\r\n\r\n";
  static const char d[] = "GET / HTTP/1.1\r\nHo\0st: a\r\n\r\n";
  const char *ins[] = {a, b, c, d};
  size_t lens[] = {sizeof a - 1, sizeof b - 1, sizeof c - 1, sizeof d - 1};
  for (int i = 0; i < 4; i++) {
    char *t = parse3(ins[i], lens[i], NULL);
    assert_string_equal(t, "ERR 400");
    free(t);
  }
}

/* Every control byte refused wherever it falls in a long value (the scanner reads 8 bytes at a
 * time there), and the bytes around them taken. */
static void control_bytes_anywhere(void **state) {
  (void)state;
  const char *pre = "GET / HTTP/1.1\r\nHost: a\r\nX: ";
  size_t plen = strlen(pre);
  char req[128];
  for (int ch = 0; ch < 256; ch++) {
    int refused = (ch < 0x20 && ch != '\t') || ch == 0x7f;
    for (size_t pos = 1; pos < 24; pos++) {
      memcpy(req, pre, plen);
      memset(req + plen, 'v', 25);
      req[plen + pos] = (char)ch;
      memcpy(req + plen + 25, "\r\n\r\n", 4);
      size_t len = plen + 29;
      char *t = transcript(req, len, 0, NULL, 0);
      const char *end = strrchr(t, '\n');
      end = end ? end + 1 : t;
      if (strcmp(end, refused ? "ERR 400" : "OK") != 0) {
        fprintf(stderr, "byte 0x%02x at %zu: %s\n", ch, pos, t);
        fail();
      }
      free(t);
    }
  }
}

/* ---- limits: exactly at, and one over ---- */

static char *head_of(size_t total, const char *prefix) {
  /* prefix + "X: vvv...\r\n\r\n" of exactly total bytes */
  size_t plen = strlen(prefix);
  char *s = malloc(total + 1);
  memcpy(s, prefix, plen);
  memcpy(s + plen, "X: ", 3);
  size_t vlen = total - plen - 3 - 4;
  memset(s + plen + 3, 'v', vlen);
  memcpy(s + plen + 3 + vlen, "\r\n\r\n", 4);
  s[total] = 0;
  return s;
}

static const char *status_of(char *t, char *buf, size_t n) {
  const char *e = strrchr(t, '\n');
  snprintf(buf, n, "%s", e ? e + 1 : t);
  free(t);
  return buf;
}

static void limits(void **state) {
  (void)state;
  char b[64];
  h1_limits lim = {.max_header_bytes = 1000, .max_target = 100, .max_body = 10};
  const char *pre = "GET / HTTP/1.1\r\nHost: a\r\n";
  char *s = head_of(1000, pre);
  assert_string_equal(status_of(parse3(s, 1000, &lim), b, sizeof b), "OK");
  free(s);
  s = head_of(1001, pre);
  assert_string_equal(status_of(parse3(s, 1001, &lim), b, sizeof b), "ERR 431");
  free(s);
  /* the default: 16 KiB */
  s = head_of(16384, pre);
  assert_string_equal(status_of(parse3(s, 16384, NULL), b, sizeof b), "OK");
  free(s);
  s = head_of(16385, pre);
  assert_string_equal(status_of(parse3(s, 16385, NULL), b, sizeof b), "ERR 431");
  free(s);

  /* target: 100 bytes, 101 */
  char req[512];
  char target[128];
  memset(target, 'a', sizeof target);
  target[0] = '/';
  int n = snprintf(req, sizeof req, "GET %.*s HTTP/1.1\r\nHost: a\r\n\r\n", 100, target);
  assert_string_equal(status_of(parse3(req, (size_t)n, &lim), b, sizeof b), "OK");
  n = snprintf(req, sizeof req, "GET %.*s HTTP/1.1\r\nHost: a\r\n\r\n", 101, target);
  assert_string_equal(status_of(parse3(req, (size_t)n, &lim), b, sizeof b), "ERR 414");
  /* a target over the limit with no end in sight: 414, not 431 */
  char *longt = malloc(4000);
  memcpy(longt, "GET /", 5);
  memset(longt + 5, 'a', 3995);
  assert_string_equal(status_of(parse3(longt, 4000, &lim), b, sizeof b), "ERR 414");
  free(longt);

  /* fields: 128, 129 */
  size_t cap = 128 * 16 + 256, len = 0;
  char *many = malloc(cap);
  len += (size_t)sprintf(many, "GET / HTTP/1.1\r\n");
  for (int i = 0; i < 127; i++) len += (size_t)sprintf(many + len, "X%d: y\r\n", i);
  size_t at128 = len;
  len += (size_t)sprintf(many + len, "Host: a\r\n\r\n");
  char *t = parse3(many, len, NULL);
  assert_non_null(strstr(t, "[X126: y] [Host: a]\nEND\nOK"));
  free(t);
  len = at128 + (size_t)sprintf(many + at128, "Y: z\r\nHost: a\r\n\r\n");
  assert_string_equal(status_of(parse3(many, len, NULL), b, sizeof b), "ERR 431");
  free(many);

  /* body: Content-Length 10 then 11 (refused before on_request), chunked 10 then 11 */
  t = parse3("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789",
             strlen("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n0123456789"), &lim);
  assert_non_null(strstr(t, "BODY 0123456789\nEND\nOK"));
  free(t);
  t = parse3("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n0123456789a",
             strlen("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n0123456789a"), &lim);
  assert_string_equal(t, "ERR 413");
  free(t);
  const char *ck10 = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "4\r\n0123\r\n6\r\n456789\r\n0\r\n\r\n";
  t = parse3(ck10, strlen(ck10), &lim);
  assert_non_null(strstr(t, "BODY 0123456789\nEND\nOK"));
  free(t);
  const char *ck11 = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "4\r\n0123\r\n7\r\n456789a\r\n0\r\n\r\n";
  t = parse3(ck11, strlen(ck11), &lim);
  assert_string_equal(status_of(t, b, sizeof b), "ERR 413");
  /* a chunk-size line (size and extensions) is at most 4096 bytes, CRLF included */
  const char *hd = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (size_t line = 4096; line <= 4097; line++) {
    size_t hl = strlen(hd);
    char *big = malloc(hl + line + 16);
    memcpy(big, hd, hl);
    big[hl] = '1';
    big[hl + 1] = ';';
    memset(big + hl + 2, 'e', line - 4);
    memcpy(big + hl + line - 2, "\r\nx\r\n0\r\n\r\n", 10);
    t = parse3(big, hl + line + 8, NULL);
    assert_string_equal(status_of(t, b, sizeof b), line == 4096 ? "OK" : "ERR 400");
    free(big);
  }
  /* no limit: max_body 0 */
  h1_limits nolim = {.max_body = 0};
  t = parse3(ck11, strlen(ck11), &nolim);
  assert_non_null(strstr(t, "BODY 0123456789a\nEND\nOK"));
  free(t);
}

/* ---- the rest of the interface ---- */

static void finish_and_stop(void **state) {
  (void)state;
  rec r = {0};
  say(&r, "");
  h1_conn *c = h1_new(NULL, &rec_cb, &r);
  const char *in = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhel";
  assert_int_equal(h1_feed(c, in, strlen(in)), (ssize_t)strlen(in));
  assert_false(h1_idle(c));
  assert_int_equal(h1_finish(c), H1_ERROR);
  assert_int_equal(h1_error_status(c), 400);
  assert_int_equal(h1_feed(c, "lo", 2), H1_ERROR); /* failed stays failed */
  h1_free(c);
  free(r.log);
  r = (rec){0};
  say(&r, "");

  c = h1_new(NULL, &rec_cb, &r);
  assert_int_equal(h1_finish(c), 0); /* nothing sent */
  assert_int_equal(h1_feed(c, "\r\n\r\n", 4), 4);
  assert_true(h1_idle(c));
  assert_int_equal(h1_finish(c), 0); /* only empty lines */
  h1_free(c);

  /* a callback's nonzero stops at once */
  const char *post = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nab";
  for (int stop = 1; stop <= 3; stop++) {
    char *t = transcript(post, strlen(post), 0, NULL, stop);
    assert_string_equal(t + strlen(t) - 4, "STOP");
    free(t);
  }
  r.stop_on = 1;
  c = h1_new(NULL, &rec_cb, &r);
  assert_int_equal(h1_feed(c, post, strlen(post)), H1_STOPPED);
  assert_int_equal(h1_feed(c, post, strlen(post)), H1_STOPPED);
  h1_free(c);

  /* error reasons are there */
  c = h1_new(NULL, &rec_cb, &r);
  const char *bad = "GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n b\r\n\r\n";
  assert_int_equal(h1_feed(c, bad, strlen(bad)), H1_ERROR);
  assert_int_equal(h1_error_status(c), 400);
  assert_non_null(strstr(h1_error_reason(c), "folding"));
  h1_free(c);
  free(r.log);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(simple_get),      cmocka_unit_test(keep_alive),
      cmocka_unit_test(pipelined),       cmocka_unit_test(bodies),
      cmocka_unit_test(refused),         cmocka_unit_test(nul_bytes),
      cmocka_unit_test(control_bytes_anywhere),
      cmocka_unit_test(limits),          cmocka_unit_test(finish_and_stop),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
