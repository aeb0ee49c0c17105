/* child_process.c: the native side of node:child_process (lib/child_process.js).
 *
 * spawnSync (spawnSync, execSync, execFileSync) runs a program to its end on a private libuv
 * loop, as Node does, so the program's own loop (timers, sockets) does not run meanwhile: it
 * feeds the child's stdin from a buffer, collects its stdout and stderr, and kills it on a
 * timeout or when an output passes maxBuffer.
 *
 * spawn (spawn, exec, execFile) starts a child on the runtime's loop. What happens to it
 * (exit, output, end of output, a write done) reaches JS as tasks posted to the runtime
 * (macrotasks), each calling the hook set by setChildHook with (id, event, a, b). The process
 * handle and the pipes are referenced: a running child keeps the program alive, as in Node,
 * until unref. A child is freed when its handles are closed; at teardown they are closed
 * (the processes keep running, as Node leaves them). */
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#include "ext/ext.h"
#include "node_state.h"
#include "permissions.h"
#include "runtime_internal.h"

#define RT(c) mrt_op_runtime(c)

typedef struct spawn_sync spawn_sync;

typedef struct out_pipe {
  uv_pipe_t pipe;
  spawn_sync *s;
  char *buf;
  size_t len, cap;
} out_pipe;

struct spawn_sync {
  uv_loop_t loop;
  uv_process_t proc;
  uv_pipe_t in;
  uv_write_t write_req;
  uv_shutdown_t shutdown_req;
  out_pipe out[2];
  uv_timer_t timer;
  const char *input;
  size_t input_len;
  size_t max_buffer;
  int kill_signal;
  int64_t exit_status;
  int term_signal;
  int exited;
  int error; /* a libuv error: UV_ETIMEDOUT, UV_ENOBUFS, or the stdin write's */
  int nomem;
};

static void on_close_noop(uv_handle_t *h) { (void)h; }

static void close_handle(uv_handle_t *h) {
  if (h->loop && !uv_is_closing(h)) uv_close(h, on_close_noop);
}

static void close_walk(uv_handle_t *h, void *arg) {
  (void)arg;
  close_handle(h);
}

static void kill_child(spawn_sync *s) {
  if (!s->exited) uv_process_kill(&s->proc, s->kill_signal);
}

static void on_child_exit(uv_process_t *p, int64_t status, int term_signal) {
  spawn_sync *s = p->data;
  s->exited = 1;
  s->exit_status = status;
  s->term_signal = term_signal;
  close_handle((uv_handle_t *)p);
  close_handle((uv_handle_t *)&s->timer);
}

static void on_timeout(uv_timer_t *t) {
  spawn_sync *s = t->data;
  if (!s->error) s->error = UV_ETIMEDOUT;
  kill_child(s);
  close_handle((uv_handle_t *)t);
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf) {
  out_pipe *o = h->data;
  (void)suggested;
  if (o->cap - o->len < 16384) {
    size_t cap = o->cap ? o->cap * 2 : 65536;
    char *b = realloc(o->buf, cap);
    if (!b) {
      *buf = uv_buf_init(NULL, 0); /* UV_ENOBUFS in on_read */
      return;
    }
    o->buf = b;
    o->cap = cap;
  }
  *buf = uv_buf_init(o->buf + o->len, (unsigned)(o->cap - o->len));
}

static void on_read(uv_stream_t *st, ssize_t n, const uv_buf_t *buf) {
  out_pipe *o = st->data;
  spawn_sync *s = o->s;
  (void)buf;
  if (n > 0) {
    o->len += (size_t)n;
    if (o->len > s->max_buffer) { /* Node keeps the whole read that went past */
      if (!s->error) s->error = UV_ENOBUFS;
      kill_child(s);
      close_handle((uv_handle_t *)st);
    }
  } else if (n < 0) {
    if (n == UV_ENOBUFS) {
      s->nomem = 1;
      kill_child(s);
    }
    close_handle((uv_handle_t *)st); /* UV_EOF or an error: the output ends here */
  }
}

static void on_shutdown(uv_shutdown_t *req, int status) {
  (void)status;
  close_handle((uv_handle_t *)req->handle);
}

static void on_write(uv_write_t *req, int status) {
  spawn_sync *s = req->data;
  /* A child that exits without reading its input (EPIPE) is not an error, as in Node. */
  if (status < 0 && status != UV_EPIPE && status != UV_ECANCELED && !s->error) s->error = status;
  if (status < 0 || uv_shutdown(&s->shutdown_req, (uv_stream_t *)&s->in, on_shutdown) != 0) {
    close_handle((uv_handle_t *)&s->in);
  }
}

/* A NUL-separated list as a NULL-terminated array pointing into list (which it modifies):
 * "a\0b\0" -> {"a", "b", NULL}. count is the number of strings. */
static char **split_list(char *list, size_t len, size_t count) {
  char **v = calloc(count + 1, sizeof *v);
  if (!v) return NULL;
  size_t k = 0;
  for (size_t i = 0; i < len && k < count;) {
    v[k++] = list + i;
    i += strlen(list + i) + 1;
  }
  return v;
}

static char *dup_arg(mrt_op_call *c, int i, size_t *len) {
  const char *s = mrt_op_arg_string(c, i, len);
  if (!s) return NULL;
  char *d = malloc(*len + 1);
  if (d) {
    memcpy(d, s, *len);
    d[*len] = 0;
  }
  return d;
}

static void set_number(mrt_runtime *rt, mrt_value *obj, const char *key, double d) {
  mrt_value *v = mrt_number(rt, d);
  mrt_set(rt, obj, key, v);
  mrt_value_free(rt, v);
}

static void set_bytes(mrt_runtime *rt, mrt_value *obj, const char *key, const out_pipe *o) {
  mrt_value *v = mrt_array_buffer(rt, o->buf, o->len, NULL);
  mrt_set(rt, obj, key, v);
  mrt_value_free(rt, v);
}

/* The arguments both forms of spawn start with: (file, argv, argc, env, envc, cwd, stdio),
 * argv and env as NUL-separated lists, stdio three letters ('p'ipe, 'i'nherit, else ignore). */
typedef struct spawn_request {
  char *file, *argv_list, *env_list, *cwd;
  char **args, **env; /* NULL-terminated, pointing into the lists */
  char stdio[4];
} spawn_request;

/* 0, or -1 when out of memory or the arguments are not as above (q is to be freed either way). */
static int spawn_request_read(mrt_op_call *c, spawn_request *q) {
  size_t file_len = 0, argv_len = 0, env_len = 0, cwd_len = 0, stdio_len = 0;
  memset(q, 0, sizeof *q);
  q->file = dup_arg(c, 0, &file_len);
  q->argv_list = dup_arg(c, 1, &argv_len);
  q->env_list = mrt_op_arg_type(c, 3) == MRT_TYPE_STRING ? dup_arg(c, 3, &env_len) : NULL;
  q->cwd = mrt_op_arg_type(c, 5) == MRT_TYPE_STRING ? dup_arg(c, 5, &cwd_len) : NULL;
  const char *stdio_arg = mrt_op_arg_string(c, 6, &stdio_len);
  if (stdio_arg && stdio_len == 3) memcpy(q->stdio, stdio_arg, 3);
  size_t argc = (size_t)mrt_op_arg_number(c, 2), envc = (size_t)mrt_op_arg_number(c, 4);
  q->args = q->argv_list ? split_list(q->argv_list, argv_len, argc) : NULL;
  q->env = q->env_list ? split_list(q->env_list, env_len, envc) : NULL;
  return q->file && q->args && (!q->env_list || q->env) && q->stdio[0] ? 0 : -1;
}

static void spawn_request_free(spawn_request *q) {
  free(q->args);
  free(q->env);
  free(q->file);
  free(q->argv_list);
  free(q->env_list);
  free(q->cwd);
}

/* A child's descriptor fd that is not a pipe: 'i' inherits the program's, else ignored. */
static void plain_stdio(uv_stdio_container_t *container, char kind, int fd) {
  if (kind == 'i') {
    container->flags = UV_INHERIT_FD;
    container->data.fd = fd;
  } else {
    container->flags = UV_IGNORE;
  }
}

/* The options both forms of spawn give libuv; uid, gid and detached are op arguments
 * first, first + 1 and first + 2 (a negative id: unchanged). */
static uv_process_options_t spawn_options(mrt_op_call *c, int first, uv_exit_cb exit_cb,
                                          const spawn_request *q,
                                          uv_stdio_container_t *containers) {
  uv_process_options_t opts = {0};
  opts.exit_cb = exit_cb;
  opts.file = q->file;
  opts.args = q->args;
  opts.env = q->env;
  opts.cwd = q->cwd;
  opts.stdio_count = 3;
  opts.stdio = containers;
  double uid = mrt_op_arg_number(c, first), gid = mrt_op_arg_number(c, first + 1);
  if (uid >= 0) {
    opts.flags |= UV_PROCESS_SETUID;
    opts.uid = (uv_uid_t)uid;
  }
  if (gid >= 0) {
    opts.flags |= UV_PROCESS_SETGID;
    opts.gid = (uv_gid_t)gid;
  }
  if (mrt_op_arg_boolean(c, first + 2)) opts.flags |= UV_PROCESS_DETACHED;
  return opts;
}

/* spawnSync(file, argv, argc, env, envc, cwd, stdio, input, timeout, killSignal, maxBuffer,
 *           uid, gid, detached)
 *   argv/env: NUL-terminated strings one after another (argv[0] included; env undefined:
 *   the parent's); cwd: a string or undefined; stdio: three letters for fds 0-2, p(ipe),
 *   i(nherit) or n (ignore); input: bytes for a piped stdin or undefined; timeout: ms, 0 for
 *   none; maxBuffer: bytes per output (Infinity allowed); uid/gid: -1 to keep ours;
 *   detached: a new session (setsid). 
 * -> { pid, status, signal, stdout, stderr, error, errno }: status the exit code or null after a
 *   signal (signal its number), stdout/stderr ArrayBuffers of the piped outputs, error a
 *   libuv error name (ENOENT: uv_spawn failed; ETIMEDOUT; ENOBUFS), errno its number. */
static void op_spawn_sync(mrt_op_call *c) {
  mrt_runtime *rt = RT(c);
  spawn_request q;
  int unread = spawn_request_read(c, &q) != 0;
  spawn_sync *s = calloc(1, sizeof *s);
  void *input = NULL;
  size_t input_len = 0;
  if (mrt_op_arg_type(c, 7) != MRT_TYPE_UNDEFINED) mrt_op_arg_buffer(c, 7, &input, &input_len);
  if (unread || !s) {
    rt_op_error(c, "Error", "ENOMEM", "out of memory");
    goto done;
  }
  if (rt->perms && !rt_perm_run(rt->perms, q.file)) { /* before anything is started */
    rt_perm_throw(c, RT_PERM_RUN, q.file);
    goto done;
  }
  double timeout = mrt_op_arg_number(c, 8);
  double max_buffer = mrt_op_arg_number(c, 10);
  s->kill_signal = (int)mrt_op_arg_number(c, 9);
  s->max_buffer = max_buffer >= 0 && max_buffer < (double)SIZE_MAX ? (size_t)max_buffer : SIZE_MAX;
  s->input = input;
  s->input_len = input_len;
  if (uv_loop_init(&s->loop) != 0) {
    rt_op_error(c, "Error", "ENOMEM", "out of memory");
    goto done;
  }

  uv_stdio_container_t containers[3];
  for (int i = 0; i < 3; i++) {
    if (q.stdio[i] == 'p') {
      uv_pipe_t *p = i == 0 ? &s->in : &s->out[i - 1].pipe;
      uv_pipe_init(&s->loop, p, 0);
      if (i > 0) {
        s->out[i - 1].s = s;
        p->data = &s->out[i - 1];
      } else {
        p->data = s;
      }
      containers[i].flags = UV_CREATE_PIPE | (i == 0 ? UV_READABLE_PIPE : UV_WRITABLE_PIPE);
      containers[i].data.stream = (uv_stream_t *)p;
    } else {
      plain_stdio(&containers[i], q.stdio[i], i);
    }
  }
  uv_process_options_t opts =
      spawn_options(c, 11, on_child_exit, &q, containers);
  s->proc.data = s;
  mrt_flush(rt); /* what the program printed comes before what an inheriting child prints */
  int rc = uv_spawn(&s->loop, &s->proc, &opts);
  if (rc == 0) {
    if (q.stdio[0] == 'p') {
      uv_buf_t b = uv_buf_init((char *)s->input, (unsigned)s->input_len);
      s->write_req.data = s;
      if (!s->input_len || uv_write(&s->write_req, (uv_stream_t *)&s->in, &b, 1, on_write) != 0) {
        close_handle((uv_handle_t *)&s->in);
      }
    }
    for (int i = 0; i < 2; i++) {
      if (q.stdio[i + 1] == 'p') uv_read_start((uv_stream_t *)&s->out[i].pipe, on_alloc, on_read);
    }
    if (timeout > 0) {
      uv_timer_init(&s->loop, &s->timer);
      s->timer.data = s;
      uv_timer_start(&s->timer, on_timeout, (uint64_t)timeout, 0);
    }
    uv_run(&s->loop, UV_RUN_DEFAULT);
  } else {
    /* Nothing ran: the pipes made for it are closed unused. */
    if (q.stdio[0] == 'p') close_handle((uv_handle_t *)&s->in);
    for (int i = 0; i < 2; i++) {
      if (q.stdio[i + 1] == 'p') close_handle((uv_handle_t *)&s->out[i].pipe);
    }
    uv_run(&s->loop, UV_RUN_DEFAULT);
  }
  /* Whatever is left (the process handle after a failed spawn) closes before the loop does. */
  uv_walk(&s->loop, close_walk, NULL);
  uv_run(&s->loop, UV_RUN_DEFAULT);
  uv_loop_close(&s->loop);
  if (s->nomem) {
    rt_op_error(c, "Error", "ENOMEM", "out of memory");
    goto done;
  }

  mrt_value *res = mrt_object(rt);
  if (rc != 0) {
    mrt_value *e = mrt_string(rt, uv_err_name(rc), strlen(uv_err_name(rc)));
    mrt_set(rt, res, "error", e);
    mrt_value_free(rt, e);
    set_number(rt, res, "errno", rc);
  } else {
    set_number(rt, res, "pid", s->proc.pid);
    if (s->term_signal) set_number(rt, res, "signal", s->term_signal);
    else set_number(rt, res, "status", (double)s->exit_status);
    if (s->error) {
      mrt_value *e = mrt_string(rt, uv_err_name(s->error), strlen(uv_err_name(s->error)));
      mrt_set(rt, res, "error", e);
      mrt_value_free(rt, e);
      set_number(rt, res, "errno", s->error);
    }
    if (q.stdio[1] == 'p') set_bytes(rt, res, "stdout", &s->out[0]);
    if (q.stdio[2] == 'p') set_bytes(rt, res, "stderr", &s->out[1]);
  }
  mrt_op_return_value(c, res);
  mrt_value_free(rt, res);

done:
  if (s) {
    free(s->out[0].buf);
    free(s->out[1].buf);
  }
  free(s);
  spawn_request_free(&q);
}

/* ---------------------------------------------------------------- spawn (asynchronous) */

enum { EV_EXIT = 0, EV_DATA = 1, EV_END = 2, EV_WRITTEN = 3 };

typedef struct rt_child {
  uv_process_t proc;
  uv_pipe_t pipes[3];
  rt_node_state *st;
  struct rt_child *next;
  double id;
  int open; /* handles not yet closed; the child is freed at 0 */
  int piped[3];
  int ending; /* stdin: end() asked */
} rt_child;

typedef struct child_event {
  rt_node_state *st;
  double id;
  int event;
  double a, b;
  char *bytes; /* EV_DATA: owned */
  size_t len;
} child_event;

typedef struct child_write {
  uv_write_t req;
  rt_child *ch;
  double req_id;
  char bytes[];
} child_write;

static void deliver_event(mrt_runtime *rt, void *data, int status) {
  child_event *e = data;
  rt_node_state *st = e->st;
  if (status == MRT_OK && rt && st->child_hook) {
    shim_global *hook = shim_dup(rt->iso, st->child_hook);
    shim_global *args[4] = {shim_number(rt->iso, e->id), shim_number(rt->iso, e->event),
                            shim_number(rt->iso, e->a), NULL};
    args[3] = e->event == EV_DATA ? shim_array_buffer(rt->iso, e->bytes, e->len, NULL)
                                  : shim_number(rt->iso, e->b);
    shim_exception exc = {0};
    if (args[3] && shim_call_function(rt->iso, hook, NULL, 4, args, NULL, &exc) != 0) {
      rt_on_uncaught(rt, &exc);
    }
    for (int i = 0; i < 4; i++) shim_release(args[i]);
    shim_release(hook);
  }
  free(e->bytes);
  free(e);
}

static void post_event(rt_child *ch, int event, double a, double b, char *bytes, size_t len) {
  child_event *e = malloc(sizeof *e);
  if (!e) {
    free(bytes);
    return;
  }
  *e = (child_event){ch->st, ch->id, event, a, b, bytes, len};
  if (mrt_handle_post(ch->st->handle, deliver_event, e) != MRT_OK) {
    free(bytes);
    free(e);
  }
}

static void child_unlink(rt_child *ch) {
  for (rt_child **p = &ch->st->children; *p; p = &(*p)->next) {
    if (*p == ch) {
      *p = ch->next;
      break;
    }
  }
}

/* The last handle closed frees the child, still listed when JS never released it (an
 * uncaught error ended the program before the child's events were all delivered). */
static void child_handle_closed(uv_handle_t *h) {
  rt_child *ch = h->data;
  if (--ch->open == 0) {
    child_unlink(ch);
    free(ch);
  }
}

static void child_close(rt_child *ch, uv_handle_t *h) {
  if (h->loop && !uv_is_closing(h)) uv_close(h, child_handle_closed);
}

static void child_exit(uv_process_t *p, int64_t status, int term_signal) {
  rt_child *ch = p->data;
  post_event(ch, EV_EXIT, (double)status, term_signal, NULL, 0);
  child_close(ch, (uv_handle_t *)p);
  /* Its stdin has no reader any more (Node destroys it at exit): pending writes cancel. */
  if (ch->piped[0]) child_close(ch, (uv_handle_t *)&ch->pipes[0]);
}

static void child_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf) {
  (void)h;
  (void)suggested;
  char *b = malloc(65536);
  *buf = uv_buf_init(b, b ? 65536 : 0);
}

static void child_read(uv_stream_t *s, ssize_t n, const uv_buf_t *buf) {
  rt_child *ch = s->data;
  int fd = (uv_pipe_t *)s == &ch->pipes[1] ? 1 : 2;
  if (n > 0) {
    post_event(ch, EV_DATA, fd, 0, buf->base, (size_t)n); /* the event owns the bytes */
    return;
  }
  free(buf->base);
  if (n < 0) { /* EOF or an error: this output is over */
    post_event(ch, EV_END, fd, n == UV_EOF ? 0 : (double)n, NULL, 0);
    child_close(ch, (uv_handle_t *)s);
  }
}

static rt_child *child_get(mrt_op_call *c) {
  rt_node_state *st = mrt_op_data(c);
  double id = mrt_op_arg_number(c, 0);
  for (rt_child *ch = st->children; ch; ch = ch->next) {
    if (ch->id == id) return ch;
  }
  return NULL;
}

/* setChildHook(fn) */
static void op_set_child_hook(mrt_op_call *c) {
  rt_node_state *st = mrt_op_data(c);
  shim_release(st->child_hook);
  st->child_hook = rt_op_function_arg(c, 0);
}

/* spawn(file, argv, argc, env, envc, cwd, stdio, uid, gid, detached) -> "id pid", or a
 * libuv error name when the program could not be started (Node reports it as an event). */
static void op_spawn(mrt_op_call *c) {
  rt_node_state *st = mrt_op_data(c);
  mrt_runtime *rt = RT(c);
  spawn_request q;
  int unread = spawn_request_read(c, &q) != 0;
  rt_child *ch = calloc(1, sizeof *ch);
  if (unread || !ch || !rt_node_handle(rt, st)) {
    free(ch);
    rt_op_error(c, "Error", "ENOMEM", "out of memory");
    goto done;
  }
  if (rt->perms && !rt_perm_run(rt->perms, q.file)) { /* before anything is started */
    free(ch);
    rt_perm_throw(c, RT_PERM_RUN, q.file);
    goto done;
  }
  uv_loop_t *loop = loop_uv(rt->loop);
  ch->st = st;
  uv_stdio_container_t containers[3];
  for (int i = 0; i < 3; i++) {
    if (q.stdio[i] == 'p') {
      uv_pipe_init(loop, &ch->pipes[i], 0);
      ch->pipes[i].data = ch;
      ch->piped[i] = 1;
      ch->open++;
      containers[i].flags = UV_CREATE_PIPE | (i == 0 ? UV_READABLE_PIPE : UV_WRITABLE_PIPE);
      containers[i].data.stream = (uv_stream_t *)&ch->pipes[i];
    } else {
      plain_stdio(&containers[i], q.stdio[i], i);
    }
  }
  uv_process_options_t opts = spawn_options(c, 7, child_exit, &q, containers);
  ch->proc.data = ch;
  ch->open++;
  mrt_flush(rt); /* what the program printed comes before what an inheriting child prints */
  int rc = uv_spawn(loop, &ch->proc, &opts);
  if (rc != 0) {
    /* Nothing runs: the handles close and free the child. */
    uv_close((uv_handle_t *)&ch->proc, child_handle_closed);
    for (int i = 0; i < 3; i++) {
      if (ch->piped[i]) uv_close((uv_handle_t *)&ch->pipes[i], child_handle_closed);
    }
    mrt_op_return_string(c, uv_err_name(rc), strlen(uv_err_name(rc)));
    goto done;
  }
  ch->id = ++st->next_child_id;
  ch->next = st->children;
  st->children = ch;
  for (int i = 1; i < 3; i++) {
    if (ch->piped[i]) uv_read_start((uv_stream_t *)&ch->pipes[i], child_alloc, child_read);
  }
  char out[64];
  int n = snprintf(out, sizeof out, "%.0f %d", ch->id, ch->proc.pid);
  mrt_op_return_string(c, out, (size_t)n);

done:
  spawn_request_free(&q);
}

static void child_written(uv_write_t *req, int status) {
  child_write *w = (child_write *)req;
  post_event(w->ch, EV_WRITTEN, w->req_id, status, NULL, 0);
  free(w);
}

static void child_shutdown(uv_shutdown_t *req, int status) {
  rt_child *ch = req->data;
  (void)status;
  free(req);
  child_close(ch, (uv_handle_t *)&ch->pipes[0]);
}

/* childWrite(id, bytes, reqId) -> 0, or a libuv error number (the stdin is closed); the
 * write's completion comes as a "written" event with reqId and its status. */
static void op_child_write(mrt_op_call *c) {
  rt_child *ch = child_get(c);
  void *data = NULL;
  size_t len = 0;
  if (!ch || !ch->piped[0] || ch->ending || uv_is_closing((uv_handle_t *)&ch->pipes[0])) {
    mrt_op_return_number(c, UV_EPIPE);
    return;
  }
  if (mrt_op_arg_buffer(c, 1, &data, &len) != 0) len = 0;
  child_write *w = malloc(sizeof *w + len);
  if (!w) {
    rt_op_error(c, "Error", "ENOMEM", "out of memory");
    return;
  }
  if (len) memcpy(w->bytes, data, len);
  w->ch = ch;
  w->req_id = mrt_op_arg_number(c, 2);
  uv_buf_t b = uv_buf_init(w->bytes, (unsigned)len);
  int rc = uv_write(&w->req, (uv_stream_t *)&ch->pipes[0], &b, 1, child_written);
  if (rc) free(w);
  mrt_op_return_number(c, rc);
}

/* childEnd(id): closes the child's stdin once what was written is written. */
static void op_child_end(mrt_op_call *c) {
  rt_child *ch = child_get(c);
  if (!ch || !ch->piped[0] || ch->ending) return;
  ch->ending = 1;
  uv_shutdown_t *req = malloc(sizeof *req);
  if (req) req->data = ch;
  if (!req || uv_shutdown(req, (uv_stream_t *)&ch->pipes[0], child_shutdown) != 0) {
    free(req);
    child_close(ch, (uv_handle_t *)&ch->pipes[0]);
  }
}

/* childKill(id, signal) -> 0 or a libuv error number (ESRCH: it has exited). */
static void op_child_kill(mrt_op_call *c) {
  rt_child *ch = child_get(c);
  if (!ch || uv_is_closing((uv_handle_t *)&ch->proc)) {
    mrt_op_return_number(c, UV_ESRCH);
    return;
  }
  mrt_op_return_number(c, uv_process_kill(&ch->proc, (int)mrt_op_arg_number(c, 1)));
}

/* childRef(id, on): whether the running child keeps the program alive. */
static void op_child_ref(mrt_op_call *c) {
  rt_child *ch = child_get(c);
  if (!ch) return;
  if (mrt_op_arg_boolean(c, 1)) uv_ref((uv_handle_t *)&ch->proc);
  else uv_unref((uv_handle_t *)&ch->proc);
}

/* childRelease(id): JS is done with the child (exit and outputs delivered). */
static void op_child_release(mrt_op_call *c) {
  rt_child *ch = child_get(c);
  if (!ch) return;
  child_unlink(ch);
  if (ch->piped[0]) child_close(ch, (uv_handle_t *)&ch->pipes[0]);
}

void rt_node_children_close(mrt_runtime *rt, rt_node_state *st) {
  (void)rt;
  while (st->children) {
    rt_child *ch = st->children;
    st->children = ch->next;
    child_close(ch, (uv_handle_t *)&ch->proc);
    for (int i = 0; i < 3; i++) {
      if (ch->piped[i]) child_close(ch, (uv_handle_t *)&ch->pipes[i]);
    }
  }
  shim_release(st->child_hook);
  st->child_hook = NULL;
}

static const mrt_op_decl child_process_fns[] = {
    {.name = "spawnSync", .fn = op_spawn_sync},
    {.name = "spawn", .fn = op_spawn},
    {.name = "setChildHook", .fn = op_set_child_hook},
    {.name = "childWrite", .fn = op_child_write},
    {.name = "childEnd", .fn = op_child_end},
    {.name = "childKill", .fn = op_child_kill},
    {.name = "childRef", .fn = op_child_ref},
    {.name = "childRelease", .fn = op_child_release},
};

const mrt_op_decl *rt_node_child_process_functions(size_t *n) {
  *n = sizeof child_process_fns / sizeof child_process_fns[0];
  return child_process_fns;
}
