/*
 * h1.h: HTTP/1.1 request framing for the server (RFC 9112), on Debian's http-parser
 * (libhttp-parser2.9, dlopen()ed at the first server): bytes in, requests out. No I/O, no
 * V8, no libuv, so it can be unit-tested and fuzzed alone (tests/unit/test_h1.c,
 * tools/fuzz). server.c owns the sockets and calls it.
 *
 * One h1_conn per connection. h1_feed parses what it is given; at each request's header
 * section it calls on_request, then on_body for the (de-chunked) body bytes, then
 * on_message_end. After on_message_end the parser pauses: h1_feed returns how many bytes it
 * used (the rest is the next pipelined request), and the caller calls h1_resume once the
 * response to that request is done, then feeds the rest. Responses so stay in order with no
 * queue.
 *
 * What is refused (h1_feed returns H1_ERROR, h1_error_status says the status to answer with,
 * the connection is then closed): a malformed request line or header (400), obs-fold (400),
 * NUL and other control bytes in the head (400), Content-Length with Transfer-Encoding
 * (400: request smuggling), differing or invalid Content-Length values (400), a
 * Transfer-Encoding whose last coding is not chunked (400; other codings 501), a malformed
 * or overflowing chunk size (400), a header section over limits.max_header_bytes (431), a
 * request-target over limits.max_target (414), a body over limits.max_body (413), an HTTP
 * version other than 1.0/1.1 (505), HTTP/1.1 without Host (400).
 */
#ifndef MRT_HTTP_H1_H
#define MRT_HTTP_H1_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define H1_MAX_HEADERS 128 /* more fields: 431 */

typedef struct h1_limits {
  size_t max_header_bytes; /* request line + header section; default 16 KiB */
  size_t max_target;       /* request-target; default 8 KiB */
  uint64_t max_body;       /* decoded body bytes; 0 = no limit */
} h1_limits;

typedef struct h1_header {
  const char *name; /* as sent (not lower-cased), not NUL-terminated */
  size_t name_len;
  const char *value; /* leading and trailing whitespace removed */
  size_t value_len;
} h1_header;

enum {
  H1_KEEP_ALIVE = 1 << 0,     /* the connection may serve another request after this one */
  H1_HAS_BODY = 1 << 1,       /* Content-Length > 0 or chunked */
  H1_CHUNKED = 1 << 2,        /* body length unknown (content_length is -1) */
  H1_EXPECT_CONTINUE = 1 << 3, /* Expect: 100-continue (HTTP/1.1) */
  H1_UPGRADE = 1 << 4         /* Connection: upgrade with an Upgrade header */
};

/* A request's head, valid only during on_request (its memory is the parser's). */
typedef struct h1_request {
  const char *method; /* upper-case token as sent, e.g. "GET" */
  size_t method_len;
  const char *target; /* request-target as sent, e.g. "/a?b" */
  size_t target_len;
  const h1_header *headers;
  size_t nheaders;
  const char *host; /* the Host header's value (NULL: none, only for HTTP/1.0) */
  size_t host_len;
  int http_minor;         /* 0 or 1 */
  unsigned flags;         /* H1_* */
  int64_t content_length; /* -1 when chunked or absent with no body */
} h1_request;

/* Callbacks return 0 to go on, or nonzero to stop h1_feed at once (it then returns
 * H1_STOPPED; the connection is unusable for parsing afterwards). */
typedef struct h1_callbacks {
  int (*on_request)(void *ud, const h1_request *req);
  int (*on_body)(void *ud, const char *data, size_t len);
  int (*on_message_end)(void *ud);
} h1_callbacks;

typedef struct h1_conn h1_conn;

enum { H1_ERROR = -1, H1_STOPPED = -2 };

/* Loads http-parser once per process (any thread). 0, or -1 with a message in err. */
int h1_load(char *err, size_t errlen);
/* limits NULL: the defaults. NULL when out of memory (or h1_load did not succeed). */
h1_conn *h1_new(const h1_limits *limits, const h1_callbacks *cb, void *ud);
void h1_free(h1_conn *c);
/* Parses up to len bytes. Returns the bytes used (< len only when paused after a message:
 * the rest is for after h1_resume), H1_ERROR (then h1_error_status/h1_error_reason), or
 * H1_STOPPED. Feeding a paused, failed or stopped connection returns 0 / H1_ERROR /
 * H1_STOPPED. */
ssize_t h1_feed(h1_conn *c, const char *data, size_t len);
/* After on_message_end: ready for the next request. */
void h1_resume(h1_conn *c);
/* 1 while paused after a message (before h1_resume). */
int h1_paused(const h1_conn *c);
/* 1 when no request is in progress (between messages: nothing of a next one parsed yet). */
int h1_idle(const h1_conn *c);
/* The peer closed its side: H1_ERROR (status 400) when a message was cut short, else 0. */
int h1_finish(h1_conn *c);
/* After H1_ERROR: the status to answer with (400, 413, 414, 431, 501, 505) and a short
 * reason for logs ("invalid header token", ...). */
int h1_error_status(const h1_conn *c);
const char *h1_error_reason(const h1_conn *c);

#endif /* MRT_HTTP_H1_H */
