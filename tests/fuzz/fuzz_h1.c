/* fuzz_h1.c: the HTTP/1.1 request framing (core/ext/http/h1.c) on arbitrary bytes.
 *
 * The first input byte picks a split position and small limits; the rest is fed three ways:
 * whole, in two feeds split there, and (short inputs) byte by byte, each resuming after every
 * message and calling h1_finish at the end. Checked: no crash or sanitizer report, each feed
 * uses at most what it was given (less only when paused), an error's status is one of h1.h's,
 * and the three transcripts (requests as on_request saw them, body bytes, message ends, how it
 * ended) are the same: where a request is cut into feeds must not change what it means. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ext/http/h1.h"
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A transcript as an FNV-1a hash plus a length, so no memory grows with the input. */
typedef struct rec {
  uint64_t hash;
  uint64_t events;
} rec;

static void mix(rec *r, const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) r->hash = (r->hash ^ b[i]) * 0x100000001b3ULL;
}

static void mix_tag(rec *r, char tag) {
  mix(r, &tag, 1);
  r->events++;
}

static int on_request(void *ud, const h1_request *q) {
  rec *r = ud;
  mix_tag(r, 'R');
  FUZZ_CHECK(q->method && q->method_len && q->target && q->target_len, "empty method or target");
  FUZZ_CHECK(q->http_minor == 0 || q->http_minor == 1, "minor %d", q->http_minor);
  FUZZ_CHECK(q->http_minor == 0 || q->host, "HTTP/1.1 without host");
  FUZZ_CHECK(q->nheaders <= H1_MAX_HEADERS, "%zu headers", q->nheaders);
  FUZZ_CHECK(!(q->flags & H1_CHUNKED) || q->content_length == -1, "chunked with a length");
  mix(r, q->method, q->method_len);
  mix(r, q->target, q->target_len);
  mix(r, &q->http_minor, sizeof q->http_minor);
  mix(r, &q->flags, sizeof q->flags);
  mix(r, &q->content_length, sizeof q->content_length);
  for (size_t i = 0; i < q->nheaders; i++) {
    const h1_header *h = &q->headers[i];
    FUZZ_CHECK(h->name_len > 0, "empty header name");
    FUZZ_CHECK(!h->value_len || (h->value[0] != ' ' && h->value[h->value_len - 1] != ' '),
          "untrimmed value");
    mix(r, h->name, h->name_len);
    mix_tag(r, ':');
    mix(r, h->value, h->value_len);
  }
  if (q->host) mix(r, q->host, q->host_len);
  return 0;
}

/* body bytes, not their split */
static int on_body(void *ud, const char *d, size_t n) {
  rec *r = ud;
  FUZZ_CHECK(n > 0, "empty body piece");
  mix(r, d, n);
  return 0;
}

static int on_message_end(void *ud) {
  mix_tag(ud, 'E');
  return 0;
}

static const h1_callbacks callbacks = {on_request, on_body, on_message_end};

/* Feeds data in pieces ending at the given cut points; returns the transcript's hash. */
static uint64_t run(const h1_limits *lim, const char *data, size_t size, const size_t *cuts,
                    size_t ncuts, size_t step, int *status) {
  rec r = {0xcbf29ce484222325ULL, 0};
  h1_conn *c = h1_new(lim, &callbacks, &r);
  FUZZ_CHECK(c != NULL, "h1_new");
  size_t pos = 0, cut = 0;
  ssize_t rc = 0;
  while (pos < size) {
    size_t end = size;
    while (cut < ncuts && cuts[cut] <= pos) cut++;
    if (cut < ncuts) end = cuts[cut];
    if (step && end - pos > step) end = pos + step;
    size_t n = end - pos;
    rc = h1_feed(c, data + pos, n);
    if (rc < 0) break;
    FUZZ_CHECK((size_t)rc <= n, "used %zd of %zu", rc, n);
    pos += (size_t)rc;
    if (h1_paused(c)) {
      FUZZ_CHECK(h1_idle(c), "paused but not idle");
      FUZZ_CHECK(h1_feed(c, data + pos, size - pos) == 0, "a paused connection took bytes");
      h1_resume(c);
    } else {
      FUZZ_CHECK((size_t)rc == n, "not paused, used %zd of %zu", rc, n);
    }
  }
  if (rc >= 0) rc = h1_finish(c);
  *status = 0;
  if (rc == H1_ERROR) {
    int s = h1_error_status(c);
    FUZZ_CHECK(s == 400 || s == 413 || s == 414 || s == 431 || s == 501 || s == 505, "status %d", s);
    FUZZ_CHECK(h1_error_reason(c)[0], "no reason");
    FUZZ_CHECK(h1_feed(c, "x", 1) == H1_ERROR, "a failed connection parsed on");
    *status = s;
  } else {
    FUZZ_CHECK(rc == 0, "h1_finish gave %zd", rc);
  }
  h1_free(c);
  mix(&r, status, sizeof *status);
  return r.hash ^ r.events;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int loaded;
  if (!loaded) {
    char err[256];
    FUZZ_CHECK(h1_load(err, sizeof err) == 0, "h1_load: %s", err);
    loaded = 1;
  }
  if (size < 1) return 0;
  uint8_t knob = data[0];
  const char *in = (const char *)data + 1;
  size_t n = size - 1;
  /* small limits half of the time, so the fuzzer reaches them */
  h1_limits small = {.max_header_bytes = 64 + (knob & 0x3f) * 8, .max_target = 16 + (knob & 0x1f),
                     .max_body = 1 + (knob & 0x0f) * 4};
  const h1_limits *lim = (knob & 0x80) ? &small : NULL;
  size_t split = n ? (size_t)knob * n / 255 : 0;

  int s_whole, s_split, s_bytes;
  uint64_t whole = run(lim, in, n, NULL, 0, 0, &s_whole);
  size_t cuts[1] = {split};
  uint64_t two = run(lim, in, n, cuts, 1, 0, &s_split);
  FUZZ_CHECK(whole == two, "whole and split at %zu differ (status %d vs %d)", split, s_whole, s_split);
  if (n <= 512) {
    uint64_t bytes = run(lim, in, n, NULL, 0, 1, &s_bytes);
    FUZZ_CHECK(whole == bytes, "whole and byte by byte differ (status %d vs %d)", s_whole, s_bytes);
  }
  return 0;
}
