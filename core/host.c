/* host.c: the built-in ops behind the JS host API (console output, clocks, timers,
 * immediates, microtasks, process facts). The bootstrap JS reaches them as P.ops.*. */
#define _GNU_SOURCE /* pwritev2, RWF_NOWAIT */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "runtime_internal.h"

extern char **environ;
shim_call *rt_op_shim_call(mrt_op_call *c);
void rt_op_stats_js(mrt_op_call *c);
int rt_encoding_init(mrt_runtime *rt);

#define OUT_FLUSH_AT (64 * 1024)

/* How fd 1 or 2 is written: a pipe or a socket whose reader stops reading would block a
 * write(2) for ever, where --timeout (mrt_terminate) cannot end it. Those are written with
 * RWF_NOWAIT and a full one is waited on in poll(), interruptibly; others (files, terminals,
 * kernels without RWF_NOWAIT for them) with write(2). Found out at the first write. */
enum { OUT_UNKNOWN, OUT_PLAIN, OUT_NOWAIT };

static int out_kind(int fd) {
  struct stat st;
  return fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) ? OUT_NOWAIT
                                                                               : OUT_PLAIN;
}

static void write_all(mrt_runtime *rt, int fd, const char *s, size_t n) {
  unsigned char *kind = &rt->out_kind[fd == 1 ? 0 : 1];
  if (*kind == OUT_UNKNOWN) *kind = (unsigned char)out_kind(fd);
  while (n > 0) {
    ssize_t w;
    if (*kind == OUT_NOWAIT) {
      struct iovec iov = {.iov_base = (void *)s, .iov_len = n};
      w = pwritev2(fd, &iov, 1, -1, RWF_NOWAIT);
      if (w < 0 && errno == EAGAIN) {
        if (out_kind(fd) != OUT_NOWAIT) { /* replaced (dup2) by a file: EAGAIN means I/O */
          *kind = OUT_PLAIN;
          continue;
        }
        if (rt_wait_fd(rt, fd, POLLOUT, -1) != 0) return; /* terminated: the rest is dropped */
        continue;
      }
      if (w < 0 && (errno == EOPNOTSUPP || errno == EINVAL || errno == ENOSYS)) {
        *kind = OUT_PLAIN; /* this kernel cannot: write(2) */
        continue;
      }
    } else {
      w = write(fd, s, n);
    }
    if (w < 0) {
      if (errno == EINTR) continue;
      return; /* a closed pipe: output is lost, the program goes on, as in Node */
    }
    s += w;
    n -= (size_t)w;
  }
}

void mrt_flush(mrt_runtime *rt) {
  if (rt && rt->out_len) {
    write_all(rt, 1, rt->out, rt->out_len);
    rt->out_len = 0;
  }
}

void rt_write_out(mrt_runtime *rt, int fd, const char *s, size_t n) {
  if (fd != 1 || rt->out_is_tty) {
    mrt_flush(rt); /* keeps stdout and stderr in program order */
    write_all(rt, fd == 1 ? 1 : 2, s, n);
    return;
  }
  if (rt->out_len + n > rt->out_cap) {
    if (rt->out_len) mrt_flush(rt);
    if (n >= OUT_FLUSH_AT) {
      write_all(rt, 1, s, n);
      return;
    }
    if (!rt->out) {
      rt->out = malloc(OUT_FLUSH_AT);
      if (!rt->out) {
        write_all(rt, 1, s, n);
        return;
      }
      rt->out_cap = OUT_FLUSH_AT;
    }
  }
  memcpy(rt->out + rt->out_len, s, n);
  rt->out_len += n;
}

#define RT(c) mrt_op_runtime(c)

static void op_print(mrt_op_call *c) {
  size_t len = 0;
  const char *s = mrt_op_arg_string(c, 1, &len);
  if (s) rt_write_out(RT(c), (int)mrt_op_arg_number(c, 0), s, len);
}

static void op_hrtime(mrt_op_call *c) { mrt_op_return_number(c, (double)uv_hrtime()); }

static void op_run_microtasks(mrt_op_call *c) {
  mrt_op_return_boolean(c, rt_checkpoint(RT(c)) != 0);
}

/* After a timer callback: an interval is re-armed first (behind the timers its callback
 * made, ahead of those its microtasks make, as in Node), then the checkpoint runs. Returns
 * true when an error is pending (the batch ends). */
static void op_timer_done(mrt_op_call *c) {
  mrt_runtime *rt = RT(c);
  double id = mrt_op_arg_number(c, 0);
  if (id > 0) loop_timer_rearm(rt->loop, id);
  int failed = rt_checkpoint(rt) != 0;
  loop_timer_callback_starts(rt->loop);
  mrt_op_return_boolean(c, failed);
}

static void op_timer_start(mrt_op_call *c) {
  mrt_op_return_number(c, loop_timer_start(RT(c)->loop, mrt_op_arg_number(c, 0),
                                           mrt_op_arg_boolean(c, 1)));
}

static void op_timer_clear(mrt_op_call *c) {
  loop_timer_clear(RT(c)->loop, mrt_op_arg_number(c, 0));
}

static void op_timer_ref(mrt_op_call *c) {
  loop_timer_set_ref(RT(c)->loop, mrt_op_arg_number(c, 0), mrt_op_arg_boolean(c, 1));
}

static void op_immediates_pending(mrt_op_call *c) {
  double n = mrt_op_arg_number(c, 0);
  loop_set_immediates(RT(c)->loop, n > 0 ? (size_t)n : 0, 1);
}

static void op_exit(mrt_op_call *c) {
  mrt_runtime *rt = RT(c);
  double code = mrt_op_arg_number(c, 0);
  rt->exit_code = code == code ? (int)code & 0xff : 0;
  mrt_flush(rt);
  shim_terminate_now(rt->iso); /* nothing after mrt.exit() runs, not even an op */
}

static void op_isatty(mrt_op_call *c) {
  mrt_op_return_boolean(c, uv_guess_handle((uv_file)mrt_op_arg_number(c, 0)) == UV_TTY);
}

static void op_argc(mrt_op_call *c) { mrt_op_return_number(c, RT(c)->opts.argc); }

static void op_arg(mrt_op_call *c) {
  mrt_runtime *rt = RT(c);
  int i = (int)mrt_op_arg_number(c, 0);
  if (i >= 0 && i < rt->opts.argc && rt->opts.argv[i]) {
    mrt_op_return_string(c, rt->opts.argv[i], strlen(rt->opts.argv[i]));
  }
}

/* An environment key (argument 0): not empty, no "=", no NUL (a C string would end there
 * and name another variable). NULL after throwing. host.js checks first, with Deno's
 * messages; this guards the C side. */
static const char *env_key(mrt_op_call *c) {
  size_t n;
  const char *k = mrt_op_arg_string(c, 0, &n);
  if (!k) return NULL;
  if (n == 0 || memchr(k, '=', n) || memchr(k, '\0', n)) {
    shim_call_throw(rt_op_shim_call(c), "TypeError", "EINVAL", "invalid environment key");
    return NULL;
  }
  return k;
}

static void op_env_get(mrt_op_call *c) {
  const char *k = env_key(c);
  const char *v = k ? getenv(k) : NULL;
  if (v) mrt_op_return_string(c, v, strlen(v));
}

static void op_env_set(mrt_op_call *c) {
  const char *k = env_key(c);
  size_t vlen;
  const char *v = k ? mrt_op_arg_string(c, 1, &vlen) : NULL;
  if (!v) return;
  if (memchr(v, '\0', vlen)) {
    shim_call_throw(rt_op_shim_call(c), "TypeError", "EINVAL", "invalid environment value");
    return;
  }
  setenv(k, v, 1);
}

static void op_env_delete(mrt_op_call *c) {
  const char *k = env_key(c);
  if (k) unsetenv(k);
}

/* Every NAME=VALUE joined with NULs: one call for the whole environment. */
static void op_env_all(mrt_op_call *c) {
  size_t n = 0;
  for (char **e = environ; *e; e++) n += strlen(*e) + 1;
  char *buf = malloc(n ? n : 1);
  if (!buf) return;
  size_t off = 0;
  for (char **e = environ; *e; e++) {
    size_t k = strlen(*e);
    memcpy(buf + off, *e, k);
    off += k;
    buf[off++] = '\0';
  }
  mrt_op_return_string(c, buf, off ? off - 1 : 0);
  free(buf);
}

static void op_pid(mrt_op_call *c) { mrt_op_return_number(c, (double)getpid()); }

/* Fills a Float64Array: rss, heapTotal, heapUsed, external, arrayBuffers. */
static void op_memory_usage(mrt_op_call *c) {
  mrt_runtime *rt = RT(c);
  void *data;
  size_t len;
  if (mrt_op_arg_buffer(c, 0, &data, &len) != MRT_OK || len < 5 * sizeof(double)) return;
  double *out = data;
  size_t rss = 0;
  uv_resident_set_memory(&rss);
  shim_heap_stats hs;
  shim_heap_stats_get(rt->iso, &hs);
  out[0] = (double)rss;
  out[1] = (double)hs.total;
  out[2] = (double)hs.used;
  out[3] = (double)hs.external;
  out[4] = (double)atomic_load(&rt->array_buffers.live_bytes);
}

static void op_promise_state(mrt_op_call *c) {
  shim_call_return_promise_state(rt_op_shim_call(c), 0);
}

static void op_proxy_details(mrt_op_call *c) {
  shim_call_return_proxy_details(rt_op_shim_call(c), 0);
}

static void op_preview_entries(mrt_op_call *c) {
  shim_call_return_preview_entries(rt_op_shim_call(c), 0, mrt_op_arg_boolean(c, 1));
}

static void op_versions(mrt_op_call *c) {
  char buf[128];
  int n = snprintf(buf, sizeof buf, "%s %s", MRT_VERSION_STRING, shim_v8_version());
  mrt_op_return_string(c, buf, (size_t)n);
}

static const mrt_op_decl builtin_ops[] = {
    {.name = "print", .fn = op_print},
    {.name = "hrtime", .fn = op_hrtime},
    {.name = "runMicrotasks", .fn = op_run_microtasks},
    {.name = "timerStart", .fn = op_timer_start},
    {.name = "timerDone", .fn = op_timer_done},
    {.name = "timerClear", .fn = op_timer_clear},
    {.name = "timerRef", .fn = op_timer_ref},
    {.name = "immediatesPending", .fn = op_immediates_pending},
    {.name = "exit", .fn = op_exit},
    {.name = "isatty", .fn = op_isatty},
    {.name = "argc", .fn = op_argc},
    {.name = "arg", .fn = op_arg},
    {.name = "envGet", .fn = op_env_get},
    {.name = "envSet", .fn = op_env_set},
    {.name = "envDelete", .fn = op_env_delete},
    {.name = "envAll", .fn = op_env_all},
    {.name = "pid", .fn = op_pid},
    {.name = "memoryUsage", .fn = op_memory_usage},
    {.name = "versions", .fn = op_versions},
    {.name = "opStats", .fn = rt_op_stats_js},
    {.name = "promiseState", .fn = op_promise_state},
    {.name = "proxyDetails", .fn = op_proxy_details},
    {.name = "previewEntries", .fn = op_preview_entries},
};

int rt_host_init(mrt_runtime *rt) {
  rt->out_is_tty = uv_guess_handle(1) == UV_TTY;
  /* From the snapshot it exists already (it is not in the op table). */
  if (!rt->restoring && shim_install_queue_microtask(rt->iso, rt->private_ops, "queueMicrotask")) {
    return rt_set_error(rt, MRT_EV8INIT, NULL, "cannot install queueMicrotask");
  }
  for (size_t i = 0; i < sizeof builtin_ops / sizeof builtin_ops[0]; i++) {
    int rc = rt_register_builtin(rt, &builtin_ops[i]);
    if (rc) return rc;
  }
  /* Async files and TCP (fs.c, tcp.c). */
  int rc = rt_fs_init(rt);
  if (!rc) rc = rt_tcp_init(rt);
  if (!rc) rc = rt_encoding_init(rt); /* encoding.c: TextEncoder/Decoder, base64, clone */
  return rc;
}
