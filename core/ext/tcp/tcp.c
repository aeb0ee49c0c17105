/* tcp.c: the TCP ops behind mrt.listen, mrt.connect and their Listener/Conn objects
 * (core/ext/tcp/net.js), over libuv streams on the runtime's loop.
 *
 * Reading. A connection reads ahead into its own buffer (up to RBUF_CAP, then it stops
 * reading until JS drains it: backpressure). conn.read(u8) first tries to take bytes from that
 * buffer synchronously (tcpTryRead: no promise round trip through the loop when data is
 * already there); only when it is empty does it wait (tcpRead, async): the waiting read keeps
 * a handle to u8 and, while it is the first in line with an empty buffer, libuv reads straight
 * into u8's memory (no copy). Typed-array memory handed to a native is off-heap and does not
 * move, and the read holds it (mrt_buffer_hold: a share of the BackingStore) until it
 * completes or the connection closes: JS may detach (transfer) u8's buffer meanwhile, and the
 * memory must not be freed and reused under the pending read.
 *
 * Writing. conn.write(u8) tries uv_try_write first (tcpTryWrite: the kernel took the bytes,
 * done); what is left is queued with uv_write (tcpWrite, async), settled in the write
 * callback: a small rest copied, a large one written from u8's memory, held as reads hold
 * theirs. Order is kept: uv_try_write refuses while writes are queued.
 *
 * Keeping the loop alive. The handles themselves are unreferenced: a socket nobody waits on
 * does not keep the process running. A waiting accept/read/write/connect is an async op in
 * flight, and async ops in flight keep the loop alive (ops.c), as in Deno.
 *
 * Listeners and connections are resources (mrt_resource_*), closed by JS or, at teardown,
 * with every other resource: rt_tcp_close (before the isolate is freed) marks the runtime as
 * going, then the resource table closes each socket quietly (nothing is settled); the
 * callbacks libuv still makes (cancelled writes, close callbacks) run inside loop_free and
 * only free C memory; rt_tcp_free frees the rest afterwards.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ext/ext.h"
#include "ext/net_addr.h"
#include "permissions.h"
#include "runtime_internal.h"


#define RBUF_CAP (64 * 1024)

enum { RES_LISTENER = 1, RES_CONN = 2 };

typedef struct tcp_read {
  struct tcp_read *next;
  uint32_t id;
  mrt_buffer_hold *hold; /* keeps the target's memory allocated, even if JS detaches it */
  char *data;
  size_t len;
} tcp_read;

typedef struct tcp_wait { /* a waiting accept */
  struct tcp_wait *next;
  uint32_t id;
} tcp_wait;

typedef struct tcp_res {
  uv_tcp_t h; /* first: callbacks get the handle */
  struct rt_tcp *tcp;
  int kind, rid;
  /* conn */
  char *rbuf;
  size_t rstart, rend;
  int reading, eof, rerr;
  int connecting; /* uv_tcp_connect in flight: not visible to JS yet */
  tcp_read *rq_head, *rq_tail;
  /* listener */
  int ready; /* connection_cb came: one connection waits for uv_accept */
  tcp_wait *aq_head, *aq_tail;
} tcp_res;

struct rt_tcp {
  mrt_runtime *rt;
  uv_loop_t *uv;
  tcp_read *free_reads;
  int dead;
};

typedef struct tcp_write_req {
  uv_write_t req;
  struct rt_tcp *tcp;
  uint32_t id;
  double total;
  mrt_buffer_hold *hold; /* a large write: the caller's bytes, held (not copied) */
  char data[];           /* a small write: its bytes, copied */
} tcp_write_req;

typedef struct tcp_connect_req {
  uv_connect_t req;
  uv_getaddrinfo_t gai;
  struct rt_tcp *tcp;
  tcp_res *conn;
  uint32_t id;
  int port;
  char host[];
} tcp_connect_req;

typedef struct tcp_shutdown_req {
  uv_shutdown_t req;
  struct rt_tcp *tcp;
  uint32_t id;
} tcp_shutdown_req;

/* ---------------------------------------------------------------- resources */

/* Listeners and connections are resources (mrt_resource_*: the runtime's one table). */
static void res_close_cb(mrt_runtime *rt, void *ptr);
static const mrt_resource_kind listener_kind = {"tcpListener", res_close_cb};
static const mrt_resource_kind conn_kind = {"tcpConn", res_close_cb};

static int rid_add(struct rt_tcp *t, tcp_res *r) {
  int rid = mrt_resource_add(t->rt, r->kind == RES_LISTENER ? &listener_kind : &conn_kind, r);
  if (rid < 0) return -1;
  r->rid = rid;
  return rid;
}

/* Out of the table without closing (the caller closes the handle). */
static void rid_remove(struct rt_tcp *t, tcp_res *r) {
  if (r->rid >= 0) mrt_resource_take(t->rt, r->rid, NULL, NULL);
  r->rid = -1;
}

/* A listener or connection JS may use (one still connecting is not visible yet). */
static tcp_res *res_get(struct rt_tcp *t, double drid, int kind) {
  tcp_res *r = mrt_resource_get(t->rt, drid, kind == RES_LISTENER ? &listener_kind : &conn_kind);
  return r && !r->connecting ? r : NULL;
}

static tcp_res *res_new(struct rt_tcp *t, int kind) {
  tcp_res *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  if (uv_tcp_init(t->uv, &r->h) != 0) {
    free(r);
    return NULL;
  }
  uv_unref((uv_handle_t *)&r->h);
  r->h.data = r;
  r->tcp = t;
  r->kind = kind;
  r->rid = -1;
  return r;
}

static void on_close(uv_handle_t *h) {
  tcp_res *r = h->data;
  free(r->rbuf);
  free(r);
}

/* The ops' state (mrt_op_data). */
#define TCP(c) ((struct rt_tcp *)mrt_op_data(c))

/* ---------------------------------------------------------------- results */

static void complete_number(struct rt_tcp *t, uint32_t id, double n) {
  if (t->dead) return;
  mrt_result res = {.kind = MRT_RESULT_NUMBER, .number = n};
  mrt_op_complete(t->rt, id, &res);
}

/* "syscall CODE: description" (Node's net errors), plus " address:port" when known. */
static void complete_error(struct rt_tcp *t, uint32_t id, int err, const char *syscall,
                           const char *host, int port) {
  if (t->dead) return;
  char msg[512];
  if (host && strcmp(syscall, "connect") == 0) { /* Node: "connect ECONNREFUSED 1.2.3.4:5" */
    snprintf(msg, sizeof msg, "%s %s %s:%d", syscall, uv_err_name(err), host, port);
  } else if (host) {
    snprintf(msg, sizeof msg, "%s %s: %s %s:%d", syscall, uv_err_name(err), uv_strerror(err),
             host, port);
  } else {
    snprintf(msg, sizeof msg, "%s %s: %s", syscall, uv_err_name(err), uv_strerror(err));
  }
  mrt_result res = {.kind = MRT_RESULT_ERROR, .uv_errno = err, .syscall = syscall,
                    .message = msg};
  mrt_op_complete(t->rt, id, &res);
}

/* A system error as Node's net module words it: "syscall CODE: description" (msg NULL). */
static void throw_sys_msg(mrt_op_call *c, int err, const char *syscall, const char *msg) {
  char buf[256];
  if (!msg) {
    snprintf(buf, sizeof buf, "%s %s: %s", syscall, uv_err_name(err), uv_strerror(err));
    msg = buf;
  }
  mrt_result res = {.kind = MRT_RESULT_ERROR, .uv_errno = err, .syscall = syscall, .message = msg};
  mrt_op_return_result(c, &res);
}

static void throw_sys(mrt_op_call *c, int err, const char *syscall) {
  throw_sys_msg(c, err, syscall, NULL);
}

static void throw_bad_rid(mrt_op_call *c) { rt_op_error(c, NULL, "EBADF", "Bad resource ID"); }

/* ---------------------------------------------------------------- addresses */

/* A hostname (argument 0) with a NUL would reach the resolver shorter: another host. */
static const char *NUL_HOST = "The \"hostname\" option must not contain null bytes";

/* ---------------------------------------------------------------- reading */

static void alloc_cb(uv_handle_t *h, size_t suggested, uv_buf_t *buf);
static void read_cb(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf);

static size_t rbuf_len(const tcp_res *r) { return r->rend - r->rstart; }

static void read_update(tcp_res *r) {
  int want = !r->eof && !r->rerr && (r->rq_head || r->rend < RBUF_CAP || r->rstart > 0);
  if (want && !r->reading) {
    int rc = uv_read_start((uv_stream_t *)&r->h, alloc_cb, read_cb);
    if (rc == 0) r->reading = 1;
    else r->rerr = rc;
  } else if (!want && r->reading) {
    uv_read_stop((uv_stream_t *)&r->h);
    r->reading = 0;
  }
}

static void read_free(struct rt_tcp *t, tcp_read *rd) {
  mrt_buffer_release(rd->hold);
  rd->hold = NULL;
  rd->next = t->free_reads;
  t->free_reads = rd;
}

static tcp_read *read_pop(tcp_res *r) {
  tcp_read *rd = r->rq_head;
  if (rd) {
    r->rq_head = rd->next;
    if (!r->rq_head) r->rq_tail = NULL;
  }
  return rd;
}

/* Copies buffered bytes out; returns how many. */
static size_t take(tcp_res *r, char *dst, size_t len) {
  size_t n = rbuf_len(r);
  if (n > len) n = len;
  memcpy(dst, r->rbuf + r->rstart, n);
  r->rstart += n;
  if (r->rstart == r->rend) r->rstart = r->rend = 0;
  return n;
}

/* Serves waiting reads from the buffer, then EOF or the error. */
static void serve_reads(tcp_res *r) {
  struct rt_tcp *t = r->tcp;
  while (r->rq_head && rbuf_len(r) > 0) {
    tcp_read *rd = read_pop(r);
    size_t n = take(r, rd->data, rd->len);
    complete_number(t, rd->id, (double)n);
    read_free(t, rd);
  }
  while (r->rq_head && (r->eof || r->rerr)) {
    tcp_read *rd = read_pop(r);
    if (r->rerr) complete_error(t, rd->id, r->rerr, "read", NULL, 0);
    else complete_number(t, rd->id, -1);
    read_free(t, rd);
  }
}

static void alloc_cb(uv_handle_t *h, size_t suggested, uv_buf_t *buf) {
  tcp_res *r = h->data;
  (void)suggested;
  if (r->rq_head && rbuf_len(r) == 0 && r->rq_head->len > 0) {
    *buf = uv_buf_init(r->rq_head->data, (unsigned)(r->rq_head->len > 0x40000000 ? 0x40000000
                                                                               : r->rq_head->len));
    return;
  }
  if (!r->rbuf) {
    r->rbuf = malloc(RBUF_CAP);
    if (!r->rbuf) {
      *buf = uv_buf_init(NULL, 0);
      return;
    }
  }
  if (r->rend == RBUF_CAP && r->rstart > 0) {
    memmove(r->rbuf, r->rbuf + r->rstart, rbuf_len(r));
    r->rend -= r->rstart;
    r->rstart = 0;
  }
  *buf = uv_buf_init(r->rbuf + r->rend, (unsigned)(RBUF_CAP - r->rend));
}

static void read_cb(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf) {
  tcp_res *r = s->data;
  struct rt_tcp *t = r->tcp;
  if (nread > 0) {
    if (r->rq_head && buf->base == r->rq_head->data) {
      tcp_read *rd = read_pop(r);
      complete_number(t, rd->id, (double)nread);
      read_free(t, rd);
    } else {
      r->rend += (size_t)nread;
      serve_reads(r);
    }
  } else if (nread < 0) {
    if (nread == UV_EOF) r->eof = 1;
    else r->rerr = (int)nread;
    serve_reads(r);
  }
  read_update(r);
}

/* ---------------------------------------------------------------- listen/accept */

static void accept_one(tcp_res *l) {
  struct rt_tcp *t = l->tcp;
  tcp_wait *w = l->aq_head;
  l->aq_head = w->next;
  if (!l->aq_head) l->aq_tail = NULL;
  l->ready = 0;
  tcp_res *c = res_new(t, RES_CONN);
  int rc = c ? uv_accept((uv_stream_t *)&l->h, (uv_stream_t *)&c->h) : UV_ENOMEM;
  if (rc == 0 && rid_add(t, c) < 0) rc = UV_ENOMEM;
  if (rc != 0) {
    if (c) uv_close((uv_handle_t *)&c->h, on_close);
    complete_error(t, w->id, rc, "accept", NULL, 0);
  } else {
    read_update(c);
    complete_number(t, w->id, c->rid);
  }
  free(w);
}

static void connection_cb(uv_stream_t *s, int status) {
  tcp_res *l = s->data;
  struct rt_tcp *t = l->tcp;
  if (status < 0) {
    /* Tell the first waiting accept; the listener goes on. */
    tcp_wait *w = l->aq_head;
    if (w) {
      l->aq_head = w->next;
      if (!l->aq_head) l->aq_tail = NULL;
      complete_error(t, w->id, status, "accept", NULL, 0);
      free(w);
    }
    return;
  }
  l->ready = 1;
  if (l->aq_head) accept_one(l);
}

/* sync (hostname, port) -> rid; throws EADDRINUSE etc. */
static void op_listen(mrt_op_call *c) {
  struct rt_tcp *t = mrt_op_data(c);
  size_t n;
  const char *host = mrt_op_arg_string(c, 0, &n);
  int port = (int)mrt_op_arg_number(c, 1);
  struct sockaddr_storage ss;
  char msg[512];
  if (!host) return;
  if (memchr(host, '\0', n)) {
    rt_op_error(c, "TypeError", "ERR_INVALID_ARG_VALUE", NUL_HOST);
    return;
  }
  rt_perms *perms = t->rt->perms;
  if (perms && !rt_perm_net(perms, host, port)) { /* the name as given, before any lookup */
    rt_perm_throw_net(c, host, port);
    return;
  }
  int rc = rt_addr_resolve(t->uv, host, port, &ss);
  if (rc != 0) {
    snprintf(msg, sizeof msg, "getaddrinfo %s %s", uv_err_name(rc), host);
    throw_sys_msg(c, rc, "getaddrinfo", msg);
    return;
  }
  if (perms && !rt_perm_net_addr(perms, (const struct sockaddr *)&ss)) {
    rt_perm_throw_net(c, host, port); /* a name resolving to this machine, not granted so */
    return;
  }
  tcp_res *l = res_new(t, RES_LISTENER);
  if (!l) {
    throw_sys(c, UV_ENOMEM, "listen");
    return;
  }
  const char *syscall = "bind";
  rc = uv_tcp_bind(&l->h, (const struct sockaddr *)&ss, 0);
  if (rc == 0) {
    syscall = "listen";
    rc = uv_listen((uv_stream_t *)&l->h, 511, connection_cb);
  }
  if (rc == 0 && rid_add(t, l) < 0) rc = UV_ENOMEM;
  if (rc != 0) {
    uv_close((uv_handle_t *)&l->h, on_close);
    snprintf(msg, sizeof msg, "%s %s: %s %s:%d", syscall, uv_err_name(rc), uv_strerror(rc), host,
             port);
    throw_sys_msg(c, rc, syscall, msg);
    return;
  }
  mrt_op_return_number(c, l->rid);
}

/* async (rid) -> conn rid */
static void op_accept(mrt_op_call *c) {
  struct rt_tcp *t = TCP(c);
  tcp_res *l = res_get(t, mrt_op_arg_number(c, 0), RES_LISTENER);
  if (!l) {
    throw_bad_rid(c);
    return;
  }
  tcp_wait *w = malloc(sizeof *w);
  if (!w) {
    rt_op_error(c, NULL, "ENOMEM", "out of memory");
    return;
  }
  w->id = mrt_op_async_id(c);
  w->next = NULL;
  if (l->aq_tail) l->aq_tail->next = w;
  else l->aq_head = w;
  l->aq_tail = w;
  if (l->ready) accept_one(l);
}

/* ---------------------------------------------------------------- connect */

static void connect_cb(uv_connect_t *req, int status) {
  tcp_connect_req *cr = (tcp_connect_req *)req;
  struct rt_tcp *t = cr->tcp;
  tcp_res *c = cr->conn;
  c->connecting = 0;
  if (status != 0 || t->dead) {
    /* Closed meanwhile (runtime teardown) or failed: it never reaches JS. */
    rid_remove(t, c);
    if (!uv_is_closing((uv_handle_t *)&c->h)) uv_close((uv_handle_t *)&c->h, on_close);
    complete_error(t, cr->id, status ? status : UV_ECANCELED, "connect", cr->host, cr->port);
  } else {
    read_update(c);
    complete_number(t, cr->id, c->rid);
  }
  free(cr);
}

static void start_connect(tcp_connect_req *cr, const struct sockaddr *addr) {
  struct rt_tcp *t = cr->tcp;
  if (t->rt->perms && !rt_perm_net_addr(t->rt->perms, addr)) {
    /* The address the name led to is this machine's, which was not granted. */
    rt_perm_complete_net(t->rt, cr->id, cr->host, cr->port);
    free(cr);
    return;
  }
  /* In the table from the start (JS learns the rid when connected) so teardown closes it. */
  cr->conn = res_new(t, RES_CONN);
  int rc = !cr->conn ? UV_ENOMEM : rid_add(t, cr->conn) < 0 ? UV_ENOMEM : 0;
  if (rc == 0) {
    cr->conn->connecting = 1;
    rc = uv_tcp_connect(&cr->req, &cr->conn->h, addr, connect_cb);
  }
  if (rc != 0) {
    if (cr->conn) {
      rid_remove(t, cr->conn);
      uv_close((uv_handle_t *)&cr->conn->h, on_close);
    }
    complete_error(t, cr->id, rc, "connect", cr->host, cr->port);
    free(cr);
  }
}

static void gai_cb(uv_getaddrinfo_t *req, int status, struct addrinfo *res) {
  tcp_connect_req *cr = (tcp_connect_req *)((char *)req - offsetof(tcp_connect_req, gai));
  struct rt_tcp *t = cr->tcp;
  if (status != 0 || t->dead) {
    complete_error(t, cr->id, status ? status : UV_ECANCELED, "getaddrinfo", cr->host, cr->port);
    if (res) uv_freeaddrinfo(res);
    free(cr);
    return;
  }
  struct sockaddr_storage ss;
  memset(&ss, 0, sizeof ss);
  memcpy(&ss, res->ai_addr, res->ai_addrlen);
  uv_freeaddrinfo(res);
  if (ss.ss_family == AF_INET) ((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)cr->port);
  else ((struct sockaddr_in6 *)&ss)->sin6_port = htons((uint16_t)cr->port);
  start_connect(cr, (const struct sockaddr *)&ss);
}

/* async (hostname, port) -> conn rid */
static void op_connect(mrt_op_call *c) {
  struct rt_tcp *t = TCP(c);
  size_t n = 0;
  const char *host = mrt_op_arg_string(c, 0, &n);
  if (!host) host = "";
  if (memchr(host, '\0', n)) {
    rt_op_error(c, NULL, "ERR_INVALID_ARG_VALUE", NUL_HOST);
    return;
  }
  int port = (int)mrt_op_arg_number(c, 1);
  if (t->rt->perms && !rt_perm_net(t->rt->perms, host, port)) {
    rt_perm_throw_net(c, host, port); /* before the lookup: the name as given */
    return;
  }
  tcp_connect_req *cr = calloc(1, sizeof *cr + n + 1);
  if (!cr) {
    rt_op_error(c, NULL, "ENOMEM", "out of memory");
    return;
  }
  memcpy(cr->host, host, n);
  cr->tcp = t;
  cr->id = mrt_op_async_id(c);
  cr->port = (int)mrt_op_arg_number(c, 1);
  struct sockaddr_storage ss;
  if (rt_addr_parse(cr->host, cr->port, &ss) == 0) {
    start_connect(cr, (const struct sockaddr *)&ss);
    return;
  }
  struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
  int rc = uv_getaddrinfo(t->uv, &cr->gai, gai_cb, cr->host, NULL, &hints);
  if (rc != 0) {
    complete_error(t, cr->id, rc, "getaddrinfo", cr->host, cr->port);
    free(cr);
  }
}

/* ---------------------------------------------------------------- read */

/* The connection (argument 0) and the bytes (argument 1, called `arg` in messages) of a read
 * or write op; NULL after reporting what is wrong: thrown by a sync op, as the rejection of
 * an async one. With hold, *hold receives a hold on the bytes' memory (the waiting read). */
static tcp_res *conn_and_bytes(mrt_op_call *c, int async, const char *arg, void **data,
                               size_t *len, mrt_buffer_hold **hold) {
  tcp_res *r = res_get(TCP(c), mrt_op_arg_number(c, 0), RES_CONN);
  if (!r) {
    throw_bad_rid(c);
    return NULL;
  }
  int ok = hold ? (*hold = mrt_op_arg_buffer_hold(c, 1, data, len)) != NULL
                : mrt_op_arg_buffer(c, 1, data, len) == MRT_OK;
  if (!ok) {
    char msg[64];
    snprintf(msg, sizeof msg, "The \"%s\" argument must be a Uint8Array", arg);
    if (async) rt_op_error(c, NULL, "ERR_INVALID_ARG_TYPE", msg);
    else rt_op_error(c, "TypeError", "ERR_INVALID_ARG_TYPE", msg);
    return NULL;
  }
  return r;
}

/* sync (rid, u8) -> n >= 0 bytes taken from the buffer, -1 at EOF, -2 nothing yet; throws
 * the connection's read error once the buffer is drained. */
static void op_try_read(mrt_op_call *c) {
  void *data;
  size_t len;
  tcp_res *r = conn_and_bytes(c, 0, "buffer", &data, &len, NULL);
  if (!r) return;
  if (len == 0) {
    mrt_op_return_number(c, 0);
    return;
  }
  if (rbuf_len(r) > 0 && !r->rq_head) {
    size_t n = take(r, data, len);
    read_update(r);
    mrt_op_return_number(c, (double)n);
    return;
  }
  if (r->rq_head) {
    mrt_op_return_number(c, -2); /* reads are served in order */
    return;
  }
  if (r->rerr) {
    throw_sys(c, r->rerr, "read");
    return;
  }
  mrt_op_return_number(c, r->eof ? -1 : -2);
}

/* async (rid, u8) -> n > 0, or -1 at EOF */
static void op_read(mrt_op_call *c) {
  struct rt_tcp *t = TCP(c);
  uint32_t id = mrt_op_async_id(c);
  void *data;
  size_t len;
  mrt_buffer_hold *hold;
  tcp_res *r = conn_and_bytes(c, 1, "buffer", &data, &len, &hold);
  if (!r) return;
  if (len == 0) {
    mrt_buffer_release(hold);
    complete_number(t, id, 0);
    return;
  }
  tcp_read *rd = t->free_reads;
  if (rd) t->free_reads = rd->next;
  else if (!(rd = malloc(sizeof *rd))) {
    mrt_buffer_release(hold);
    rt_op_error(c, NULL, "ENOMEM", "out of memory");
    return;
  }
  rd->next = NULL;
  rd->id = id;
  rd->data = data;
  rd->len = len;
  rd->hold = hold;
  if (r->rq_tail) r->rq_tail->next = rd;
  else r->rq_head = rd;
  r->rq_tail = rd;
  serve_reads(r); /* data, EOF or an error already there */
  read_update(r);
}

/* ---------------------------------------------------------------- write */

/* sync (rid, u8) -> bytes the kernel took now (0 if it would block or writes are queued). */
static void op_try_write(mrt_op_call *c) {
  void *data;
  size_t len;
  tcp_res *r = conn_and_bytes(c, 0, "data", &data, &len, NULL);
  if (!r) return;
  if (len == 0) {
    mrt_op_return_number(c, 0);
    return;
  }
  uv_buf_t b = uv_buf_init(data, (unsigned)(len > 0x40000000 ? 0x40000000 : len));
  int n = uv_try_write((uv_stream_t *)&r->h, &b, 1);
  if (n == UV_EAGAIN || n == UV_ENOSYS) n = 0;
  if (n < 0) {
    throw_sys(c, n, "write");
    return;
  }
  mrt_op_return_number(c, n);
}

static void write_free(tcp_write_req *w) {
  mrt_buffer_release(w->hold); /* safe after the runtime let go of its holds (teardown) */
  free(w);
}

static void write_cb(uv_write_t *req, int status) {
  tcp_write_req *w = (tcp_write_req *)req;
  if (status < 0) complete_error(w->tcp, w->id, status, "write", NULL, 0);
  else complete_number(w->tcp, w->id, w->total);
  write_free(w);
}

/* async (rid, u8, offset) -> u8.length once libuv has written u8[offset..]. A rest of up to
 * WRITE_COPY_MAX bytes is copied; a larger one is written from u8's own memory, held until
 * the write completes (a file piped to a socket: no copy of the chunks the kernel did not
 * take at once), so u8 must not be changed until then (Deno's writes read the caller's
 * buffer too). */
#define WRITE_COPY_MAX (16 * 1024)
static void op_write(mrt_op_call *c) {
  struct rt_tcp *t = TCP(c);
  void *data;
  size_t len;
  tcp_res *r = conn_and_bytes(c, 1, "data", &data, &len, NULL);
  if (!r) return;
  double off = mrt_op_arg_number(c, 2);
  size_t skip = off > 0 && off <= (double)len ? (size_t)off : 0;
  size_t rest = len - skip;
  int hold = rest > WRITE_COPY_MAX;
  tcp_write_req *w = malloc(sizeof *w + (hold ? 0 : rest));
  if (w) {
    w->hold = hold ? mrt_op_arg_buffer_hold(c, 1, &data, &len) : NULL;
    if (hold && (!w->hold || len < skip + rest)) { /* no memory (or the view changed) */
      mrt_buffer_release(w->hold);
      free(w);
      w = NULL;
    }
  }
  if (!w) {
    rt_op_error(c, NULL, "ENOMEM", "out of memory");
    return;
  }
  w->tcp = t;
  w->id = mrt_op_async_id(c);
  w->total = (double)len;
  char *bytes = hold ? (char *)data + skip : w->data;
  if (!hold) memcpy(w->data, (char *)data + skip, rest);
  uv_buf_t b = uv_buf_init(bytes, (unsigned)rest);
  int rc = uv_write(&w->req, (uv_stream_t *)&r->h, &b, 1, write_cb);
  if (rc != 0) {
    complete_error(t, w->id, rc, "write", NULL, 0);
    write_free(w);
  }
}

static void shutdown_cb(uv_shutdown_t *req, int status) {
  tcp_shutdown_req *s = (tcp_shutdown_req *)req;
  if (status < 0) complete_error(s->tcp, s->id, status, "shutdown", NULL, 0);
  else complete_number(s->tcp, s->id, 0);
  free(s);
}

/* async (rid): half-close after the queued writes. */
static void op_shutdown(mrt_op_call *c) {
  struct rt_tcp *t = TCP(c);
  tcp_res *r = res_get(t, mrt_op_arg_number(c, 0), RES_CONN);
  if (!r) {
    throw_bad_rid(c);
    return;
  }
  tcp_shutdown_req *s = malloc(sizeof *s);
  if (!s) {
    rt_op_error(c, NULL, "ENOMEM", "out of memory");
    return;
  }
  s->tcp = t;
  s->id = mrt_op_async_id(c);
  int rc = uv_shutdown(&s->req, (uv_stream_t *)&r->h, shutdown_cb);
  if (rc != 0) {
    complete_error(t, s->id, rc, "shutdown", NULL, 0);
    free(s);
  }
}

/* ---------------------------------------------------------------- close, options, addresses */

/* Rejects what waits on r and closes its handle (the close callback frees it). */
static void res_close(tcp_res *r, int quiet) {
  struct rt_tcp *t = r->tcp;
  tcp_read *rd;
  while ((rd = read_pop(r))) {
    if (!quiet) {
      mrt_result res = {.kind = MRT_RESULT_ERROR, .code = "ECANCELED",
                        .message = "operation canceled: the connection was closed"};
      mrt_op_complete(t->rt, rd->id, &res);
    }
    read_free(t, rd);
  }
  while (r->aq_head) {
    tcp_wait *w = r->aq_head;
    r->aq_head = w->next;
    if (!quiet) {
      mrt_result res = {.kind = MRT_RESULT_ERROR, .code = "ECANCELED",
                        .message = "operation canceled: the listener was closed"};
      mrt_op_complete(t->rt, w->id, &res);
    }
    free(w);
  }
  r->aq_tail = NULL;
  r->rid = -1; /* out of the table already (mrt_resource_close, teardown) */
  if (!uv_is_closing((uv_handle_t *)&r->h)) uv_close((uv_handle_t *)&r->h, on_close);
}

/* The resource's close: JS's close, or teardown (quiet: the runtime is going). */
static void res_close_cb(mrt_runtime *rt, void *ptr) {
  (void)rt;
  tcp_res *r = ptr;
  res_close(r, r->tcp->dead);
}

static tcp_res *any_res(struct rt_tcp *t, double drid) {
  tcp_res *r = res_get(t, drid, RES_CONN);
  return r ? r : res_get(t, drid, RES_LISTENER);
}

/* sync (rid) */
static void op_close(mrt_op_call *c) {
  struct rt_tcp *t = mrt_op_data(c);
  double rid = mrt_op_arg_number(c, 0);
  if (!any_res(t, rid)) {
    throw_bad_rid(c);
    return;
  }
  mrt_resource_close(t->rt, rid, NULL); /* res_close_cb */
}

/* sync (rid, on) */
static void op_nodelay(mrt_op_call *c) {
  tcp_res *r = res_get(TCP(c), mrt_op_arg_number(c, 0), RES_CONN);
  if (!r) {
    throw_bad_rid(c);
    return;
  }
  int rc = uv_tcp_nodelay(&r->h, mrt_op_arg_boolean(c, 1));
  if (rc) throw_sys(c, rc, "setsockopt");
}

/* sync (rid, on) */
static void op_keepalive(mrt_op_call *c) {
  tcp_res *r = res_get(TCP(c), mrt_op_arg_number(c, 0), RES_CONN);
  if (!r) {
    throw_bad_rid(c);
    return;
  }
  int rc = uv_tcp_keepalive(&r->h, mrt_op_arg_boolean(c, 1), 60);
  if (rc) throw_sys(c, rc, "setsockopt");
}

/* sync (rid, remote) -> "host port" */
static void op_addr(mrt_op_call *c) {
  tcp_res *r = any_res(TCP(c), mrt_op_arg_number(c, 0));
  if (!r) {
    throw_bad_rid(c);
    return;
  }
  struct sockaddr_storage ss;
  int len = sizeof ss;
  int rc = mrt_op_arg_boolean(c, 1) ? uv_tcp_getpeername(&r->h, (struct sockaddr *)&ss, &len)
                                    : uv_tcp_getsockname(&r->h, (struct sockaddr *)&ss, &len);
  if (rc) {
    throw_sys(c, rc, mrt_op_arg_boolean(c, 1) ? "getpeername" : "getsockname");
    return;
  }
  char out[96];
  int n = rt_addr_format(&ss, out, sizeof out);
  if (n > 0) mrt_op_return_string(c, out, (size_t)n);
}

static const mrt_op_decl tcp_ops[] = {
    {.name = "tcpListen", .fn = op_listen},
    {.name = "tcpAccept", .fn = op_accept, .async = 1},
    {.name = "tcpConnect", .fn = op_connect, .async = 1},
    {.name = "tcpTryRead", .fn = op_try_read},
    {.name = "tcpRead", .fn = op_read, .async = 1},
    {.name = "tcpTryWrite", .fn = op_try_write},
    {.name = "tcpWrite", .fn = op_write, .async = 1},
    {.name = "tcpShutdown", .fn = op_shutdown, .async = 1},
    {.name = "tcpClose", .fn = op_close},
    {.name = "tcpNoDelay", .fn = op_nodelay},
    {.name = "tcpKeepAlive", .fn = op_keepalive},
    {.name = "tcpAddr", .fn = op_addr},
};

int rt_tcp_init(mrt_runtime *rt, void **state) {
  struct rt_tcp *t = calloc(1, sizeof *t);
  if (!t) return MRT_ENOMEM;
  t->rt = rt;
  t->uv = loop_uv(rt->loop);
  *state = t; /* freed by rt_tcp_free even if a registration below fails */
  /* Writing to a socket the peer closed must fail with EPIPE, not kill the process (as in
   * Node and Deno). Only when nobody installed a handler. */
  struct sigaction sa;
  if (sigaction(SIGPIPE, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL) signal(SIGPIPE, SIG_IGN);
  for (size_t i = 0; i < sizeof tcp_ops / sizeof tcp_ops[0]; i++) {
    mrt_op_decl d = tcp_ops[i];
    d.data = t; /* the ops' state: mrt_op_data */
    int rc = rt_register_builtin(rt, &d);
    if (rc) return rc;
  }
  return MRT_OK;
}

void rt_tcp_close(mrt_runtime *rt, void *state) {
  struct rt_tcp *t = state;
  (void)rt;
  if (!t) return;
  t->dead = 1; /* listeners and connections close with every resource right after */
  while (t->free_reads) {
    tcp_read *rd = t->free_reads;
    t->free_reads = rd->next;
    free(rd);
  }
}

void rt_tcp_free(mrt_runtime *rt, void *state) {
  struct rt_tcp *t = state;
  (void)rt;
  if (!t) return;
  while (t->free_reads) {
    tcp_read *rd = t->free_reads;
    t->free_reads = rd->next;
    free(rd);
  }
  free(t);
}
