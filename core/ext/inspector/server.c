/* server.c: the inspector's HTTP + WebSocket server on its own thread (see server.h).
 *
 * Threads: everything on a connection (its socket, its http-parser, its wslay context) is the
 * server thread's. The runtime's thread touches a connection only through insp_server_send
 * and insp_server_conn_done, which queue for the server thread (a locked list and a
 * uv_async_t), and through conn->session, which only it reads and writes. A connection is
 * freed when both are done with it: the server thread when its socket closed, the runtime
 * when it disconnected the session (that news comes through the same queue, after the
 * session's last message). */
#define _GNU_SOURCE
#include "server.h"

#include <dlfcn.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <uv.h>
#include <wslay/wslay.h>

#include "ext/crypto/openssl.h"
#include "ext/http/h1.h"

/* ---------------------------------------------------------------- libwslay, dlopen()ed */

#define LIBWSLAY "libwslay.so.1"
static struct {
  int (*server_init)(wslay_event_context_ptr *, const struct wslay_event_callbacks *, void *);
  void (*free)(wslay_event_context_ptr);
  int (*recv)(wslay_event_context_ptr);
  int (*send)(wslay_event_context_ptr);
  int (*queue_msg)(wslay_event_context_ptr, const struct wslay_event_msg *);
  int (*want_read)(wslay_event_context_ptr);
  int (*want_write)(wslay_event_context_ptr);
  void (*set_error)(wslay_event_context_ptr, int);
  void (*set_max_recv)(wslay_event_context_ptr, uint64_t);
} ws;
static pthread_once_t ws_once = PTHREAD_ONCE_INIT;
static char ws_err[256];

static void ws_load(void) {
  /* Not a library the relinked libnode stubs: a plain local dlopen. */
  void *h = dlopen(LIBWSLAY, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    snprintf(ws_err, sizeof ws_err, "libwslay (%s) could not be loaded: %s (install libwslay1)",
             LIBWSLAY, dlerror());
    return;
  }
  void *p[] = {
      dlsym(h, "wslay_event_context_server_init"), dlsym(h, "wslay_event_context_free"),
      dlsym(h, "wslay_event_recv"),                dlsym(h, "wslay_event_send"),
      dlsym(h, "wslay_event_queue_msg"),           dlsym(h, "wslay_event_want_read"),
      dlsym(h, "wslay_event_want_write"),          dlsym(h, "wslay_event_set_error"),
      dlsym(h, "wslay_event_config_set_max_recv_msg_length"),
  };
  for (size_t i = 0; i < sizeof p / sizeof p[0]; i++) {
    if (!p[i]) {
      snprintf(ws_err, sizeof ws_err, "libwslay (%s) lacks a function mrt uses", LIBWSLAY);
      dlclose(h);
      return;
    }
  }
  memcpy(&ws, p, sizeof ws); /* the same order, all function pointers */
}

/* ---------------------------------------------------------------- state */

typedef struct out_item {
  struct out_item *next;
  insp_conn *conn;
  char *msg; /* NULL: the runtime is done with conn */
  size_t len;
} out_item;

struct insp_server {
  rt_inspector *ins;
  uv_loop_t loop;
  uv_tcp_t listener;
  uv_async_t wake;
  pthread_t thread;
  pthread_mutex_t lock;
  out_item *out_head, *out_tail; /* under lock */
  int stopping;                  /* under lock */
  insp_conn *conns;              /* server thread: open connections */
  insp_conn *all;                /* under lock: every connection not yet freed */
  int port;
  char id[37];
  char host[64];
  char ws_url[160];
};

struct insp_conn {
  insp_server *server;
  insp_conn *next;      /* in conns */
  insp_conn *next_all;  /* in all */
  int writes;           /* uv_write requests in flight */
  uv_tcp_t tcp;
  h1_conn *h1;
  wslay_event_context_ptr ws; /* after the upgrade */
  const char *in;             /* bytes being handed to wslay */
  size_t in_len;
  int refs;                   /* server side + runtime side (under the server's lock) */
  int closing;                /* the socket is being closed */
  int close_after_write;      /* an HTTP answer: close once written */
  /* The request being parsed. */
  char target[256];
  char key[64];
  int upgrade_ws;
  mrt_inspector_session *session; /* runtime's thread only */
};

static void conn_free(insp_conn *c) {
  h1_free(c->h1);
  if (c->ws) ws.free(c->ws);
  free(c);
}

static void conn_unref(insp_conn *c) {
  insp_server *s = c->server;
  pthread_mutex_lock(&s->lock);
  int left = --c->refs;
  if (left == 0) {
    for (insp_conn **p = &s->all; *p; p = &(*p)->next_all) {
      if (*p == c) {
        *p = c->next_all;
        break;
      }
    }
  }
  pthread_mutex_unlock(&s->lock);
  if (left == 0) conn_free(c);
}

/* ---------------------------------------------------------------- writing */

typedef struct write_req {
  uv_write_t req;
  insp_conn *conn;
  char data[];
} write_req;

static void conn_close(insp_conn *c);

static void on_written(uv_write_t *req, int status) {
  write_req *w = (write_req *)req;
  insp_conn *c = w->conn;
  free(w);
  c->writes--;
  if (status < 0 || (c->close_after_write && c->writes == 0)) conn_close(c);
}

static int conn_write(insp_conn *c, const void *data, size_t len) {
  if (c->closing) return -1;
  write_req *w = malloc(sizeof *w + len);
  if (!w) return -1;
  w->conn = c;
  memcpy(w->data, data, len);
  uv_buf_t buf = uv_buf_init(w->data, (unsigned)len);
  if (uv_write(&w->req, (uv_stream_t *)&c->tcp, &buf, 1, on_written) != 0) {
    free(w);
    return -1;
  }
  c->writes++;
  return 0;
}

static void on_closed(uv_handle_t *h) {
  insp_conn *c = h->data;
  conn_unref(c);
}

static void conn_close(insp_conn *c) {
  if (c->closing) return;
  c->closing = 1;
  insp_server *s = c->server;
  for (insp_conn **p = &s->conns; *p; p = &(*p)->next) {
    if (*p == c) {
      *p = c->next;
      break;
    }
  }
  if (c->ws) {
    ws.free(c->ws);
    c->ws = NULL;
    rt_inspector_remote_close(s->ins, c); /* the runtime hands it back when done */
  }
  h1_free(c->h1);
  c->h1 = NULL;
  uv_close((uv_handle_t *)&c->tcp, on_closed);
}

/* ---------------------------------------------------------------- HTTP */

static void http_answer(insp_conn *c, int status, const char *reason, const char *type,
                        const char *body) {
  char head[256];
  size_t blen = strlen(body);
  int n = snprintf(head, sizeof head,
                   "HTTP/1.1 %d %s\r\nContent-Type: %s; charset=UTF-8\r\n"
                   "Cache-Control: no-cache\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
                   status, reason, type, blen);
  c->close_after_write = 1;
  if (conn_write(c, head, (size_t)n) != 0 || conn_write(c, body, blen) != 0) conn_close(c);
}

static void json_list(insp_conn *c) {
  insp_server *s = c->server;
  char body[1024];
  char cwd[512];
  if (!getcwd(cwd, sizeof cwd)) strcpy(cwd, "/");
  snprintf(body, sizeof body,
           "[ {\n"
           "  \"description\": \"mrt instance\",\n"
           "  \"devtoolsFrontendUrl\": \"devtools://devtools/bundled/js_app.html"
           "?experiments=true&v8only=true&ws=%s:%d/%s\",\n"
           "  \"devtoolsFrontendUrlCompat\": \"devtools://devtools/bundled/inspector.html"
           "?experiments=true&v8only=true&ws=%s:%d/%s\",\n"
           "  \"id\": \"%s\",\n"
           "  \"title\": \"mrt[%d]\",\n"
           "  \"type\": \"node\",\n"
           "  \"url\": \"file://%s\",\n"
           "  \"webSocketDebuggerUrl\": \"%s\"\n"
           "} ]\n\n",
           s->host, s->port, s->id, s->host, s->port, s->id, s->id, (int)getpid(), cwd,
           s->ws_url);
  http_answer(c, 200, "OK", "application/json", body);
}

static ssize_t ws_recv_cb(wslay_event_context_ptr ctx, uint8_t *buf, size_t len, int flags,
                          void *data) {
  (void)flags;
  insp_conn *c = data;
  if (!c->in_len) {
    ws.set_error(ctx, WSLAY_ERR_WOULDBLOCK);
    return -1;
  }
  size_t n = len < c->in_len ? len : c->in_len;
  memcpy(buf, c->in, n);
  c->in += n;
  c->in_len -= n;
  return (ssize_t)n;
}

static ssize_t ws_send_cb(wslay_event_context_ptr ctx, const uint8_t *data, size_t len, int flags,
                          void *ud) {
  (void)flags;
  if (conn_write(ud, data, len) != 0) {
    ws.set_error(ctx, WSLAY_ERR_CALLBACK_FAILURE);
    return -1;
  }
  return (ssize_t)len;
}

static void ws_on_msg(wslay_event_context_ptr ctx, const struct wslay_event_on_msg_recv_arg *arg,
                      void *data) {
  (void)ctx;
  insp_conn *c = data;
  if (arg->opcode == WSLAY_TEXT_FRAME || arg->opcode == WSLAY_BINARY_FRAME) {
    rt_inspector_remote_message(c->server->ins, c, (const char *)arg->msg, arg->msg_length);
  }
}

/* Sends what wslay has queued; closes when the session is over (a close frame went both
 * ways, or an error). */
static void ws_flush(insp_conn *c) {
  if (!c->ws) return;
  if (ws.send(c->ws) != 0 || (!ws.want_read(c->ws) && !ws.want_write(c->ws))) conn_close(c);
}

static void ws_feed(insp_conn *c, const char *data, size_t len) {
  c->in = data;
  c->in_len = len;
  int rc = ws.recv(c->ws);
  c->in_len = 0;
  if (rc != 0) {
    conn_close(c);
    return;
  }
  ws_flush(c);
}

/* Sec-WebSocket-Accept: base64(SHA-1(key + the RFC 6455 GUID)). */
static int ws_accept_key(const char *key, char out[64]) {
  char buf[128];
  int n = snprintf(buf, sizeof buf, "%s258EAFA5-E914-47DA-95CA-C5AB0DC85B11", key);
  if (n < 0 || (size_t)n >= sizeof buf) return -1;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int mdlen = 0;
  if (!OSSL(EVP_Digest)(buf, (size_t)n, md, &mdlen, OSSL(EVP_sha1)(), NULL)) return -1;
  OSSL(EVP_EncodeBlock)((unsigned char *)out, md, (int)mdlen);
  return 0;
}

static void ws_upgrade(insp_conn *c, const char *rest, size_t rest_len) {
  char accept[64];
  if (ws_accept_key(c->key, accept) != 0) {
    http_answer(c, 500, "Internal Server Error", "text/plain", "handshake failed\n");
    return;
  }
  struct wslay_event_callbacks cb = {ws_recv_cb, ws_send_cb, NULL, NULL, NULL, NULL, ws_on_msg};
  if (ws.server_init(&c->ws, &cb, c) != 0) {
    conn_close(c);
    return;
  }
  ws.set_max_recv(c->ws, 256u << 20);
  char head[256];
  int n = snprintf(head, sizeof head,
                   "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                   "Connection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n",
                   accept);
  if (conn_write(c, head, (size_t)n) != 0) {
    ws.free(c->ws);
    c->ws = NULL;
    conn_close(c);
    return;
  }
  pthread_mutex_lock(&c->server->lock);
  c->refs++; /* the runtime's, until insp_server_conn_done */
  pthread_mutex_unlock(&c->server->lock);
  rt_inspector_remote_open(c->server->ins, c);
  if (rest_len) ws_feed(c, rest, rest_len);
}

static int h1_on_request(void *ud, const h1_request *req) {
  insp_conn *c = ud;
  size_t n = req->target_len < sizeof c->target - 1 ? req->target_len : sizeof c->target - 1;
  memcpy(c->target, req->target, n);
  c->target[n] = '\0';
  c->key[0] = '\0';
  c->upgrade_ws = 0;
  for (size_t i = 0; i < req->nheaders; i++) {
    const h1_header *h = &req->headers[i];
    if (h->name_len == 17 && strncasecmp(h->name, "Sec-WebSocket-Key", 17) == 0 &&
        h->value_len < sizeof c->key) {
      memcpy(c->key, h->value, h->value_len);
      c->key[h->value_len] = '\0';
    } else if (h->name_len == 7 && strncasecmp(h->name, "Upgrade", 7) == 0 &&
               h->value_len == 9 && strncasecmp(h->value, "websocket", 9) == 0) {
      c->upgrade_ws = 1;
    }
  }
  return 0;
}

static int h1_on_body(void *ud, const char *data, size_t len) {
  (void)ud, (void)data, (void)len;
  return 0;
}

static int h1_on_end(void *ud) {
  (void)ud;
  return 0;
}

/* A whole request head was read: answer it (rest: bytes after it). */
static void http_request(insp_conn *c, const char *rest, size_t rest_len) {
  insp_server *s = c->server;
  char *q = strchr(c->target, '?');
  if (q) *q = '\0';
  if (c->upgrade_ws) {
    if (c->target[0] == '/' && strcmp(c->target + 1, s->id) == 0 && c->key[0]) {
      ws_upgrade(c, rest, rest_len);
    } else {
      http_answer(c, 400, "Bad Request", "text/plain", "WebSocket request was not handled\n");
    }
  } else if (strcmp(c->target, "/json") == 0 || strcmp(c->target, "/json/list") == 0) {
    json_list(c);
  } else if (strcmp(c->target, "/json/version") == 0) {
    char body[256];
    snprintf(body, sizeof body,
             "{\n  \"Browser\": \"mrt/%s\",\n  \"Protocol-Version\": \"1.1\",\n"
             "  \"V8-Version\": \"%s\"\n}\n",
             mrt_version(), mrt_v8_version());
    http_answer(c, 200, "OK", "application/json", body);
  } else {
    http_answer(c, 404, "Not Found", "text/plain", "Unknown path\n");
  }
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf) {
  (void)h;
  buf->base = malloc(suggested);
  buf->len = buf->base ? suggested : 0;
}

static void on_read(uv_stream_t *stream, ssize_t nread, const uv_buf_t *buf) {
  insp_conn *c = stream->data;
  if (nread < 0) {
    free(buf->base);
    conn_close(c);
    return;
  }
  if (c->ws) {
    ws_feed(c, buf->base, (size_t)nread);
  } else if (c->h1 && !c->close_after_write) {
    ssize_t used = h1_feed(c->h1, buf->base, (size_t)nread);
    if (used < 0) {
      http_answer(c, 400, "Bad Request", "text/plain", "Bad request\n");
    } else if (h1_paused(c->h1)) {
      http_request(c, buf->base + used, (size_t)nread - (size_t)used);
    }
  }
  free(buf->base);
}

static void on_connection(uv_stream_t *listener, int status) {
  insp_server *s = listener->data;
  if (status < 0) return;
  insp_conn *c = calloc(1, sizeof *c);
  if (!c) return;
  c->server = s;
  c->refs = 1;
  pthread_mutex_lock(&s->lock);
  c->next_all = s->all;
  s->all = c;
  pthread_mutex_unlock(&s->lock);
  uv_tcp_init(&s->loop, &c->tcp);
  c->tcp.data = c;
  static const h1_callbacks cb = {h1_on_request, h1_on_body, h1_on_end};
  c->h1 = h1_new(NULL, &cb, c);
  if (uv_accept(listener, (uv_stream_t *)&c->tcp) != 0 || !c->h1) {
    h1_free(c->h1);
    c->h1 = NULL;
    c->closing = 1;
    uv_close((uv_handle_t *)&c->tcp, on_closed);
    return;
  }
  c->next = s->conns;
  s->conns = c;
  uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
}

/* ---------------------------------------------------------------- the runtime's side */

static void on_wake(uv_async_t *a) {
  insp_server *s = a->data;
  pthread_mutex_lock(&s->lock);
  out_item *list = s->out_head;
  s->out_head = s->out_tail = NULL;
  int stopping = s->stopping;
  pthread_mutex_unlock(&s->lock);
  while (list) {
    out_item *it = list;
    list = it->next;
    insp_conn *c = it->conn;
    if (!it->msg) {
      conn_unref(c);
    } else if (c->ws && !c->closing) {
      struct wslay_event_msg m = {WSLAY_TEXT_FRAME, (const uint8_t *)it->msg, it->len};
      if (ws.queue_msg(c->ws, &m) == 0) ws_flush(c);
    }
    free(it->msg);
    free(it);
  }
  if (stopping) {
    while (s->conns) conn_close(s->conns);
    uv_close((uv_handle_t *)&s->listener, NULL);
    uv_close((uv_handle_t *)&s->wake, NULL);
  }
}

static void queue_out(insp_conn *c, char *msg, size_t len) {
  insp_server *s = c->server;
  out_item *it = malloc(sizeof *it);
  if (!it) {
    free(msg);
    return;
  }
  *it = (out_item){NULL, c, msg, len};
  pthread_mutex_lock(&s->lock);
  if (s->out_tail) s->out_tail->next = it;
  else s->out_head = it;
  s->out_tail = it;
  pthread_mutex_unlock(&s->lock);
  uv_async_send(&s->wake);
}

void insp_server_send(insp_conn *c, const char *msg, size_t len) {
  char *copy = malloc(len ? len : 1);
  if (!copy) return;
  memcpy(copy, msg, len);
  queue_out(c, copy, len);
}

void insp_server_conn_done(insp_conn *c) { queue_out(c, NULL, 0); }

void insp_server_conn_set_session(insp_conn *c, mrt_inspector_session *s) { c->session = s; }
mrt_inspector_session *insp_server_conn_session(insp_conn *c) { return c->session; }

/* ---------------------------------------------------------------- start, stop */

static void *server_main(void *arg) {
  insp_server *s = arg;
  uv_run(&s->loop, UV_RUN_DEFAULT);
  return NULL;
}

static void make_id(char out[37]) {
  unsigned char b[16];
  if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b) {
    for (size_t i = 0; i < sizeof b; i++) b[i] = (unsigned char)rand();
  }
  b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* a version 4 UUID, as node's */
  b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
  snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
           b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
           b[15]);
}

insp_server *insp_server_start(rt_inspector *ins, const char *host, int port, char *err,
                               size_t n) {
  pthread_once(&ws_once, ws_load);
  if (!ws.server_init) {
    snprintf(err, n, "%s", ws_err);
    return NULL;
  }
  if (h1_load(err, n) != 0 || rt_ossl_load(err, n) != 0) return NULL;
  if (strcmp(host, "localhost") == 0) host = "127.0.0.1";
  struct sockaddr_storage addr;
  if (uv_ip4_addr(host, port, (struct sockaddr_in *)&addr) != 0 &&
      uv_ip6_addr(host, port, (struct sockaddr_in6 *)&addr) != 0) {
    snprintf(err, n, "invalid inspector host '%s' (an IPv4 or IPv6 address)", host);
    return NULL;
  }
  insp_server *s = calloc(1, sizeof *s);
  if (!s) {
    snprintf(err, n, "out of memory");
    return NULL;
  }
  s->ins = ins;
  pthread_mutex_init(&s->lock, NULL);
  int rc = uv_loop_init(&s->loop);
  if (rc == 0) {
    uv_tcp_init(&s->loop, &s->listener);
    s->listener.data = s;
    rc = uv_tcp_bind(&s->listener, (const struct sockaddr *)&addr, 0);
    if (rc == 0) rc = uv_listen((uv_stream_t *)&s->listener, 16, on_connection);
    if (rc == 0) rc = uv_async_init(&s->loop, &s->wake, on_wake);
    if (rc != 0) {
      snprintf(err, n, "Starting inspector on %s:%d failed: %s", host, port, uv_strerror(rc));
      uv_close((uv_handle_t *)&s->listener, NULL);
      uv_run(&s->loop, UV_RUN_DEFAULT);
      uv_loop_close(&s->loop);
      pthread_mutex_destroy(&s->lock);
      free(s);
      return NULL;
    }
  } else {
    snprintf(err, n, "the inspector's loop: %s", uv_strerror(rc));
    pthread_mutex_destroy(&s->lock);
    free(s);
    return NULL;
  }
  s->wake.data = s;
  struct sockaddr_storage bound;
  int len = sizeof bound;
  uv_tcp_getsockname(&s->listener, (struct sockaddr *)&bound, &len);
  s->port = ntohs(bound.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
                                              : ((struct sockaddr_in *)&bound)->sin_port);
  snprintf(s->host, sizeof s->host, strchr(host, ':') ? "[%s]" : "%s", host);
  make_id(s->id);
  snprintf(s->ws_url, sizeof s->ws_url, "ws://%s:%d/%s", s->host, s->port, s->id);
  if (pthread_create(&s->thread, NULL, server_main, s) != 0) {
    snprintf(err, n, "the inspector's thread could not start");
    uv_close((uv_handle_t *)&s->listener, NULL);
    uv_close((uv_handle_t *)&s->wake, NULL);
    uv_run(&s->loop, UV_RUN_DEFAULT);
    uv_loop_close(&s->loop);
    pthread_mutex_destroy(&s->lock);
    free(s);
    return NULL;
  }
  return s;
}

int insp_server_port(const insp_server *s) { return s->port; }
const char *insp_server_ws_url(const insp_server *s) { return s->ws_url; }

void insp_server_stop(insp_server *s) {
  if (!s) return;
  pthread_mutex_lock(&s->lock);
  s->stopping = 1;
  pthread_mutex_unlock(&s->lock);
  uv_async_send(&s->wake);
  pthread_join(s->thread, NULL);
  /* The loop has ended: connections whose runtime side was still out are freed here (the
   * runtime disconnected every session before stopping). */
  uv_loop_close(&s->loop);
  while (s->all) {
    insp_conn *c = s->all;
    s->all = c->next_all;
    conn_free(c);
  }
  out_item *it = s->out_head;
  while (it) {
    out_item *next = it->next;
    free(it->msg);
    free(it);
    it = next;
  }
  pthread_mutex_destroy(&s->lock);
  free(s);
}
