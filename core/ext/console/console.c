/* console.c: the console extension's native side. Console output: stdout buffered (flushed
 * when full, before blocking, before errors and at the end), stderr written at once, both
 * in program order; and the inspection helpers console.log's formatter needs (promise
 * state, proxy details, Map/Set iterator entries). */
#define _GNU_SOURCE /* pwritev2, RWF_NOWAIT */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "ext/ext.h"
#include "runtime_internal.h"

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
  if (rt->opts.write) { /* the embedder captures the console (mrt_options.write) */
    rt->opts.write(rt->opts.write_data, fd, s, n);
    return;
  }
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
  RT_OWNER_ONLY(rt, );
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

static void op_isatty(mrt_op_call *c) {
  mrt_op_return_boolean(c, uv_guess_handle((uv_file)mrt_op_arg_number(c, 0)) == UV_TTY);
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

const mrt_op_decl rt_console_ops[RT_CONSOLE_NOPS] = {
    {.name = "print", .fn = op_print},
    {.name = "isatty", .fn = op_isatty},
    {.name = "promiseState", .fn = op_promise_state},
    {.name = "proxyDetails", .fn = op_proxy_details},
    {.name = "previewEntries", .fn = op_preview_entries},
};


int rt_console_init(mrt_runtime *rt, void **state) {
  (void)state;
  rt->out_is_tty = uv_guess_handle(1) == UV_TTY;
  return MRT_OK;
}
