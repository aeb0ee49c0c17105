/* client.c: the ops behind fetch (core/ext/fetch/client_impl.js): HTTP(S) transfers on
 * libcurl's multi interface, driven by the runtime's own libuv loop.
 *
 * The glue. One multi handle per runtime (made at the first fetch: connections and the DNS
 * cache are shared by every transfer). libcurl tells which sockets to watch
 * (CURLMOPT_SOCKETFUNCTION: one uv_poll_t per socket) and when to call it back
 * (CURLMOPT_TIMERFUNCTION: one uv_timer_t); readiness and the timer call
 * curl_multi_socket_action. No thread of ours, no polling.
 *
 * A transfer (xfer) is opened by fetchOpen (sync: the easy handle is configured and added to
 * the multi) and referred to by a small id until JS closes it with fetchClose. JS waits for
 * the response head with fetchHead, pulls the body with fetchRead, or takes it whole with
 * fetchTake when it had all arrived with the head (small responses: one op round trip).
 * libcurl's callbacks only record state and put the transfer on the ready list; after each
 * batch of libcurl work the list is flushed: waiting ops are completed (delivered to JS in
 * one batch). Heads are sent after the whole batch so that a body that arrived with them
 * travels in the same round trip.
 *
 * Backpressure. Received bytes collect in the transfer's buffer; past BUF_CAP with no read
 * waiting, the write callback pauses the transfer (CURL_WRITEFUNC_PAUSE: libcurl keeps that
 * chunk and stops reading the socket) until the next read. A read takes the whole buffer
 * (ownership passes to JS: no copy). Streamed request bodies run the other way: fetchWrite
 * hands a chunk, the read callback copies it out and pauses (CURL_READFUNC_PAUSE) when it has
 * none; the write op completes when libcurl took the chunk.
 *
 * Results never reject: an error is a string "E<curl code>\t<code name>\t<message>" that JS
 * turns into TypeError("fetch failed", {cause}). Closing a transfer (JS, abort, teardown)
 * removes it from the multi, frees it and completes its waiting ops with "A" (aborted).
 *
 * Keeping the loop alive: the uv handles are unreferenced; the waiting ops keep the loop
 * running (an async op in flight does), as in tcp.c. At teardown (rt_fetch_close, isolate
 * alive) every transfer is freed quietly, the multi cleaned up and the handles closed; their
 * close callbacks run inside loop_free; rt_fetch_free frees the state afterwards. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ext/ext.h"
#include "ext/fetch/curl.h"
#include "permissions.h"
#include "runtime_internal.h"

#define BUF_CAP (1024 * 1024) /* received bytes held before the transfer pauses */

enum { OPEN_STREAM_BODY = 1, OPEN_HEAD = 2 };

typedef struct xfer xfer;

typedef struct fsock { /* a socket libcurl asked to watch */
  uv_poll_t poll;
  struct rt_fetch *f;
  curl_socket_t fd;
  struct fsock *prev, *next;
} fsock;

struct rt_fetch {
  mrt_runtime *rt;
  uv_loop_t *uv;
  CURLM *multi;
  uv_timer_t *timer; /* allocated: its close callback may come after the state is gone */
  fsock *socks;
  xfer **slots; /* id -> transfer; free ids are chained through free_ids */
  int *free_ids;
  int nslots, nfree, cap;
  xfer *ready; /* transfers whose waiting ops may now complete */
  int dead;
  int in_action; /* inside curl_multi_socket_action: flush afterwards, not during */
};

struct xfer {
  struct rt_fetch *f;
  CURL *easy;
  struct curl_slist *hdrs;
  int id;
  /* waiting ops (0: none) */
  uint32_t head_op, read_op, write_op;
  /* response head: "status reason\nname:value\n..." (latin-1 bytes as UTF-8) */
  char *head;
  size_t head_len, head_cap;
  long status;
  int head_done, head_sent;
  /* transfer state */
  int done; /* libcurl finished (result says how) */
  CURLcode result;
  long os_errno;
  long verify;
  int recv_paused, send_paused;
  /* received body */
  char *buf;
  size_t len, cap;
  /* request body: bytes (copied, POSTFIELDS) or a stream's current chunk */
  char *body;
  size_t body_len, body_off;
  int stream_body, body_end;
  int in_ready;
  xfer *next_ready;
  char errbuf[CURL_ERROR_SIZE];
  /* The sandbox refused the address the host resolved to (the request's host:port named). */
  int perm_denied;
  int perm_port;
  char perm_host[256];
};

#define FETCH(c) ((struct rt_fetch *)mrt_op_data(c))

/* ---------------------------------------------------------------- results */

static void complete_string(struct rt_fetch *f, uint32_t id, const char *s, size_t n) {
  if (f->dead || !id) return;
  mrt_result res = {.kind = MRT_RESULT_STRING, .bytes = (void *)s, .len = n};
  mrt_op_complete(f->rt, id, &res);
}

static void complete_undefined(struct rt_fetch *f, uint32_t id) {
  if (f->dead || !id) return;
  mrt_result res = {.kind = MRT_RESULT_UNDEFINED};
  mrt_op_complete(f->rt, id, &res);
}

/* The received bytes go to JS without a copy (the buffer becomes the Uint8Array's memory). */
static void complete_buffer(struct rt_fetch *f, uint32_t id, xfer *x) {
  mrt_result res = {.kind = MRT_RESULT_BUFFER, .bytes = x->buf, .len = x->len, .free_bytes = free};
  x->buf = NULL;
  x->len = x->cap = 0;
  if (f->dead) {
    free(res.bytes);
    return;
  }
  mrt_op_complete(f->rt, id, &res);
}

/* A name for the error's `code`: the system error when libcurl saw one (ECONNREFUSED,
 * ECONNRESET...), else one for the common libcurl failures, else ERR_CURL_<n>. */
static const char *verify_name(long v) {
  switch (v) { /* OpenSSL's X509_V_ERR_* numbers, named as Node names them */
    case 10: return "CERT_HAS_EXPIRED";
    case 18: return "DEPTH_ZERO_SELF_SIGNED_CERT";
    case 19: return "SELF_SIGNED_CERT_IN_CHAIN";
    case 20: return "UNABLE_TO_GET_ISSUER_CERT_LOCALLY";
    case 21: return "UNABLE_TO_VERIFY_LEAF_SIGNATURE";
    case 62: return "ERR_TLS_CERT_ALTNAME_INVALID";
    default: return "ERR_TLS_CERT_INVALID";
  }
}

static const char *error_name(xfer *x, char *tmp, size_t n) {
  CURLcode rc = x->result;
  if (rc == CURLE_PEER_FAILED_VERIFICATION) return verify_name(x->verify);
  if (rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_RESOLVE_PROXY) return "ENOTFOUND";
  if (rc == CURLE_OPERATION_TIMEDOUT) return "ETIMEDOUT";
  if (x->os_errno > 0) return uv_err_name(-(int)x->os_errno);
  switch (rc) {
    case CURLE_GOT_NOTHING: return "ECONNRESET"; /* the server closed without a reply */
    case CURLE_PARTIAL_FILE: return "ERR_PARTIAL_BODY";
    case CURLE_SSL_CONNECT_ERROR: return "ERR_SSL_CONNECT";
    case CURLE_BAD_CONTENT_ENCODING: return "ERR_BAD_CONTENT_ENCODING";
    case CURLE_TOO_MANY_REDIRECTS: return "ERR_TOO_MANY_REDIRECTS";
    case CURLE_UNSUPPORTED_PROTOCOL: return "ERR_UNSUPPORTED_PROTOCOL";
    case CURLE_URL_MALFORMAT: return "ERR_INVALID_URL";
    case CURLE_OUT_OF_MEMORY: return "ENOMEM";
    default: snprintf(tmp, n, "ERR_CURL_%d", (int)rc); return tmp;
  }
}

/* "E<curl code>\t<name>\t<message>" for the transfer's failure. */
static void complete_error(struct rt_fetch *f, uint32_t id, xfer *x) {
  if (f->dead || !id) return;
  if (x->perm_denied) { /* client_impl.js makes it a NotCapable error, not "fetch failed" */
    char what[300];
    int v6 = strchr(x->perm_host, ':') != NULL;
    snprintf(what, sizeof what, "%s%s%s:%d", v6 ? "[" : "", x->perm_host, v6 ? "]" : "",
             x->perm_port);
    char *m = rt_perm_message(RT_PERM_NET, what);
    char line[400];
    int n = snprintf(line, sizeof line, "E0\tNotCapable\t%s", m ? m : "Requires net access");
    free(m);
    complete_string(f, id, line, n < 0 ? 0 : (size_t)n >= sizeof line ? sizeof line - 1 : (size_t)n);
    return;
  }
  char tmp[32], msg[CURL_ERROR_SIZE + 256];
  const char *detail = x->errbuf[0] ? x->errbuf : rt_curl.curl_easy_strerror(x->result);
  size_t dl = strlen(detail);
  while (dl > 0 && (detail[dl - 1] == '\n' || detail[dl - 1] == '\r')) dl--;
  int n = snprintf(msg, sizeof msg, "E%d\t%s\t%.*s", (int)x->result, error_name(x, tmp, sizeof tmp),
                   (int)dl, detail);
  complete_string(f, id, msg, n < 0 ? 0 : (size_t)n > sizeof msg - 1 ? sizeof msg - 1 : (size_t)n);
}

/* ---------------------------------------------------------------- transfers */

static void ready(xfer *x) {
  if (x->in_ready) return;
  x->in_ready = 1;
  x->next_ready = x->f->ready;
  x->f->ready = x;
}

static void unready(xfer *x) {
  if (!x->in_ready) return;
  for (xfer **p = &x->f->ready; *p; p = &(*p)->next_ready) {
    if (*p == x) {
      *p = x->next_ready;
      break;
    }
  }
  x->in_ready = 0;
}

static xfer *xfer_get(struct rt_fetch *f, double did) {
  if (!(did >= 0 && did < f->nslots)) return NULL;
  return f->slots[(int)did];
}

/* Sends what the transfer's waiting ops can have now. */
static void serve(xfer *x) {
  struct rt_fetch *f = x->f;
  if (x->head_op && (x->head_done || x->done)) {
    uint32_t id = x->head_op;
    x->head_op = 0;
    if (!x->head_done) {
      complete_error(f, id, x);
    } else {
      /* state: 1 the body is complete (fetchTake), 2 it failed after the head, 0 streaming */
      int state = x->done ? (x->result == CURLE_OK ? 1 : 2) : 0;
      x->head[0] = (char)('0' + state);
      x->head_sent = 1;
      complete_string(f, id, x->head, x->head_len);
    }
  }
  if (x->read_op && x->head_sent) {
    uint32_t id = x->read_op;
    if (x->len > 0) {
      x->read_op = 0;
      complete_buffer(f, id, x);
    } else if (x->done) {
      x->read_op = 0;
      if (x->result == CURLE_OK) complete_undefined(f, id);
      else complete_error(f, id, x);
    }
    if (!x->read_op && x->recv_paused && !x->done) {
      x->recv_paused = 0;
      rt_curl.curl_easy_pause(x->easy, CURLPAUSE_CONT); /* may call on_write at once */
    }
  }
  if (x->write_op && (x->body_off == x->body_len || x->done)) {
    uint32_t id = x->write_op;
    x->write_op = 0;
    if (x->done && x->body_off < x->body_len && x->result != CURLE_OK) complete_error(f, id, x);
    else complete_undefined(f, id);
  }
}

static void flush(struct rt_fetch *f) {
  while (f->ready) {
    xfer *x = f->ready;
    f->ready = x->next_ready;
    x->in_ready = 0;
    serve(x);
  }
}

/* Reads the multi's messages (finished transfers), then serves the ready transfers. */
static void after_action(struct rt_fetch *f) {
  CURLMsg *m;
  int left;
  while ((m = rt_curl.curl_multi_info_read(f->multi, &left))) {
    if (m->msg != CURLMSG_DONE) continue;
    xfer *x = NULL;
    rt_curl.curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
    if (!x) continue;
    x->done = 1;
    x->result = m->data.result;
    if (x->result != CURLE_OK) {
      rt_curl.curl_easy_getinfo(x->easy, CURLINFO_OS_ERRNO, &x->os_errno);
      rt_curl.curl_easy_getinfo(x->easy, CURLINFO_SSL_VERIFYRESULT, &x->verify);
    }
    /* Out of the multi now: its connection goes back to the pool for the next transfer. */
    rt_curl.curl_multi_remove_handle(f->multi, x->easy);
    ready(x);
  }
  flush(f);
}

static void socket_action(struct rt_fetch *f, curl_socket_t s, int flags) {
  int running;
  f->in_action++;
  rt_curl.curl_multi_socket_action(f->multi, s, flags, &running);
  f->in_action--;
  if (!f->in_action && !f->dead) after_action(f);
}

/* Frees the transfer; its waiting ops get "A" (JS closed it: abort, or it is done with it). */
static void xfer_free(xfer *x) {
  struct rt_fetch *f = x->f;
  unready(x);
  if (x->easy) {
    if (!x->done) rt_curl.curl_multi_remove_handle(f->multi, x->easy);
    rt_curl.curl_easy_cleanup(x->easy);
  }
  complete_string(f, x->head_op, "A", 1);
  complete_string(f, x->read_op, "A", 1);
  complete_string(f, x->write_op, "A", 1);
  rt_curl.curl_slist_free_all(x->hdrs);
  if (x->id >= 0) {
    f->slots[x->id] = NULL;
    f->free_ids[f->nfree++] = x->id;
  }
  free(x->head);
  free(x->buf);
  free(x->body);
  free(x);
}

/* ---------------------------------------------------------------- libcurl callbacks */

static int head_append(xfer *x, const char *s, size_t n) {
  if (x->head_len + n * 2 + 1 > x->head_cap) {
    size_t cap = x->head_cap ? x->head_cap : 256;
    while (cap < x->head_len + n * 2 + 1) cap *= 2;
    char *p = realloc(x->head, cap);
    if (!p) return -1;
    x->head = p;
    x->head_cap = cap;
  }
  /* Header bytes are latin-1 (ByteString): each byte above 0x7f becomes two UTF-8 bytes. */
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      x->head[x->head_len++] = (char)c;
    } else {
      x->head[x->head_len++] = (char)(0xc0 | (c >> 6));
      x->head[x->head_len++] = (char)(0x80 | (c & 0x3f));
    }
  }
  return 0;
}

static void trim(const char **s, size_t *n) {
  while (*n > 0 && (**s == ' ' || **s == '\t')) (*s)++, (*n)--;
  while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t')) (*n)--;
}

static size_t on_header(char *p, size_t size, size_t nitems, void *ud) {
  xfer *x = ud;
  size_t total = size * nitems, n = total;
  if (x->head_done) return total; /* trailers */
  while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == '\r')) n--;
  if (n >= 5 && memcmp(p, "HTTP/", 5) == 0) { /* a status line: a new response begins */
    const char *sp = memchr(p, ' ', n);
    x->head_len = 0;
    x->status = 0;
    if (head_append(x, "0\n", 2) < 0) return 0; /* [0]: the state, set when sent */
    const char *q = sp ? sp + 1 : p + n, *end = p + n;
    while (q < end && *q >= '0' && *q <= '9' && x->status < 1000) x->status = x->status * 10 + (*q++ - '0');
    if (q < end && *q == ' ') q++;
    char num[16];
    int k = snprintf(num, sizeof num, "%ld\n", x->status);
    const char *reason = q;
    size_t rn = (size_t)(end - q);
    trim(&reason, &rn);
    if (head_append(x, num, (size_t)k) < 0 || head_append(x, reason, rn) < 0) return 0;
    return total;
  }
  if (n == 0) { /* the end of a response's head */
    if (x->status >= 200 || x->status == 101 || x->status == 0) {
      x->head_done = 1;
      ready(x);
    }
    return total;
  }
  if (!x->head) return total;
  const char *v;
  size_t vn;
  if (p[0] == ' ' || p[0] == '\t') { /* obsolete line folding: continues the last value */
    v = p;
    vn = n;
    trim(&v, &vn);
    if (head_append(x, " ", 1) < 0 || head_append(x, v, vn) < 0) return 0;
    return total;
  }
  const char *colon = memchr(p, ':', n);
  if (!colon || colon == p) return total; /* not a header line: ignored */
  v = colon + 1;
  vn = n - (size_t)(v - p);
  trim(&v, &vn);
  if (head_append(x, "\n", 1) < 0 || head_append(x, p, (size_t)(colon - p) + 1) < 0 ||
      head_append(x, v, vn) < 0) {
    return 0;
  }
  return total;
}

static size_t on_write(char *p, size_t size, size_t nmemb, void *ud) {
  xfer *x = ud;
  size_t n = size * nmemb;
  if (x->len >= BUF_CAP && !x->read_op) {
    x->recv_paused = 1;
    return CURL_WRITEFUNC_PAUSE; /* libcurl keeps p and stops reading until unpaused */
  }
  if (x->len + n > x->cap) {
    size_t cap = x->cap ? x->cap : 16384;
    while (cap < x->len + n) cap *= 2;
    char *b = realloc(x->buf, cap);
    if (!b) return 0; /* CURLE_WRITE_ERROR */
    x->buf = b;
    x->cap = cap;
  }
  memcpy(x->buf + x->len, p, n);
  x->len += n;
  if (x->read_op) ready(x);
  return n;
}

static size_t on_read(char *dst, size_t size, size_t nitems, void *ud) {
  xfer *x = ud;
  size_t room = size * nitems;
  if (x->body_off < x->body_len) {
    size_t n = x->body_len - x->body_off;
    if (n > room) n = room;
    memcpy(dst, x->body + x->body_off, n);
    x->body_off += n;
    if (x->body_off == x->body_len && x->write_op) ready(x);
    return n;
  }
  if (!x->stream_body || x->body_end) return 0; /* the end of the body */
  x->send_paused = 1;
  return CURL_READFUNC_PAUSE;
}

static void on_close(uv_handle_t *h) { free(h->data); }

static void on_poll(uv_poll_t *h, int status, int events) {
  fsock *s = h->data;
  int flags = 0;
  if (status < 0) flags = CURL_CSELECT_ERR;
  else {
    if (events & UV_READABLE) flags |= CURL_CSELECT_IN;
    if (events & UV_WRITABLE) flags |= CURL_CSELECT_OUT;
  }
  socket_action(s->f, s->fd, flags);
}

static void sock_close(struct rt_fetch *f, fsock *s) {
  if (s->prev) s->prev->next = s->next;
  else f->socks = s->next;
  if (s->next) s->next->prev = s->prev;
  uv_close((uv_handle_t *)&s->poll, on_close);
}

static int on_socket(CURL *e, curl_socket_t fd, int what, void *userp, void *socketp) {
  struct rt_fetch *f = userp;
  fsock *s = socketp;
  (void)e;
  if (what == CURL_POLL_REMOVE) {
    if (s) {
      rt_curl.curl_multi_assign(f->multi, fd, NULL);
      sock_close(f, s);
    }
    return 0;
  }
  if (!s) {
    s = calloc(1, sizeof *s);
    if (!s) return -1;
    if (uv_poll_init_socket(f->uv, &s->poll, fd) != 0) {
      free(s);
      return -1;
    }
    s->poll.data = s;
    s->f = f;
    s->fd = fd;
    s->next = f->socks;
    if (f->socks) f->socks->prev = s;
    f->socks = s;
    uv_unref((uv_handle_t *)&s->poll);
    rt_curl.curl_multi_assign(f->multi, fd, s);
  }
  int ev = (what & CURL_POLL_IN ? UV_READABLE : 0) | (what & CURL_POLL_OUT ? UV_WRITABLE : 0);
  return uv_poll_start(&s->poll, ev, on_poll) == 0 ? 0 : -1;
}

static void on_timeout(uv_timer_t *t) { socket_action(t->data, CURL_SOCKET_TIMEOUT, 0); }

static int on_timer(CURLM *m, long ms, void *userp) {
  struct rt_fetch *f = userp;
  (void)m;
  if (ms < 0) uv_timer_stop(f->timer);
  else uv_timer_start(f->timer, on_timeout, (uint64_t)ms, 0);
  return 0;
}

/* The multi handle and its timer, at the first fetch (libcurl is loaded then). */
static int multi_start(struct rt_fetch *f, char *err, size_t n) {
  if (f->multi) return 0;
  if (rt_curl_load(err, n) != 0) return -1;
  f->timer = calloc(1, sizeof *f->timer);
  if (!f->timer || uv_timer_init(f->uv, f->timer) != 0) {
    free(f->timer);
    f->timer = NULL;
    snprintf(err, n, "out of memory");
    return -1;
  }
  f->timer->data = f;
  uv_unref((uv_handle_t *)f->timer);
  f->multi = rt_curl.curl_multi_init();
  if (!f->multi) {
    f->timer->data = f->timer;
    uv_close((uv_handle_t *)f->timer, on_close);
    f->timer = NULL;
    snprintf(err, n, "curl_multi_init failed");
    return -1;
  }
  rt_curl.curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, on_socket);
  rt_curl.curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
  rt_curl.curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION, on_timer);
  rt_curl.curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
  rt_curl.curl_multi_setopt(f->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
  return 0;
}

static int id_alloc(struct rt_fetch *f, xfer *x) {
  if (f->nfree > 0) {
    x->id = f->free_ids[--f->nfree];
  } else {
    if (f->nslots == f->cap) {
      int cap = f->cap ? f->cap * 2 : 64;
      xfer **slots = realloc(f->slots, (size_t)cap * sizeof *slots);
      if (!slots) return -1;
      f->slots = slots;
      int *ids = realloc(f->free_ids, (size_t)cap * sizeof *ids);
      if (!ids) return -1;
      f->free_ids = ids;
      f->cap = cap;
    }
    x->id = f->nslots++;
  }
  f->slots[x->id] = x;
  return 0;
}

/* ---------------------------------------------------------------- ops */

static void throw_type(mrt_op_call *c, const char *msg) { rt_op_error(c, "TypeError", NULL, msg); }

/* The host and port of an http(s) URL the URL parser has normalised ("http://u:p@[::1]:8/x");
 * 0, or -1 when it has no host. */
static int url_host_port(const char *url, size_t len, char *host, size_t n, int *port) {
  const char *p = memchr(url, ':', len), *end = url + len;
  if (!p || end - p < 3 || p[1] != '/' || p[2] != '/') return -1;
  int https = p - url == 5 && strncasecmp(url, "https", 5) == 0;
  const char *h = p + 3, *e = h;
  while (e < end && *e != '/' && *e != '?' && *e != '#') e++;
  for (const char *a = h; a < e; a++) {
    if (*a == '@') h = a + 1; /* credentials */
  }
  const char *colon = NULL;
  if (h < e && *h == '[') {
    const char *close = memchr(h, ']', (size_t)(e - h));
    if (!close) return -1;
    if (close + 1 < e && close[1] == ':') colon = close + 1;
    if ((size_t)(close - h - 1) >= n) return -1;
    snprintf(host, n, "%.*s", (int)(close - h - 1), h + 1);
  } else {
    colon = memchr(h, ':', (size_t)(e - h));
    const char *he = colon ? colon : e;
    if ((size_t)(he - h) >= n) return -1;
    snprintf(host, n, "%.*s", (int)(he - h), h);
  }
  *port = colon ? atoi(colon + 1) : https ? 443 : 80;
  return host[0] ? 0 : -1;
}

/* libcurl's socket, refused when the sandbox does not grant the address it resolved to. */
static curl_socket_t open_socket(void *data, curlsocktype purpose, struct curl_sockaddr *a) {
  (void)purpose;
  xfer *x = data;
  if (!rt_perm_net_addr(x->f->rt->perms, &a->addr)) {
    x->perm_denied = 1;
    return CURL_SOCKET_BAD;
  }
  return socket(a->family, a->socktype, a->protocol);
}

/* sync (url, method, headerLines "name: value\r\n...", body u8|undefined, flags) -> id.
 * flags: OPEN_STREAM_BODY (the body comes through fetchWrite), OPEN_HEAD (no body back). */
static void op_open(mrt_op_call *c) {
  struct rt_fetch *f = FETCH(c);
  char err[300];
  if (multi_start(f, err, sizeof err) != 0) {
    throw_type(c, err);
    return;
  }
  size_t ulen, mlen, hlen;
  const char *url = mrt_op_arg_string(c, 0, &ulen);
  const char *method = mrt_op_arg_string(c, 1, &mlen);
  if (!url || !method) return;
  rt_perms *perms = f->rt->perms;
  char phost[256] = "";
  int pport = 0;
  if (perms && (url_host_port(url, ulen, phost, sizeof phost, &pport) != 0 ||
                !rt_perm_net(perms, phost, pport))) {
    rt_perm_throw_net(c, phost[0] ? phost : "?", pport); /* each redirect hop comes here too */
    return;
  }
  char *urlz = strndup(url, ulen), *methodz = strndup(method, mlen);
  const char *hl = mrt_op_arg_string(c, 2, &hlen);
  int flags = (int)mrt_op_arg_number(c, 4);
  xfer *x = calloc(1, sizeof *x);
  if (!x || !urlz || !methodz || !hl || id_alloc(f, x) != 0) {
    free(x);
    free(urlz);
    free(methodz);
    rt_op_error(c, NULL, "ENOMEM", "out of memory");
    return;
  }
  x->f = f;
  /* Header lines, each "name: value" ("name;" sends an empty value in libcurl's syntax). */
  const char *end = hl + hlen;
  int has_ctype = 0;
  while (hl < end) {
    const char *nl = memchr(hl, '\n', (size_t)(end - hl));
    size_t n = nl ? (size_t)(nl - hl) : (size_t)(end - hl);
    char line[8192];
    const char *colon = memchr(hl, ':', n);
    if (colon && n < sizeof line - 1) {
      size_t nn = (size_t)(colon - hl);
      if (nn == 12 && strncasecmp(hl, "content-type", 12) == 0) has_ctype = 1;
      if (colon + 2 >= hl + n) snprintf(line, sizeof line, "%.*s;", (int)nn, hl);
      else snprintf(line, sizeof line, "%.*s", (int)n, hl);
      struct curl_slist *l = rt_curl.curl_slist_append(x->hdrs, line);
      if (l) x->hdrs = l;
    } else if (colon) { /* long line: heap */
      char *big = malloc(n + 2);
      if (big) {
        memcpy(big, hl, n);
        big[n] = 0;
        struct curl_slist *l = rt_curl.curl_slist_append(x->hdrs, big);
        if (l) x->hdrs = l;
        free(big);
      }
    }
    hl = nl ? nl + 1 : end;
  }
  /* libcurl's own additions the Fetch standard does not make. */
  struct curl_slist *l = rt_curl.curl_slist_append(x->hdrs, "Expect:");
  if (l) x->hdrs = l;
  if (!has_ctype && (l = rt_curl.curl_slist_append(x->hdrs, "Content-Type:"))) x->hdrs = l;

  CURL *e = x->easy = rt_curl.curl_easy_init();
  if (!e) {
    free(urlz);
    free(methodz);
    xfer_free(x);
    rt_op_error(c, NULL, "ENOMEM", "curl_easy_init failed");
    return;
  }
  rt_curl.curl_easy_setopt(e, CURLOPT_URL, urlz);
  rt_curl.curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  rt_curl.curl_easy_setopt(e, CURLOPT_PRIVATE, (char *)x);
  rt_curl.curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  rt_curl.curl_easy_setopt(e, CURLOPT_PATH_AS_IS, 1L); /* the URL parser normalized it */
  rt_curl.curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
  rt_curl.curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
  rt_curl.curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, ""); /* what libcurl can decode */
  rt_curl.curl_easy_setopt(e, CURLOPT_USERAGENT, "mrt");
  rt_curl.curl_easy_setopt(e, CURLOPT_BUFFERSIZE, 64L * 1024); /* fewer reads of a large body; allocated per transfer */
  rt_curl.curl_easy_setopt(e, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
  rt_curl.curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  rt_curl.curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
  rt_curl.curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
  rt_curl.curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
  rt_curl.curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->hdrs);
  if (perms) {
    snprintf(x->perm_host, sizeof x->perm_host, "%s", phost);
    x->perm_port = pport;
    rt_curl.curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    rt_curl.curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, x);
  }
  void *bdata;
  size_t blen;
  int has_body = mrt_op_arg_buffer(c, 3, &bdata, &blen) == MRT_OK;
  int post_like = strcmp(methodz, "POST") == 0 || strcmp(methodz, "PUT") == 0;
  if (flags & OPEN_HEAD) {
    rt_curl.curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
  } else if (flags & OPEN_STREAM_BODY) {
    x->stream_body = 1;
    rt_curl.curl_easy_setopt(e, CURLOPT_POST, 1L); /* unknown length: chunked on HTTP/1.1 */
    rt_curl.curl_easy_setopt(e, CURLOPT_READFUNCTION, on_read);
    rt_curl.curl_easy_setopt(e, CURLOPT_READDATA, x);
  } else if (has_body || post_like) {
    /* Fetch sends Content-Length: 0 for a POST or PUT without a body. */
    x->body = malloc(has_body && blen ? blen : 1);
    if (!x->body) {
      free(urlz);
      free(methodz);
      xfer_free(x);
      rt_op_error(c, NULL, "ENOMEM", "out of memory");
      return;
    }
    if (has_body && blen) memcpy(x->body, bdata, blen);
    x->body_len = has_body ? blen : 0;
    rt_curl.curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)x->body_len);
    rt_curl.curl_easy_setopt(e, CURLOPT_POSTFIELDS, x->body);
  }
  if (strcmp(methodz, (flags & OPEN_HEAD) ? "HEAD" : (x->body || x->stream_body) ? "POST" : "GET"))
    rt_curl.curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, methodz);
  free(urlz); /* libcurl copied both */
  free(methodz);
  if (rt_curl.curl_multi_add_handle(f->multi, e) != CURLM_OK) {
    xfer_free(x);
    throw_type(c, "fetch: curl_multi_add_handle failed");
    return;
  }
  mrt_op_return_number(c, x->id);
}

/* async (id) -> the head string (state, status, reason, headers) or an error string. */
static void op_head(mrt_op_call *c) {
  struct rt_fetch *f = FETCH(c);
  uint32_t id = mrt_op_async_id(c);
  xfer *x = xfer_get(f, mrt_op_arg_number(c, 0));
  if (!x || x->head_op || x->head_sent) {
    complete_string(f, id, "A", 1);
    return;
  }
  x->head_op = id;
  if (x->head_done || x->done) ready(x);
  if (!f->in_action) flush(f);
}

/* async (id) -> Uint8Array (the bytes received since the last read), undefined at the end,
 * or an error string. */
static void op_read(mrt_op_call *c) {
  struct rt_fetch *f = FETCH(c);
  uint32_t id = mrt_op_async_id(c);
  xfer *x = xfer_get(f, mrt_op_arg_number(c, 0));
  if (!x || x->read_op || !x->head_sent) {
    complete_string(f, id, "A", 1);
    return;
  }
  x->read_op = id;
  serve(x);
  if (!f->in_action) flush(f);
}

/* sync (id) -> Uint8Array of the whole body (after a head with state 1). */
static void op_take(mrt_op_call *c) {
  xfer *x = xfer_get(FETCH(c), mrt_op_arg_number(c, 0));
  if (!x) return;
  mrt_result res = {.kind = MRT_RESULT_BUFFER, .bytes = x->buf, .len = x->len, .free_bytes = free};
  if (!x->buf) res.free_bytes = NULL;
  x->buf = NULL;
  x->len = x->cap = 0;
  mrt_op_return_result(c, &res);
}

/* async (id, u8 | undefined): the next chunk of a streamed request body (copied), or its end;
 * resolves once libcurl took it. */
static void op_write(mrt_op_call *c) {
  struct rt_fetch *f = FETCH(c);
  uint32_t id = mrt_op_async_id(c);
  xfer *x = xfer_get(f, mrt_op_arg_number(c, 0));
  if (!x || !x->stream_body || x->write_op || x->body_end) {
    complete_string(f, id, "A", 1);
    return;
  }
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, 1, &data, &len) == MRT_OK) {
    if (x->done) { /* the server answered (or failed) before taking the whole body */
      complete_undefined(f, id);
      return;
    }
    char *copy = len ? malloc(len) : NULL;
    if (len && !copy) {
      rt_op_error(c, NULL, "ENOMEM", "out of memory");
      return;
    }
    if (len) memcpy(copy, data, len);
    free(x->body);
    x->body = copy;
    x->body_len = len;
    x->body_off = 0;
    x->write_op = id;
  } else {
    x->body_end = 1;
    complete_undefined(f, id);
  }
  if (x->send_paused && !x->done) {
    x->send_paused = 0;
    rt_curl.curl_easy_pause(x->easy, CURLPAUSE_CONT); /* may call on_read at once */
  }
  if (x->write_op && x->body_off == x->body_len) ready(x);
  if (!f->in_action) flush(f);
}

/* sync (id): frees the transfer (aborting it if still running); waiting ops get "A". */
static void op_close(mrt_op_call *c) {
  struct rt_fetch *f = FETCH(c);
  xfer *x = xfer_get(f, mrt_op_arg_number(c, 0));
  if (x) xfer_free(x);
}

static const mrt_op_decl fetch_ops[] = {
    {.name = "fetchOpen", .fn = op_open},
    {.name = "fetchHead", .fn = op_head, .async = 1},
    {.name = "fetchRead", .fn = op_read, .async = 1},
    {.name = "fetchTake", .fn = op_take},
    {.name = "fetchWrite", .fn = op_write, .async = 1},
    {.name = "fetchClose", .fn = op_close},
};

int rt_fetch_init(mrt_runtime *rt, void **state) {
  struct rt_fetch *f = calloc(1, sizeof *f);
  if (!f) return MRT_ENOMEM;
  f->rt = rt;
  f->uv = loop_uv(rt->loop);
  *state = f;
  for (size_t i = 0; i < sizeof fetch_ops / sizeof fetch_ops[0]; i++) {
    mrt_op_decl d = fetch_ops[i];
    d.data = f;
    int rc = rt_register_builtin(rt, &d);
    if (rc) return rc;
  }
  return MRT_OK;
}

/* The isolate still exists, the loop too: transfers are freed without telling JS, the multi
 * is cleaned up, and the uv handles are closed (their callbacks run in loop_free). */
void rt_fetch_close(mrt_runtime *rt, void *state) {
  struct rt_fetch *f = state;
  (void)rt;
  if (!f) return;
  f->dead = 1;
  for (int i = 0; i < f->nslots; i++) {
    if (f->slots[i]) xfer_free(f->slots[i]);
  }
  if (f->multi) {
    rt_curl.curl_multi_cleanup(f->multi); /* closes pooled connections (CURL_POLL_REMOVE) */
    f->multi = NULL;
  }
  while (f->socks) sock_close(f, f->socks);
  if (f->timer) {
    uv_timer_stop(f->timer);
    f->timer->data = f->timer;
    uv_close((uv_handle_t *)f->timer, on_close);
    f->timer = NULL;
  }
}

void rt_fetch_free(mrt_runtime *rt, void *state) {
  struct rt_fetch *f = state;
  (void)rt;
  if (!f) return;
  free(f->slots);
  free(f->free_ids);
  free(f);
}
