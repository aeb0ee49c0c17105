/* server.c: the HTTP/1.1 server behind mrt.serve and `mrt serve` (core/ext/http/serve.js),
 * on the runtime's libuv loop, with request framing from h1.c (http-parser).
 *
 * C owns the sockets: it accepts, reads, parses, answers what is malformed or over a limit
 * (400, 408, 413, 414, 431, 505) and enforces the timeouts, so no JS runs for a bad request.
 * JS sees requests and answers them with Responses.
 *
 * Events reach JS in batches. A connection with something to report (a request's head, body
 * bytes, the body's end, its loss, room to write again) joins the ready list; once per loop
 * turn (a check handle, with an idle handle so that the poll does not block meanwhile) one
 * call into JS, the hook, takes every event of every server at once (take(): one Array), then
 * a microtask checkpoint runs. A handler that answers at once answers within that call.
 *
 * Responses. respond() writes the status line, the headers JS gives (one Latin-1 block),
 * Date, and Content-Length for a known body, with one uv_try_write where the kernel takes it
 * all (the usual case), else a queued uv_write of a copy. A streamed body is chunked (or
 * raw with the length JS gave, or until close for HTTP/1.0); write() says when the socket's
 * queue passes the high-water mark, and a DRAIN event comes when it empties.
 *
 * One request at a time per connection: h1 pauses after each message, and the next
 * pipelined request is parsed once the response to this one is complete, so responses are
 * in order without a queue.
 *
 * Lifetime. The listener keeps the loop alive while the server is referenced (ref/unref);
 * connections do not (a request in flight is kept alive by what its handler awaits, and
 * writes in flight by libuv). close() (shutdown) stops accepting, closes idle connections,
 * lets those with a request finish (answered with Connection: close), and reports DONE when
 * the last is gone. SIGINT and SIGTERM start the same for every server (a second one ends the
 * process at once).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "ext/ext.h"
#include "ext/http/h1.h"
#include "ext/net_addr.h"
#include "eventloop.h"
#include "permissions.h"
#include "runtime_internal.h"

#define RBUF_CAP (16 * 1024)          /* read-ahead per connection (10k connections: 160 MiB
                                       * at most, touched only as bytes come) */
#define BODY_HIGH (1024 * 1024)       /* request body bytes buffered before reading stops */
#define WRITE_HIGH (256 * 1024)       /* queued response bytes before write() says wait */
#define SLOT_BITS 20                  /* request id = generation << SLOT_BITS | slot */
#define MAX_SLOTS (1u << SLOT_BITS)
#define SWEEP_MS 250

enum { EV_REQUEST = 1, EV_BODY = 2, EV_END = 3, EV_ABORT = 4, EV_DRAIN = 5, EV_DONE = 6,
       EV_SIGNAL = 7 };

/* A connection's state. */
enum {
  C_IDLE,     /* waiting for a request (keep-alive) */
  C_HEAD,     /* part of a request head arrived */
  C_HANDLING, /* JS has the request (or will at the next batch) */
  C_CLOSING   /* closing: only C memory is left */
};

typedef struct http_server http_server;
typedef struct rt_http rt_http;

typedef struct http_conn {
  uv_tcp_t h; /* first: callbacks get the handle */
  http_server *srv;
  uint32_t slot, gen;
  double id; /* the request JS has (0 between requests) */
  h1_conn *parser;
  int state;
  /* read-ahead */
  char *rbuf;
  size_t rstart, rend;
  int reading, eof, paused_body; /* paused_body: JS asked for no more body for now */
  /* the request's head, copied out of the parser: method, target, then names and values,
   * as (offset, length) pairs in hoff */
  char *head;
  size_t head_len, head_cap;
  uint32_t *hoff;
  size_t hoff_cap;
  size_t nheaders;
  int host_index; /* which header is Host (-1: none); JS takes the URL's authority from it */
  unsigned flags;
  int64_t content_length;
  int http_minor;
  int is_head; /* HEAD: no body is written */
  /* body bytes not yet taken by JS */
  char *body;
  size_t body_len, body_cap;
  int body_done;
  /* what the next batch reports */
  int ready;                   /* on the ready list */
  struct http_conn *ready_next;
  int report_request, report_end, report_drain;
  /* response */
  int responding; /* head written, body still streaming */
  int resp_mode;  /* 0 length known / raw, 1 chunked, 2 until close */
  uint64_t resp_left; /* raw mode: bytes the application's Content-Length still promises */
  int keep_alive;
  int want_drain;
  int continue_sent;
  size_t writes_out; /* uv_write requests in flight */
  uint64_t deadline; /* loop ms; 0: none */
} http_conn;

struct http_server {
  uv_tcp_t listener; /* first: freeing the handle frees the server (a failed listen) */
  rt_http *st;
  int sid;
  int listening, refd, closing, done_reported, report_done;
  http_server *next;
  http_conn **slots;
  uint32_t nslots, cap;
  uint32_t *free_slots;
  uint32_t nfree;
  uint32_t nconns;
  h1_limits limits;
  uint64_t header_timeout, idle_timeout, request_timeout;
};

struct rt_http {
  mrt_runtime *rt;
  uv_loop_t *uv;
  shim_global *hook; /* JS: onEvents() */
  http_server *servers;
  int next_sid;
  uv_check_t check;
  uv_idle_t idle;
  uv_timer_t sweep;
  uv_signal_t sigint, sigterm;
  int started, delivering, signals_on, signalled, dead;
  int report_signal;
  http_conn *ready_head, *ready_tail;
  http_server *done_head;
  shim_item *items;
  size_t nitems, items_cap;
  char date[40]; /* "date: ...\r\n" */
  time_t date_sec;
  /* serve --trace-startup: when the first request came and its response went */
  uint64_t t_listen, t_first_request, t_first_response;
};

static void conn_close(http_conn *c);
static void conn_parse(http_conn *c);
static void read_update(http_conn *c);

/* ---------------------------------------------------------------- the ready list */

static void on_check(uv_check_t *h);
static void on_idle(uv_idle_t *h) { (void)h; }

static void schedule(rt_http *st) {
  if (st->dead) return;
  if (!uv_is_active((uv_handle_t *)&st->check)) {
    /* Referenced while events wait: the loop must not end before JS hears them (the last
     * connection of a closing server going, a request to an unreferenced server). */
    uv_check_start(&st->check, on_check);
    uv_idle_start(&st->idle, on_idle);
    uv_ref((uv_handle_t *)&st->check);
  }
}

static void mark_ready(http_conn *c) {
  rt_http *st = c->srv->st;
  if (c->ready) return;
  c->ready = 1;
  c->ready_next = NULL;
  if (st->ready_tail) st->ready_tail->ready_next = c;
  else st->ready_head = c;
  st->ready_tail = c;
  schedule(st);
}

/* JS has c's request and will never get its answer out: an ABORT event, carried by a small
 * record of its own (the connection may be freed before the batch). */
static void report_lost(http_conn *c) {
  if (c->id <= 0 || c->report_request || c->srv->st->dead) return;
  http_conn *ghost = calloc(1, sizeof *ghost);
  if (!ghost) return;
  ghost->srv = c->srv;
  ghost->slot = c->slot;
  ghost->gen = c->gen;
  ghost->state = C_CLOSING;
  ghost->id = -1; /* a ghost: freed once reported */
  mark_ready(ghost);
}

static void unlink_ready(http_conn *c);

/* ---------------------------------------------------------------- slots and ids */

static double id_of(http_conn *c) { return (double)c->gen * MAX_SLOTS + c->slot; }

static int slot_take(http_server *s, http_conn *c) {
  uint32_t slot;
  if (s->nfree) {
    slot = s->free_slots[--s->nfree];
  } else {
    if (s->nslots == MAX_SLOTS) return -1;
    if (s->nslots == s->cap) {
      uint32_t cap = s->cap ? s->cap * 2 : 64;
      http_conn **ns = realloc(s->slots, cap * sizeof *ns);
      if (!ns) return -1;
      s->slots = ns;
      uint32_t *nf = realloc(s->free_slots, cap * sizeof *nf);
      if (!nf) return -1;
      s->free_slots = nf;
      s->cap = cap;
    }
    slot = s->nslots++;
  }
  s->slots[slot] = c;
  c->slot = slot;
  return 0;
}

static void slot_release(http_server *s, http_conn *c) {
  if (c->slot < s->nslots && s->slots[c->slot] == c) {
    s->slots[c->slot] = NULL;
    s->free_slots[s->nfree++] = c->slot;
  }
}

static http_conn *conn_of(rt_http *st, double sid, double id) {
  for (http_server *s = st->servers; s; s = s->next) {
    if (s->sid != (int)sid) continue;
    if (!(id > 0)) return NULL;
    uint64_t v = (uint64_t)id;
    uint32_t slot = (uint32_t)(v % MAX_SLOTS);
    if (slot >= s->nslots) return NULL;
    http_conn *c = s->slots[slot];
    return c && c->id == id && c->state == C_HANDLING ? c : NULL;
  }
  return NULL;
}

/* ---------------------------------------------------------------- time */

static uint64_t now_ms(rt_http *st) { return uv_now(st->uv); }

/* "date: Mon, 07 Dec 2026 00:00:00 GMT\r\n", made once a second. */
static const char *date_line(rt_http *st) {
  time_t t = time(NULL);
  if (t != st->date_sec) {
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(st->date, sizeof st->date, "date: %a, %d %b %Y %H:%M:%S GMT\r\n", &tm);
    st->date_sec = t;
  }
  return st->date;
}

/* ---------------------------------------------------------------- writing */

typedef struct write_req {
  uv_write_t req;
  http_conn *conn;
  mrt_buffer_hold *hold; /* a large body chunk written from JS memory, held (not copied) */
  char data[];
} write_req;

#define WRITE_COPY_MAX (16 * 1024) /* a larger rest of a body chunk is held, not copied */

static void after_write(uv_write_t *req, int status);

/* Writes bufs in order: what the kernel takes now, the rest queued. The rest is copied,
 * except bufs[held] (held >= 0) when its rest is large: then the caller's JS memory is held
 * (call's argument held_arg) and written from where it is. 0, or a uv error (the caller
 * closes the connection). */
static int conn_write_from(http_conn *c, uv_buf_t *bufs, unsigned n, int held,
                           mrt_op_call *call, int held_arg) {
  if (c->state == C_CLOSING) return UV_ECANCELED;
  size_t total = 0;
  for (unsigned i = 0; i < n; i++) total += bufs[i].len;
  if (total == 0) return 0;
  size_t done = 0;
  if (c->writes_out == 0) {
    int rc = uv_try_write((uv_stream_t *)&c->h, bufs, n);
    if (rc > 0) done = (size_t)rc;
    else if (rc != UV_EAGAIN && rc != UV_ENOSYS) return rc;
    if (done == total) return 0;
  }
  /* What is left of each buffer. */
  uv_buf_t rest[4];
  unsigned nr = 0;
  size_t skip = done, copy = 0;
  int rest_held = -1;
  for (unsigned i = 0; i < n && nr < 4; i++) {
    size_t len = bufs[i].len;
    if (skip >= len) {
      skip -= len;
      continue;
    }
    rest[nr] = uv_buf_init(bufs[i].base + skip, (unsigned)(len - skip));
    if ((int)i == held && len - skip > WRITE_COPY_MAX) rest_held = (int)nr;
    else copy += len - skip;
    nr++;
    skip = 0;
  }
  write_req *w = malloc(sizeof *w + copy);
  if (!w) return UV_ENOMEM;
  w->conn = c;
  w->hold = NULL;
  if (rest_held >= 0) {
    void *data = NULL;
    size_t len = 0;
    w->hold = mrt_op_arg_buffer_hold(call, held_arg, &data, &len);
    if (!w->hold) { /* out of memory: copy after all */
      free(w);
      return conn_write_from(c, rest, nr, -1, NULL, 0);
    }
  }
  size_t at = 0;
  for (unsigned i = 0; i < nr; i++) {
    if ((int)i == rest_held) continue;
    memcpy(w->data + at, rest[i].base, rest[i].len);
    rest[i].base = w->data + at;
    at += rest[i].len;
  }
  int rc = uv_write(&w->req, (uv_stream_t *)&c->h, rest, nr, after_write);
  if (rc != 0) {
    mrt_buffer_release(w->hold);
    free(w);
    return rc;
  }
  c->writes_out++;
  return 0;
}

static int conn_write(http_conn *c, uv_buf_t *bufs, unsigned n) {
  return conn_write_from(c, bufs, n, -1, NULL, 0);
}

static size_t queued_bytes(http_conn *c) {
  return uv_stream_get_write_queue_size((uv_stream_t *)&c->h);
}

/* After a response's last byte: the next request, or the close. */
static void response_done(http_conn *c);

static void after_write(uv_write_t *req, int status) {
  write_req *w = (write_req *)req;
  http_conn *c = w->conn;
  mrt_buffer_release(w->hold); /* safe after the runtime let go of its holds (teardown) */
  free(w);
  c->writes_out--;
  if (c->state == C_CLOSING) {
    if (c->writes_out == 0 && !uv_is_closing((uv_handle_t *)&c->h)) conn_close(c);
    return;
  }
  if (status < 0) {
    conn_close(c);
    return;
  }
  if (c->want_drain && queued_bytes(c) < WRITE_HIGH / 2) {
    c->want_drain = 0;
    c->report_drain = 1;
    mark_ready(c);
  }
  if (c->writes_out == 0 && !c->keep_alive && !c->responding && c->id == 0) conn_close(c);
}

/* A response made here (errors, timeouts): plain text, then the connection closes. */
static void answer_and_close(http_conn *c, int status, const char *reason) {
  char buf[256];
  int n = snprintf(buf, sizeof buf,
                   "HTTP/1.1 %d %s\r\nconnection: close\r\ncontent-type: text/plain;charset=UTF-8"
                   "\r\ncontent-length: %zu\r\n%s\r\n%s",
                   status, reason, strlen(reason), date_line(c->srv->st), reason);
  uv_buf_t b = uv_buf_init(buf, (unsigned)n);
  c->keep_alive = 0;
  c->responding = 0;
  report_lost(c);
  unlink_ready(c);
  c->id = 0;
  int rc = conn_write(c, &b, 1);
  if (rc != 0 || c->writes_out == 0) conn_close(c);
  else {
    c->state = C_CLOSING;
    if (c->reading) uv_read_stop((uv_stream_t *)&c->h), c->reading = 0;
  }
}

static const char *reason_of(int status) {
  switch (status) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 203: return "Non-Authoritative Information";
    case 204: return "No Content";
    case 205: return "Reset Content";
    case 206: return "Partial Content";
    case 300: return "Multiple Choices";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 418: return "I'm a Teapot";
    case 421: return "Misdirected Request";
    case 422: return "Unprocessable Content";
    case 425: return "Too Early";
    case 426: return "Upgrade Required";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 451: return "Unavailable For Legal Reasons";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "";
  }
}

/* ---------------------------------------------------------------- parser callbacks */

static int head_put(http_conn *c, const char *p, size_t n, uint32_t *off) {
  if (c->head_len + n > c->head_cap) {
    size_t cap = c->head_cap ? c->head_cap : 1024;
    while (cap < c->head_len + n) cap *= 2;
    char *nh = realloc(c->head, cap);
    if (!nh) return -1;
    c->head = nh;
    c->head_cap = cap;
  }
  off[0] = (uint32_t)c->head_len;
  off[1] = (uint32_t)n;
  if (n) memcpy(c->head + c->head_len, p, n);
  c->head_len += n;
  return 0;
}

static int on_request(void *ud, const h1_request *r) {
  http_conn *c = ud;
  rt_http *st = c->srv->st;
  size_t need = (2 + 2 * r->nheaders) * 2;
  if (need > c->hoff_cap) {
    uint32_t *n = realloc(c->hoff, need * sizeof *n);
    if (!n) return 1;
    c->hoff = n;
    c->hoff_cap = need;
  }
  c->head_len = 0;
  if (head_put(c, r->method, r->method_len, &c->hoff[0]) ||
      head_put(c, r->target, r->target_len, &c->hoff[2])) {
    return 1;
  }
  for (size_t i = 0; i < r->nheaders; i++) {
    if (head_put(c, r->headers[i].name, r->headers[i].name_len, &c->hoff[4 + 4 * i]) ||
        head_put(c, r->headers[i].value, r->headers[i].value_len, &c->hoff[6 + 4 * i])) {
      return 1;
    }
  }
  c->nheaders = r->nheaders;
  c->host_index = -1;
  for (size_t i = 0; i < r->nheaders && r->host; i++) {
    if (r->headers[i].value == r->host) c->host_index = (int)i;
  }
  c->flags = r->flags;
  c->content_length = r->content_length;
  c->http_minor = r->http_minor;
  c->is_head = r->method_len == 4 && memcmp(r->method, "HEAD", 4) == 0;
  c->keep_alive = (r->flags & H1_KEEP_ALIVE) && !c->srv->closing;
  c->body_len = 0;
  c->body_done = !(r->flags & H1_HAS_BODY);
  c->continue_sent = 0;
  c->paused_body = 0;
  c->gen++;
  c->id = id_of(c);
  c->state = C_HANDLING;
  c->report_request = 1;
  c->report_end = 0;
  c->report_drain = 0;
  c->want_drain = 0;
  c->responding = 0;
  c->deadline = c->srv->request_timeout ? now_ms(st) + c->srv->request_timeout : 0;
  if (!st->t_first_request) st->t_first_request = uv_hrtime();
  mark_ready(c);
  return 0;
}

static int on_body(void *ud, const char *data, size_t len) {
  http_conn *c = ud;
  if (c->body_len + len > c->body_cap) {
    size_t cap = c->body_cap ? c->body_cap : 4096;
    while (cap < c->body_len + len) cap *= 2;
    char *nb = realloc(c->body, cap);
    if (!nb) return 1;
    c->body = nb;
    c->body_cap = cap;
  }
  memcpy(c->body + c->body_len, data, len);
  c->body_len += len;
  if (!c->report_request) mark_ready(c); /* JS has the head: the bytes are a BODY event */
  return 0;
}

static int on_message_end(void *ud) {
  http_conn *c = ud;
  c->body_done = 1;
  if (!c->report_request) {
    c->report_end = 1;
    mark_ready(c);
  }
  return 0;
}

static const h1_callbacks parser_callbacks = {on_request, on_body, on_message_end};

/* ---------------------------------------------------------------- reading */

static void alloc_cb(uv_handle_t *h, size_t suggested, uv_buf_t *buf) {
  http_conn *c = h->data;
  (void)suggested;
  if (!c->rbuf) {
    c->rbuf = malloc(RBUF_CAP);
    if (!c->rbuf) {
      *buf = uv_buf_init(NULL, 0);
      return;
    }
  }
  if (c->rstart > 0 && (c->rend == RBUF_CAP || c->rstart == c->rend)) {
    memmove(c->rbuf, c->rbuf + c->rstart, c->rend - c->rstart);
    c->rend -= c->rstart;
    c->rstart = 0;
  }
  *buf = uv_buf_init(c->rbuf + c->rend, (unsigned)(RBUF_CAP - c->rend));
}

static void read_cb(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf) {
  http_conn *c = s->data;
  (void)buf;
  if (c->state == C_CLOSING) return;
  if (nread > 0) {
    c->rend += (size_t)nread;
    if (c->state == C_IDLE) {
      c->state = C_HEAD;
      c->deadline = c->srv->header_timeout ? now_ms(c->srv->st) + c->srv->header_timeout : 0;
    }
    conn_parse(c);
  } else if (nread < 0) {
    c->eof = 1;
    if (c->state == C_HANDLING) {
      if (!c->body_done || nread != UV_EOF) {
        /* The body was cut short, or the connection reset: the request is lost (JS hears
         * ABORT: its signal aborts). */
        conn_close(c);
        return;
      }
      /* The peer half-closed after a whole request: answer it, then close. */
      c->keep_alive = 0;
      read_update(c);
      return;
    }
    conn_close(c);
    return;
  }
  if (c->state != C_CLOSING) read_update(c);
}

static void read_update(http_conn *c) {
  if (c->state == C_CLOSING) return;
  int want = !c->eof && c->rend < RBUF_CAP && !c->paused_body && c->body_len < BODY_HIGH;
  if (want && !c->reading) {
    if (uv_read_start((uv_stream_t *)&c->h, alloc_cb, read_cb) == 0) c->reading = 1;
  } else if (!want && c->reading) {
    uv_read_stop((uv_stream_t *)&c->h);
    c->reading = 0;
  }
}

/* Parses what was read, up to the end of a request (the parser pauses there). */
static void conn_parse(http_conn *c) {
  while (c->rstart < c->rend && c->state != C_CLOSING && !h1_paused(c->parser)) {
    ssize_t n = h1_feed(c->parser, c->rbuf + c->rstart, c->rend - c->rstart);
    if (n == H1_ERROR) {
      int status = h1_error_status(c->parser);
      if (getenv("MRT_HTTP_DEBUG")) fprintf(stderr, "h1: %d %s\n", status, h1_error_reason(c->parser));
      if (c->state == C_HANDLING && c->id != 0 && c->responding) {
        conn_close(c); /* a response is under way: nothing else can be said */
        return;
      }
      answer_and_close(c, status, reason_of(status));
      return;
    }
    if (n < 0) { /* H1_STOPPED: out of memory in a callback */
      answer_and_close(c, 500, reason_of(500));
      return;
    }
    c->rstart += (size_t)n;
    if (n == 0) break;
  }
  if (c->rstart == c->rend) c->rstart = c->rend = 0;
}

/* ---------------------------------------------------------------- connections */

static void on_conn_closed(uv_handle_t *h) {
  http_conn *c = h->data;
  http_server *s = c->srv;
  h1_free(c->parser);
  free(c->rbuf);
  free(c->head);
  free(c->hoff);
  free(c->body);
  free(c);
  s->nconns--;
  if (s->closing && s->nconns == 0 && !s->done_reported) {
    s->report_done = 1;
    schedule(s->st);
  }
}

static void unlink_ready(http_conn *c) {
  rt_http *st = c->srv->st;
  if (!c->ready) return;
  http_conn **pp = &st->ready_head, *prev = NULL;
  while (*pp && *pp != c) prev = *pp, pp = &(*pp)->ready_next;
  if (*pp) {
    *pp = c->ready_next;
    if (st->ready_tail == c) st->ready_tail = prev;
  }
  c->ready = 0;
}

/* Closes at once (what is queued to write is dropped). JS hears ABORT if it has the
 * request. */
static void conn_close(http_conn *c) {
  if (uv_is_closing((uv_handle_t *)&c->h)) return;
  http_server *s = c->srv;
  report_lost(c);
  unlink_ready(c);
  slot_release(s, c);
  c->state = C_CLOSING;
  c->id = 0;
  uv_close((uv_handle_t *)&c->h, on_conn_closed);
}

static void on_connection(uv_stream_t *ls, int status) {
  http_server *s = ls->data;
  if (status < 0 || s->closing) return;
  http_conn *c = calloc(1, sizeof *c);
  if (!c) return;
  if (uv_tcp_init(s->st->uv, &c->h) != 0) {
    free(c);
    return;
  }
  c->h.data = c;
  c->srv = s;
  s->nconns++;
  if (uv_accept(ls, (uv_stream_t *)&c->h) != 0 || slot_take(s, c) != 0 ||
      !(c->parser = h1_new(&s->limits, &parser_callbacks, c))) {
    c->state = C_CLOSING;
    uv_close((uv_handle_t *)&c->h, on_conn_closed);
    return;
  }
  uv_unref((uv_handle_t *)&c->h);
  uv_tcp_nodelay(&c->h, 1);
  c->state = C_IDLE;
  c->deadline = s->header_timeout ? now_ms(s->st) + s->header_timeout : 0;
  read_update(c);
}

/* After the last byte of a response was handed to the socket. */
static void response_done(http_conn *c) {
  c->id = 0;
  c->responding = 0;
  if (c->state == C_CLOSING) return;
  if (!c->keep_alive || c->srv->closing || !c->body_done) {
    /* An unread body is not drained: the connection closes (as Deno does). */
    if (c->writes_out == 0) conn_close(c);
    else {
      c->state = C_CLOSING;
      if (c->reading) uv_read_stop((uv_stream_t *)&c->h), c->reading = 0;
    }
    return;
  }
  c->state = C_IDLE;
  c->deadline = c->srv->idle_timeout ? now_ms(c->srv->st) + c->srv->idle_timeout : 0;
  c->body_len = 0;
  if (c->body_cap > 64 * 1024) { /* a large upload's buffer does not stay with the conn */
    free(c->body);
    c->body = NULL;
    c->body_cap = 0;
  }
  h1_resume(c->parser);
  if (c->rstart < c->rend) {
    c->state = C_HEAD;
    c->deadline = c->srv->header_timeout ? now_ms(c->srv->st) + c->srv->header_timeout : 0;
    conn_parse(c);
  }
  read_update(c);
}

/* ---------------------------------------------------------------- the batch for JS */

static int items_reserve(rt_http *st, size_t more) {
  if (st->nitems + more <= st->items_cap) return 0;
  size_t cap = st->items_cap ? st->items_cap : 256;
  while (cap < st->nitems + more) cap *= 2;
  shim_item *n = realloc(st->items, cap * sizeof *n);
  if (!n) return -1;
  st->items = n;
  st->items_cap = cap;
  return 0;
}

static void item_num(rt_http *st, double n) {
  st->items[st->nitems++] = (shim_item){.kind = SHIM_ITEM_NUMBER, .n = n};
}
static void item_str(rt_http *st, const char *p, size_t len) {
  st->items[st->nitems++] = (shim_item){.kind = SHIM_ITEM_LATIN1, .p = p, .len = len};
}
static void item_bytes(rt_http *st, const char *p, size_t len) {
  st->items[st->nitems++] = (shim_item){.kind = SHIM_ITEM_BYTES, .p = p, .len = len};
}
static void item_undefined(rt_http *st) {
  st->items[st->nitems++] = (shim_item){.kind = SHIM_ITEM_UNDEFINED};
}

/* Appends c's events. Body bytes are pointed at, not copied: they are cleared after the
 * Array is made (take_done). */
static int add_events(rt_http *st, http_conn *c) {
  if (c->id == -1) { /* a ghost: the abort of a closed connection's request */
    if (items_reserve(st, 3)) return -1;
    item_num(st, EV_ABORT);
    item_num(st, c->srv->sid);
    item_num(st, (double)c->gen * MAX_SLOTS + c->slot);
    return 0;
  }
  double id = c->id;
  if (c->report_request) {
    size_t n = 10 + 2 * c->nheaders;
    if (items_reserve(st, n + 8)) return -1;
    const uint32_t *o = c->hoff;
    item_num(st, EV_REQUEST);
    item_num(st, c->srv->sid);
    item_num(st, id);
    item_str(st, c->head + o[0], o[1]);
    item_str(st, c->head + o[2], o[3]);
    item_num(st, c->host_index); /* the Host header's index: not a string made twice */
    item_num(st, (double)c->flags);
    item_num(st, (double)c->nheaders);
    for (size_t i = 0; i < c->nheaders; i++) {
      item_str(st, c->head + o[4 + 4 * i], o[5 + 4 * i]);
      item_str(st, c->head + o[6 + 4 * i], o[7 + 4 * i]);
    }
    /* The body when it came whole; else it follows as BODY and END events. */
    if (!(c->flags & H1_HAS_BODY)) { /* 0: no body at all (no empty Uint8Array made) */
      item_num(st, 0);
      return 0;
    }
    if (c->body_done) {
      item_bytes(st, c->body ? c->body : "", c->body_len);
      return 0;
    }
    item_undefined(st);
  }
  if (c->body_len > 0) {
    if (items_reserve(st, 4)) return -1;
    item_num(st, EV_BODY);
    item_num(st, c->srv->sid);
    item_num(st, id);
    item_bytes(st, c->body, c->body_len);
  }
  if (c->report_end || c->report_drain) {
    if (items_reserve(st, 6)) return -1;
    if (c->report_end) item_num(st, EV_END), item_num(st, c->srv->sid), item_num(st, id);
    if (c->report_drain) item_num(st, EV_DRAIN), item_num(st, c->srv->sid), item_num(st, id);
  }
  return 0;
}

/* After the Array was made: what was reported is cleared. */
static void events_taken(http_conn *c) {
  if (c->report_request) {
    c->report_request = 0;
    if ((c->flags & H1_EXPECT_CONTINUE) && !c->body_done && !c->continue_sent) {
      static char cont[] = "HTTP/1.1 100 Continue\r\n\r\n";
      uv_buf_t b = uv_buf_init(cont, sizeof cont - 1);
      c->continue_sent = 1;
      conn_write(c, &b, 1);
    }
  }
  c->body_len = 0;
  c->report_end = 0;
  c->report_drain = 0;
  read_update(c);
}

/* take() -> [kind, sid, id, ...] for every event ready (see EV_*). */
static void fn_take(mrt_op_call *call) {
  rt_http *st = mrt_op_data(call);
  st->nitems = 0;
  http_conn *list = st->ready_head;
  st->ready_head = st->ready_tail = NULL;
  int failed = 0;
  for (http_conn *c = list; c && !failed; c = c->ready_next) failed = add_events(st, c) != 0;
  if (st->report_signal && !failed && items_reserve(st, 3) == 0) {
    st->report_signal = 0;
    item_num(st, EV_SIGNAL), item_num(st, 0), item_num(st, 0);
  }
  for (http_server *s = st->servers; s && !failed; s = s->next) {
    if (s->report_done && !s->done_reported && items_reserve(st, 3) == 0) {
      s->report_done = 0;
      s->done_reported = 1;
      item_num(st, EV_DONE), item_num(st, s->sid), item_num(st, 0);
    }
  }
  shim_call_return_items(rt_op_shim_call(call), st->items, (uint32_t)st->nitems);
  for (http_conn *c = list, *next; c; c = next) {
    next = c->ready_next;
    c->ready = 0;
    if (c->id == -1) free(c);
    else events_taken(c);
  }
  if (failed) rt_op_error(call, "Error", "ENOMEM", "out of memory");
}

static void on_check(uv_check_t *h) {
  rt_http *st = h->data;
  int more = st->ready_head != NULL || st->report_signal;
  for (http_server *s = st->servers; s && !more; s = s->next) more = s->report_done;
  if (!more) {
    uv_check_stop(&st->check);
    uv_idle_stop(&st->idle);
    uv_unref((uv_handle_t *)&st->check);
    return;
  }
  mrt_runtime *rt = st->rt;
  if (rt_pending(rt) || !st->hook) return;
  shim_exception exc = {0};
  if (shim_call_numbers(rt->iso, st->hook, NULL, 0, NULL, &exc) != 0) {
    rt_raise(rt, &exc);
    return;
  }
  rt_checkpoint(rt);
}

/* ---------------------------------------------------------------- responding */

/* Decimal digits of v at out (at most 20); their count. */
static size_t format_u64(char *out, uint64_t v) {
  char tmp[20];
  size_t n = 0;
  do tmp[n++] = (char)('0' + v % 10);
  while ((v /= 10) != 0);
  for (size_t i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
  return n;
}

/* respond(sid, id, status, statusText, headerBlock, body, mode, length)
 *   headerBlock: "name: value\r\n"... (Latin-1; checked by Headers)
 *   body: a string, a Uint8Array, or null; mode 0: the whole body, 1: a stream follows
 *   (write/end), with length >= 0 when the headers gave it (raw), -1 otherwise (chunked)
 * -> true, or false when the connection is gone. */
static void fn_respond(mrt_op_call *call) {
  rt_http *st = mrt_op_data(call);
  http_conn *c = conn_of(st, mrt_op_arg_number(call, 0), mrt_op_arg_number(call, 1));
  if (!c || c->responding || c->report_request) {
    mrt_op_return_boolean(call, 0);
    return;
  }
  int status = (int)mrt_op_arg_number(call, 2);
  size_t stlen = 0, hlen = 0, blen = 0;
  const char *stext = mrt_op_arg_string(call, 3, &stlen);
  shim_call *sc = rt_op_shim_call(call);
  const char *hblock = shim_call_arg_latin1(sc, 4, &hlen);
  if (!hblock) hblock = "", hlen = 0;
  const char *body = NULL;
  void *bdata = NULL;
  int btype = mrt_op_arg_type(call, 5);
  if (btype == MRT_TYPE_STRING) body = mrt_op_arg_string(call, 5, &blen);
  else if (mrt_op_arg_buffer(call, 5, &bdata, &blen) == 0) body = bdata;
  int mode = (int)mrt_op_arg_number(call, 6);
  int streaming = (mode & 1) != 0;
  int app_date = (mode & 2) != 0; /* the application set Date: it is not doubled */
  double length = mrt_op_arg_number(call, 7);
  if (!stext || stlen == 0) stext = reason_of(status), stlen = strlen(stext);

  int no_body = status == 204 || status == 304 || (status >= 100 && status < 200);
  /* Made by hand: snprintf was a tenth of the server's own time per request. */
  char line[300];
  size_t n = 0;
  if (status < 100 || status > 999) status = 500;
  memcpy(line, "HTTP/1.1 ", 9);
  n = 9;
  line[n++] = (char)('0' + status / 100);
  line[n++] = (char)('0' + status / 10 % 10);
  line[n++] = (char)('0' + status % 10);
  line[n++] = ' ';
  if (stlen > 200) stlen = 200;
  memcpy(line + n, stext, stlen);
  n += stlen;
  line[n++] = '\r';
  line[n++] = '\n';
  if (!app_date) {
    const char *date = date_line(st);
    size_t dlen = strlen(date);
    memcpy(line + n, date, dlen);
    n += dlen;
  }
  char tail[96];
  size_t t = 0;
#define TAIL(lit) (memcpy(tail + t, lit, sizeof lit - 1), t += sizeof lit - 1)
  if (!c->keep_alive) TAIL("connection: close\r\n");
  else if (c->http_minor == 0) TAIL("connection: keep-alive\r\n");
  c->resp_mode = 0;
  if (streaming && !no_body) {
    if (length >= 0) {
      c->resp_left = (uint64_t)length;
      TAIL("content-length: ");
      t += format_u64(tail + t, (uint64_t)length);
      TAIL("\r\n");
    } else if (c->http_minor >= 1) {
      c->resp_mode = 1;
      TAIL("transfer-encoding: chunked\r\n");
    } else {
      c->resp_mode = 2; /* HTTP/1.0: the body ends with the connection */
      if (c->keep_alive) TAIL("connection: close\r\n");
      c->keep_alive = 0;
    }
  } else if (!no_body) {
    TAIL("content-length: ");
    t += format_u64(tail + t, blen);
    TAIL("\r\n");
  }
  TAIL("\r\n");
#undef TAIL
  uv_buf_t bufs[4] = {uv_buf_init(line, (unsigned)n), uv_buf_init((char *)hblock, (unsigned)hlen),
                      uv_buf_init(tail, (unsigned)t), uv_buf_init(NULL, 0)};
  unsigned nb = 3;
  if (body && blen && !no_body && !c->is_head && !streaming) {
    bufs[3] = uv_buf_init((char *)body, (unsigned)blen);
    nb = 4;
  }
  if (!st->t_first_response) st->t_first_response = uv_hrtime();
  if (conn_write_from(c, bufs, nb, nb == 4 && body == bdata ? 3 : -1, call, 5) != 0) {
    conn_close(c);
    mrt_op_return_boolean(call, 0);
    return;
  }
  if (streaming && !no_body) {
    c->responding = 1;
    c->deadline = 0; /* a stream may take its time; the peer's going is seen by the write */
  } else {
    response_done(c);
  }
  mrt_op_return_boolean(call, 1);
}

/* write(sid, id, bytes) -> 1 (go on), 0 (wait for DRAIN), -1 (the connection is gone). */
static void fn_write(mrt_op_call *call) {
  rt_http *st = mrt_op_data(call);
  http_conn *c = conn_of(st, mrt_op_arg_number(call, 0), mrt_op_arg_number(call, 1));
  if (!c || !c->responding) {
    mrt_op_return_number(call, -1);
    return;
  }
  void *data = NULL;
  size_t len = 0;
  const char *p = NULL;
  if (mrt_op_arg_type(call, 2) == MRT_TYPE_STRING) p = mrt_op_arg_string(call, 2, &len);
  else if (mrt_op_arg_buffer(call, 2, &data, &len) == 0) p = data;
  if (!p || len == 0 || c->is_head) {
    mrt_op_return_number(call, 1);
    return;
  }
  if (c->resp_mode == 0 && len > c->resp_left) {
    /* More than the application's Content-Length: the rest would be read as the next
     * response. The connection closes after what was promised. */
    len = (size_t)c->resp_left;
    if (len > 0) {
      uv_buf_t b = uv_buf_init((char *)p, (unsigned)len);
      conn_write(c, &b, 1);
    }
    c->resp_left = 0;
    c->keep_alive = 0;
    c->responding = 0;
    response_done(c);
    mrt_op_return_number(call, -1);
    return;
  }
  if (c->resp_mode == 0) c->resp_left -= len;
  char size[24];
  uv_buf_t bufs[3];
  unsigned nb = 0;
  if (c->resp_mode == 1) {
    static const char hex[] = "0123456789abcdef";
    char tmp[16];
    size_t k = 0, m = 0;
    for (size_t v = len; v; v >>= 4) tmp[k++] = hex[v & 15];
    while (k) size[m++] = tmp[--k];
    size[m++] = '\r';
    size[m++] = '\n';
    bufs[nb++] = uv_buf_init(size, (unsigned)m);
  }
  int held = -1;
  if (p == data) held = (int)nb; /* a Uint8Array: a large rest is written from it, held */
  bufs[nb++] = uv_buf_init((char *)p, (unsigned)len);
  if (c->resp_mode == 1) bufs[nb++] = uv_buf_init("\r\n", 2);
  if (conn_write_from(c, bufs, nb, held, call, 2) != 0) {
    conn_close(c);
    mrt_op_return_number(call, -1);
    return;
  }
  if (queued_bytes(c) >= WRITE_HIGH) {
    c->want_drain = 1;
    mrt_op_return_number(call, 0);
  } else {
    mrt_op_return_number(call, 1);
  }
}

/* end(sid, id, ok): the streamed body is complete (ok) or failed (the connection closes,
 * so the peer sees the body cut short rather than complete). */
static void fn_end(mrt_op_call *call) {
  rt_http *st = mrt_op_data(call);
  http_conn *c = conn_of(st, mrt_op_arg_number(call, 0), mrt_op_arg_number(call, 1));
  if (!c) return;
  if (!mrt_op_arg_boolean(call, 2) || !c->responding) {
    conn_close(c);
    return;
  }
  if (c->resp_mode == 1 && !c->is_head) {
    uv_buf_t b = uv_buf_init("0\r\n\r\n", 5);
    if (conn_write(c, &b, 1) != 0) {
      conn_close(c);
      return;
    }
  }
  c->responding = 0;
  if (c->resp_mode == 2) c->keep_alive = 0;
  if (c->resp_mode == 0 && c->resp_left > 0) {
    conn_close(c); /* fewer bytes than the Content-Length promised: the client must see it */
    return;
  }
  response_done(c);
}

/* pause(sid, id, on): no more request body for now (the stream's queue is full), or again. */
static void fn_pause(mrt_op_call *call) {
  rt_http *st = mrt_op_data(call);
  http_conn *c = conn_of(st, mrt_op_arg_number(call, 0), mrt_op_arg_number(call, 1));
  if (!c) return;
  c->paused_body = mrt_op_arg_boolean(call, 2);
  read_update(c);
}

/* peer(sid, id) -> "ip port" of the client, or undefined. */
static void fn_peer(mrt_op_call *call) {
  rt_http *st = mrt_op_data(call);
  http_conn *c = conn_of(st, mrt_op_arg_number(call, 0), mrt_op_arg_number(call, 1));
  struct sockaddr_storage ss;
  int len = sizeof ss;
  if (!c || uv_tcp_getpeername(&c->h, (struct sockaddr *)&ss, &len) != 0) return;
  char out[96];
  int n = rt_addr_format(&ss, out, sizeof out);
  if (n > 0) mrt_op_return_string(call, out, (size_t)n);
}

/* ---------------------------------------------------------------- servers */

static void on_sweep(uv_timer_t *h) {
  rt_http *st = h->data;
  uint64_t now = now_ms(st);
  for (http_server *s = st->servers; s; s = s->next) {
    for (uint32_t i = 0; i < s->nslots; i++) {
      http_conn *c = s->slots[i];
      if (!c || !c->deadline || now < c->deadline) continue;
      if (c->state == C_IDLE) conn_close(c);
      else if (c->state == C_HEAD) answer_and_close(c, 408, reason_of(408));
      else if (c->state == C_HANDLING && !c->responding) answer_and_close(c, 503, reason_of(503));
    }
  }
}

static void on_signal(uv_signal_t *h, int signum) {
  rt_http *st = h->data;
  if (st->signalled) { /* a second one: no more waiting */
    signal(signum, SIG_DFL);
    raise(signum);
    return;
  }
  st->signalled = 1;
  st->report_signal = 1;
  schedule(st);
}

static int state_start(rt_http *st) {
  if (st->started) return 0;
  uv_check_init(st->uv, &st->check);
  st->check.data = st;
  uv_idle_init(st->uv, &st->idle);
  st->idle.data = st;
  uv_timer_init(st->uv, &st->sweep);
  st->sweep.data = st;
  uv_unref((uv_handle_t *)&st->check);
  uv_unref((uv_handle_t *)&st->idle);
  uv_timer_start(&st->sweep, on_sweep, SWEEP_MS, SWEEP_MS);
  uv_unref((uv_handle_t *)&st->sweep);
  uv_signal_init(st->uv, &st->sigint);
  uv_signal_init(st->uv, &st->sigterm);
  st->sigint.data = st->sigterm.data = st;
  st->started = 1;
  return 0;
}

static void signals_update(rt_http *st) {
  int want = 0;
  for (http_server *s = st->servers; s; s = s->next) want |= s->listening && s->refd;
  if (want && !st->signals_on) {
    uv_signal_start(&st->sigint, on_signal, SIGINT);
    uv_signal_start(&st->sigterm, on_signal, SIGTERM);
    uv_unref((uv_handle_t *)&st->sigint);
    uv_unref((uv_handle_t *)&st->sigterm);
    st->signals_on = 1;
  } else if (!want && st->signals_on && !st->signalled) {
    uv_signal_stop(&st->sigint);
    uv_signal_stop(&st->sigterm);
    st->signals_on = 0;
  }
}

static http_server *server_of(rt_http *st, double sid) {
  for (http_server *s = st->servers; s; s = s->next) {
    if (s->sid == (int)sid) return s;
  }
  return NULL;
}

/* listen(hostname, port, reusePort, maxBody, headerTimeoutMs, idleTimeoutMs,
 *        requestTimeoutMs) -> "sid ip port"; throws as Deno.serve does (AddrInUse...). */
static void fn_listen(mrt_op_call *call) {
  rt_http *st = mrt_op_data(call);
  char err[256];
  if (h1_load(err, sizeof err) != 0) {
    rt_op_error(call, "Error", "ERR_DLOPEN_FAILED", err);
    return;
  }
  size_t hn;
  const char *host = mrt_op_arg_string(call, 0, &hn);
  if (!host) return;
  if (memchr(host, '\0', hn)) {
    rt_op_error(call, "TypeError", "ERR_INVALID_ARG_VALUE",
                "The \"hostname\" option must not contain null bytes");
    return;
  }
  int port = (int)mrt_op_arg_number(call, 1);
  int reuse = mrt_op_arg_boolean(call, 2);
  rt_perms *perms = mrt_op_runtime(call)->perms;
  if (perms && !rt_perm_net(perms, host, port)) { /* the name as given, before any lookup */
    rt_perm_throw_net(call, host, port);
    return;
  }
  state_start(st);
  struct sockaddr_storage ss;
  int rc = rt_addr_resolve(st->uv, host, port, &ss);
  if (rc != 0) {
    snprintf(err, sizeof err, "getaddrinfo %s %s", uv_err_name(rc), host);
    mrt_result res = {.kind = MRT_RESULT_ERROR, .uv_errno = rc, .syscall = "getaddrinfo",
                      .message = err};
    mrt_op_return_result(call, &res);
    return;
  }
  if (perms && !rt_perm_net_addr(perms, (const struct sockaddr *)&ss)) {
    rt_perm_throw_net(call, host, port); /* a name resolving to this machine, not granted so */
    return;
  }
  http_server *s = calloc(1, sizeof *s);
  if (!s) {
    rt_op_error(call, "Error", "ENOMEM", "out of memory");
    return;
  }
  s->st = st;
  s->limits.max_header_bytes = 16 * 1024;
  s->limits.max_target = 8 * 1024;
  double max_body = mrt_op_arg_number(call, 3);
  s->limits.max_body = max_body > 0 ? (uint64_t)max_body : 0;
  s->header_timeout = (uint64_t)mrt_op_arg_number(call, 4);
  s->idle_timeout = (uint64_t)mrt_op_arg_number(call, 5);
  s->request_timeout = (uint64_t)mrt_op_arg_number(call, 6);
  uv_tcp_init(st->uv, &s->listener);
  s->listener.data = s;
  const char *syscall = "bind";
  if (reuse) {
    /* SO_REUSEPORT before bind: several processes (serve --workers) share the port. */
    int fd = -1, one = 1;
    rc = uv_tcp_open(&s->listener, fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0));
    if (fd < 0) rc = uv_translate_sys_error(errno);
    else if (setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0) {
      rc = uv_translate_sys_error(errno);
    }
  }
  if (rc == 0) rc = uv_tcp_bind(&s->listener, (const struct sockaddr *)&ss, 0);
  if (rc == 0) {
    syscall = "listen";
    rc = uv_listen((uv_stream_t *)&s->listener, 4096, on_connection);
  }
  if (rc != 0) {
    uv_close((uv_handle_t *)&s->listener, (uv_close_cb)free); /* the listener is first */
    snprintf(err, sizeof err, "%s %s: %s %s:%d", syscall, uv_err_name(rc), uv_strerror(rc), host,
             port);
    mrt_result res = {.kind = MRT_RESULT_ERROR, .uv_errno = rc, .syscall = syscall,
                      .message = err};
    mrt_op_return_result(call, &res);
    return;
  }
  s->sid = ++st->next_sid;
  s->listening = 1;
  s->refd = 1;
  s->next = st->servers;
  st->servers = s;
  signals_update(st);
  if (!st->t_listen) st->t_listen = uv_hrtime();
  struct sockaddr_storage bound;
  int blen = sizeof bound;
  uv_tcp_getsockname(&s->listener, (struct sockaddr *)&bound, &blen);
  char out[128];
  int n = snprintf(out, sizeof out, "%d ", s->sid);
  int m = rt_addr_format(&bound, out + n, sizeof out - (size_t)n);
  mrt_op_return_string(call, out, (size_t)n + (size_t)(m > 0 ? m : 0));
}

static void close_idle(http_server *s) {
  for (uint32_t i = 0; i < s->nslots; i++) {
    http_conn *c = s->slots[i];
    if (!c) continue;
    if (c->state == C_IDLE || c->state == C_HEAD) conn_close(c);
    else c->keep_alive = 0; /* answered with Connection: close */
  }
}

/* close(sid): stop accepting; connections go as their requests end; DONE when all went. */
static void fn_close(mrt_op_call *call) {
  rt_http *st = mrt_op_data(call);
  http_server *s = server_of(st, mrt_op_arg_number(call, 0));
  if (!s || s->closing) return;
  s->closing = 1;
  if (s->listening) {
    s->listening = 0;
    uv_close((uv_handle_t *)&s->listener, NULL);
  }
  close_idle(s);
  if (s->nconns == 0) {
    s->report_done = 1;
    schedule(st);
  }
  signals_update(st);
}

/* ref(sid, on): whether the listener keeps the process alive. */
static void fn_ref(mrt_op_call *call) {
  rt_http *st = mrt_op_data(call);
  http_server *s = server_of(st, mrt_op_arg_number(call, 0));
  if (!s || !s->listening) return;
  s->refd = mrt_op_arg_boolean(call, 1);
  if (s->refd) uv_ref((uv_handle_t *)&s->listener);
  else uv_unref((uv_handle_t *)&s->listener);
  signals_update(st);
}

/* setHook(fn): the JS function called with each batch. */
static void fn_set_hook(mrt_op_call *call) {
  rt_http *st = mrt_op_data(call);
  shim_global *fn = rt_op_function_arg(call, 0);
  if (!fn) {
    rt_op_error(call, "TypeError", NULL, "setHook needs a function");
    return;
  }
  if (st->hook) shim_release(st->hook);
  st->hook = fn;
}

/* startupTimes() -> [listen, firstRequest, firstResponse] in ns of uv_hrtime (0: not yet). */
static void fn_times(mrt_op_call *call) {
  rt_http *st = mrt_op_data(call);
  char out[96];
  int n = snprintf(out, sizeof out, "%llu %llu %llu", (unsigned long long)st->t_listen,
                   (unsigned long long)st->t_first_request,
                   (unsigned long long)st->t_first_response);
  mrt_op_return_string(call, out, (size_t)n);
}

static const mrt_op_decl binding_fns[] = {
    {.name = "setHook", .fn = fn_set_hook},   {.name = "listen", .fn = fn_listen},
    {.name = "take", .fn = fn_take},          {.name = "respond", .fn = fn_respond},
    {.name = "write", .fn = fn_write},        {.name = "end", .fn = fn_end},
    {.name = "pause", .fn = fn_pause},        {.name = "peer", .fn = fn_peer},
    {.name = "close", .fn = fn_close},        {.name = "ref", .fn = fn_ref},
    {.name = "times", .fn = fn_times},
};

/* httpBinding(): the server's functions, made at the first call (mrt.serve) with
 * mrt_function rather than registered as ops: an op costs every start its share of the
 * startup snapshot, and these are needed only by programs that serve HTTP. */
static void op_http_binding(mrt_op_call *c) {
  rt_op_return_functions(c, binding_fns, sizeof binding_fns / sizeof binding_fns[0]);
}

int rt_http_init(mrt_runtime *rt, void **state) {
  rt_http *st = calloc(1, sizeof *st);
  if (!st) return MRT_ENOMEM;
  st->rt = rt;
  st->uv = loop_uv(rt->loop);
  *state = st;
  mrt_op_decl d = {.name = "httpBinding", .fn = op_http_binding, .data = st};
  return rt_register_builtin(rt, &d);
}

static void close_handle(uv_handle_t *h) {
  if (!uv_is_closing(h)) uv_close(h, NULL);
}

/* Before the isolate goes: no more JS; sockets close now, their memory in loop_free. */
void rt_http_close(mrt_runtime *rt, void *state) {
  rt_http *st = state;
  (void)rt;
  if (!st) return;
  st->dead = 1;
  if (st->hook) shim_release(st->hook);
  st->hook = NULL;
  for (http_server *s = st->servers; s; s = s->next) {
    s->closing = 1;
    s->done_reported = 1;
    if (s->listening) {
      s->listening = 0;
      uv_close((uv_handle_t *)&s->listener, NULL);
    }
    for (uint32_t i = 0; i < s->nslots; i++) {
      if (s->slots[i]) conn_close(s->slots[i]);
    }
  }
  /* Ghost records (aborts not yet reported) are freed here. */
  for (http_conn *c = st->ready_head, *next; c; c = next) {
    next = c->ready_next;
    if (c->id == -1) free(c);
    else c->ready = 0;
  }
  st->ready_head = st->ready_tail = NULL;
  if (st->started) {
    close_handle((uv_handle_t *)&st->check);
    close_handle((uv_handle_t *)&st->idle);
    close_handle((uv_handle_t *)&st->sweep);
    close_handle((uv_handle_t *)&st->sigint);
    close_handle((uv_handle_t *)&st->sigterm);
  }
}

/* After loop_free: every close callback ran. */
void rt_http_free(mrt_runtime *rt, void *state) {
  rt_http *st = state;
  (void)rt;
  if (!st) return;
  for (http_server *s = st->servers, *next; s; s = next) {
    next = s->next;
    free(s->slots);
    free(s->free_slots);
    free(s);
  }
  free(st->items);
  free(st);
}
