/*
 * uv_httpparser.c: a minimal HTTP/1.1 keep-alive "hello" server on libuv + Debian's
 * http-parser (libhttp-parser2.9). One of the candidates measured by run.sh; the glue is as
 * thin as a real server's would be so the figures show the parser and the loop, nothing else.
 *
 * Usage: uv_httpparser PORT
 */
#include <http_parser.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uv.h>

#include "bench_date.h"

#define OUT_MAX 16384 /* responses to one read's worth of pipelined requests */

typedef struct conn {
  uv_tcp_t tcp;
  http_parser parser;
  size_t out_len;
  int close_after_write; /* Connection: close, HTTP/1.0, an error or an upgrade */
  char in[65536];
  char out[OUT_MAX];
} conn;

typedef struct write_req {
  uv_write_t req;
  conn *c;
  char data[];
} write_req;

static http_parser_settings settings;

static void append(conn *c, const char *s, size_t n) {
  if (c->out_len + n > OUT_MAX) { /* too many pipelined requests in one read: stop there */
    c->close_after_write = 1;
    return;
  }
  memcpy(c->out + c->out_len, s, n);
  c->out_len += n;
}

static int on_message_complete(http_parser *p) {
  conn *c = p->data;
  int keep = http_should_keep_alive(p);
  char head[192];
  int n = snprintf(head, sizeof head,
                   "HTTP/1.1 200 OK\r\nDate: %s\r\nContent-Type: text/plain\r\n"
                   "Content-Length: 5\r\n%s\r\nhello",
                   bench_date(c->tcp.loop), keep ? "" : "Connection: close\r\n");
  append(c, head, (size_t)n);
  if (!keep) c->close_after_write = 1;
  return 0;
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

/* Writes the responses gathered from one read: uv_try_write first (almost always all of
 * it on loopback), a queued copy of the rest otherwise. */
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
  *buf = uv_buf_init(c->in, sizeof c->in);
}

static const char BAD_REQUEST[] =
    "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

static void on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf) {
  conn *c = s->data;
  if (nread < 0) { /* EOF or error: a message cut short gets no answer */
    close_conn(c);
    return;
  }
  if (nread == 0 || c->close_after_write) return;
  size_t used = http_parser_execute(&c->parser, &settings, buf->base, (size_t)nread);
  if (HTTP_PARSER_ERRNO(&c->parser) != HPE_OK) {
    append(c, BAD_REQUEST, sizeof BAD_REQUEST - 1);
    c->close_after_write = 1;
    uv_read_stop(s);
  } else if (c->parser.upgrade) { /* Upgrade / CONNECT / PRI: not spoken here */
    c->close_after_write = 1;
    uv_read_stop(s);
  } else if (used != (size_t)nread) {
    c->close_after_write = 1;
  }
  flush(c);
}

static void on_connection(uv_stream_t *server, int status) {
  if (status < 0) return;
  conn *c = malloc(sizeof *c);
  if (!c) return;
  uv_tcp_init(server->loop, &c->tcp);
  c->tcp.data = c;
  c->out_len = 0;
  c->close_after_write = 0;
  if (uv_accept(server, (uv_stream_t *)&c->tcp) != 0) {
    uv_close((uv_handle_t *)&c->tcp, on_close);
    return;
  }
  uv_tcp_nodelay(&c->tcp, 1);
  http_parser_init(&c->parser, HTTP_REQUEST);
  c->parser.data = c;
  uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s PORT\n", argv[0]);
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  http_parser_settings_init(&settings);
  settings.on_message_complete = on_message_complete;
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
