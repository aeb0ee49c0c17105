/*
 * uv_pico.c: the "hello" server on libuv + picohttpparser's phr_parse_request as exported by
 * libh2o.so: the parser alone that a libh2o choice would give us without h2o's server.
 *
 * picohttpparser only tokenizes a request head; message framing is the caller's. The glue
 * below does what RFC 9112 asks of it, minimally, so the robustness table can say which
 * checks the parser gives and which the glue had to add ("glue" in README.md):
 * Content-Length (digits only; several must agree), Transfer-Encoding (only "chunked";
 * never with Content-Length), chunked bodies (phr_decode_chunked), a 16 KiB head limit
 * (431), an 8 KiB target limit (414).
 *
 * Usage: uv_pico PORT
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uv.h>

#include "bench_date.h"
#include "phr.h"

#define IN_MAX 65536
#define HEAD_MAX 16384
#define TARGET_MAX 8192
#define OUT_MAX 16384
#define MAX_HEADERS 64

enum state { HEAD, BODY_LENGTH, BODY_CHUNKED };

typedef struct conn {
  uv_tcp_t tcp;
  enum state state;
  uint64_t body_left;
  struct phr_chunked_decoder dec;
  int keep_alive; /* of the request being read */
  int close_after_write;
  size_t in_len, out_len;
  char in[IN_MAX];
  char out[OUT_MAX];
} conn;

typedef struct write_req {
  uv_write_t req;
  conn *c;
  char data[];
} write_req;

static void append(conn *c, const char *s, size_t n) {
  if (c->out_len + n > OUT_MAX) {
    c->close_after_write = 1;
    return;
  }
  memcpy(c->out + c->out_len, s, n);
  c->out_len += n;
}

static void respond_hello(conn *c) {
  char head[192];
  int n = snprintf(head, sizeof head,
                   "HTTP/1.1 200 OK\r\nDate: %s\r\nContent-Type: text/plain\r\n"
                   "Content-Length: 5\r\n%s\r\nhello",
                   bench_date(c->tcp.loop), c->keep_alive ? "" : "Connection: close\r\n");
  append(c, head, (size_t)n);
  if (!c->keep_alive) c->close_after_write = 1;
}

static void respond_error(conn *c, const char *status) {
  char head[128];
  int n = snprintf(head, sizeof head,
                   "HTTP/1.1 %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", status);
  append(c, head, (size_t)n);
  c->close_after_write = 1;
}

static int value_is(const struct phr_header *h, const char *s) {
  return h->value_len == strlen(s) && strncasecmp(h->value, s, h->value_len) == 0;
}

static int name_is(const struct phr_header *h, const char *s) {
  return h->name_len == strlen(s) && strncasecmp(h->name, s, h->name_len) == 0;
}

/* The framing of one parsed head (the glue's job with picohttpparser). NULL when it is
 * acceptable, else the error status line. */
static const char *frame(conn *c, int minor, const struct phr_header *hs, size_t n) {
  int have_length = 0, chunked = 0, te = 0;
  uint64_t length = 0;
  c->keep_alive = minor == 1;
  for (size_t i = 0; i < n; i++) {
    const struct phr_header *h = &hs[i];
    if (h->name == NULL) return "400 Bad Request"; /* obs-fold continuation line */
    if (name_is(h, "content-length")) {
      uint64_t v = 0;
      if (h->value_len == 0 || h->value_len > 15) return "400 Bad Request";
      for (size_t k = 0; k < h->value_len; k++) {
        if (h->value[k] < '0' || h->value[k] > '9') return "400 Bad Request";
        v = v * 10 + (uint64_t)(h->value[k] - '0');
      }
      if (have_length && v != length) return "400 Bad Request";
      have_length = 1;
      length = v;
    } else if (name_is(h, "transfer-encoding")) {
      te = 1;
      chunked = value_is(h, "chunked");
      if (!chunked) return "501 Not Implemented";
    } else if (name_is(h, "connection")) {
      if (value_is(h, "close")) c->keep_alive = 0;
      else if (value_is(h, "keep-alive")) c->keep_alive = 1;
    }
  }
  if (te && have_length) return "400 Bad Request"; /* request smuggling */
  if (chunked) {
    memset(&c->dec, 0, sizeof c->dec);
    c->dec.consume_trailer = 1;
    c->state = BODY_CHUNKED;
  } else if (length > 0) {
    c->body_left = length;
    c->state = BODY_LENGTH;
  }
  return NULL;
}

/* Parses what is buffered: every complete request gets its response appended. */
static void process(conn *c) {
  size_t off = 0;
  while (!c->close_after_write && off < c->in_len) {
    if (c->state == HEAD) {
      const char *method, *path;
      size_t method_len, path_len, nh = MAX_HEADERS;
      int minor;
      struct phr_header hs[MAX_HEADERS];
      int r = phr_parse_request(c->in + off, c->in_len - off, &method, &method_len, &path,
                                &path_len, &minor, hs, &nh, 0);
      if (r == -2) {
        if (c->in_len - off >= HEAD_MAX) respond_error(c, "431 Request Header Fields Too Large");
        break;
      }
      if (r < 0) {
        respond_error(c, "400 Bad Request");
        break;
      }
      if (path_len > TARGET_MAX) {
        respond_error(c, "414 URI Too Long");
        break;
      }
      if (r > HEAD_MAX) {
        respond_error(c, "431 Request Header Fields Too Large");
        break;
      }
      off += (size_t)r;
      const char *err = frame(c, minor, hs, nh);
      if (err) {
        respond_error(c, err);
        break;
      }
      if (c->state == HEAD) respond_hello(c);
    } else if (c->state == BODY_LENGTH) {
      size_t avail = c->in_len - off;
      size_t take = c->body_left < avail ? (size_t)c->body_left : avail;
      off += take;
      c->body_left -= take;
      if (c->body_left == 0) {
        c->state = HEAD;
        respond_hello(c);
      }
    } else {
      size_t size = c->in_len - off;
      ssize_t rest = phr_decode_chunked(&c->dec, c->in + off, &size);
      if (rest == -1) {
        respond_error(c, "400 Bad Request");
        break;
      }
      if (rest == -2) { /* all of it consumed; the decoded bytes are not needed here */
        c->in_len = off;
        break;
      }
      memmove(c->in + off, c->in + off + size, (size_t)rest);
      c->in_len = off + (size_t)rest;
      c->state = HEAD;
      respond_hello(c);
    }
  }
  if (off > c->in_len) off = c->in_len;
  memmove(c->in, c->in + off, c->in_len - off);
  c->in_len -= off;
}

static void on_close(uv_handle_t *h) { free(h->data); }

static void close_conn(conn *c) {
  if (!uv_is_closing((uv_handle_t *)&c->tcp)) uv_close((uv_handle_t *)&c->tcp, on_close);
}

static void on_written(uv_write_t *req, int status) {
  write_req *w = (write_req *)req;
  if (status < 0 || w->c->close_after_write) close_conn(w->c);
  free(w);
}

static void flush(conn *c) {
  size_t len = c->out_len, done = 0;
  c->out_len = 0;
  if (len == 0) {
    if (c->close_after_write) close_conn(c);
    return;
  }
  uv_buf_t b = uv_buf_init(c->out, (unsigned)len);
  int r = uv_try_write((uv_stream_t *)&c->tcp, &b, 1);
  if (r > 0) done = (size_t)r;
  else if (r != UV_EAGAIN) { close_conn(c); return; }
  if (done == len) {
    if (c->close_after_write) close_conn(c);
    return;
  }
  write_req *w = malloc(sizeof *w + len - done);
  if (!w) { close_conn(c); return; }
  w->c = c;
  memcpy(w->data, c->out + done, len - done);
  b = uv_buf_init(w->data, (unsigned)(len - done));
  if (uv_write(&w->req, (uv_stream_t *)&c->tcp, &b, 1, on_written) != 0) {
    free(w);
    close_conn(c);
  }
}

static void on_alloc(uv_handle_t *h, size_t hint, uv_buf_t *buf) {
  (void)hint;
  conn *c = h->data;
  *buf = uv_buf_init(c->in + c->in_len, (unsigned)(IN_MAX - c->in_len));
}

static void on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf) {
  (void)buf;
  conn *c = s->data;
  if (nread < 0) {
    close_conn(c);
    return;
  }
  if (nread == 0 || c->close_after_write) return;
  c->in_len += (size_t)nread;
  process(c);
  if (c->close_after_write) uv_read_stop(s);
  flush(c);
}

static void on_connection(uv_stream_t *server, int status) {
  if (status < 0) return;
  conn *c = malloc(sizeof *c);
  if (!c) return;
  memset(c, 0, offsetof(conn, in));
  uv_tcp_init(server->loop, &c->tcp);
  c->tcp.data = c;
  if (uv_accept(server, (uv_stream_t *)&c->tcp) != 0) {
    uv_close((uv_handle_t *)&c->tcp, on_close);
    return;
  }
  uv_tcp_nodelay(&c->tcp, 1);
  uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s PORT\n", argv[0]);
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  uv_loop_t *loop = uv_default_loop();
  uv_tcp_t server;
  struct sockaddr_in addr;
  uv_ip4_addr("127.0.0.1", atoi(argv[1]), &addr);
  uv_tcp_init(loop, &server);
  int r = uv_tcp_bind(&server, (const struct sockaddr *)&addr, 0);
  if (r == 0) r = uv_listen((uv_stream_t *)&server, 1024, on_connection);
  if (r != 0) {
    fprintf(stderr, "listen: %s\n", uv_strerror(r));
    return 1;
  }
  return uv_run(loop, UV_RUN_DEFAULT);
}
