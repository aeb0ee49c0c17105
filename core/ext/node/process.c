/* process.c: the native side of Node's `process` (core/ext/node/lib/process.js): the kernel's
 * nextTick and loop-end hooks (eventloop.h), the exit code a natural exit uses, bytes to
 * stdout/stderr in order with console output, and the process facts libuv or POSIX give
 * (cwd, chdir, umask, ppid, execPath, hrtime, kill). One op, nodeBinding, gives them (and
 * os.c's) to JS as functions made at first use. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uv.h>

#include "eventloop.h"
#include "ext/ext.h"
#include "node_state.h"
#include "permissions.h"
#include "runtime_internal.h"

#define RT(c) mrt_op_runtime(c)

/* An Error with Node's `code` and errno message for a failed call. */
static void throw_errno(mrt_op_call *c, int uv_err, const char *syscall) {
  char msg[256];
  snprintf(msg, sizeof msg, "%s: %s, %s", uv_err_name(uv_err), uv_strerror(uv_err), syscall);
  rt_op_error(c, "Error", uv_err_name(uv_err), msg);
}

static void op_set_tick_hook(mrt_op_call *c) { rt_set_tick_hook(RT(c), rt_op_function_arg(c, 0)); }

static void op_ticks_pending(mrt_op_call *c) {
  rt_set_ticks_pending(RT(c), mrt_op_arg_boolean(c, 0));
}

/* The microtasks alone, from the tick hook; true when the JS is being terminated. */
static void op_run_microtasks_only(mrt_op_call *c) {
  mrt_op_return_boolean(c, rt_run_microtasks(RT(c)) != 0);
}

static void op_set_loop_end_hook(mrt_op_call *c) {
  rt_set_loop_end_hook(RT(c), rt_op_function_arg(c, 0));
}

/* process.exitCode: what a natural exit returns (-1: not set). */
static void op_set_exit_code(mrt_op_call *c) {
  double code = mrt_op_arg_number(c, 0);
  RT(c)->exit_code = code >= 0 ? (int)code & 0xff : -1;
}

/* writeBytes(fd, bytes): stdout/stderr, in order with console output. */
static void op_write_bytes(mrt_op_call *c) {
  void *data = NULL;
  size_t len = 0;
  int fd = (int)mrt_op_arg_number(c, 0);
  if (mrt_op_arg_buffer(c, 1, &data, &len) == 0 && len) rt_write_out(RT(c), fd, data, len);
}

static void op_cwd(mrt_op_call *c) {
  char buf[PATH_MAX];
  size_t n = sizeof buf;
  int rc = uv_cwd(buf, &n);
  if (rc) throw_errno(c, rc, "uv_cwd");
  else mrt_op_return_string(c, buf, n);
}

/* Node's message: "ENOENT: no such file or directory, chdir /from -> 'to'". */
static void op_chdir(mrt_op_call *c) {
  const char *dir = mrt_op_arg_string(c, 0, NULL);
  if (!dir) return;
  char *denied;
  if (RT(c)->perms && rt_perm_path(RT(c)->perms, RT_PERM_READ, dir, 1, &denied) != 0) {
    rt_perm_throw(c, RT_PERM_READ, denied); /* Deno: chdir is a read of the directory */
    free(denied);
    return;
  }
  char from[PATH_MAX];
  size_t n = sizeof from;
  if (uv_cwd(from, &n) != 0) from[0] = 0;
  int rc = uv_chdir(dir);
  if (rc) {
    char msg[2 * PATH_MAX + 128];
    snprintf(msg, sizeof msg, "%s: %s, chdir %s -> '%s'", uv_err_name(rc), uv_strerror(rc),
             from, dir);
    rt_op_error(c, "Error", uv_err_name(rc), msg);
  }
}

/* umask(mask): sets it and returns the old one; umask(-1) only reads it. */
static void op_umask(mrt_op_call *c) {
  double m = mrt_op_arg_number(c, 0);
  mode_t old;
  if (m < 0) {
    old = umask(0);
    umask(old);
  } else {
    old = umask((mode_t)m & 0777);
  }
  mrt_op_return_number(c, old);
}

static void op_ppid(mrt_op_call *c) { mrt_op_return_number(c, (double)getppid()); }

static void op_uv_version(mrt_op_call *c) {
  const char *v = uv_version_string();
  mrt_op_return_string(c, v, strlen(v));
}

/* The first script or main module the runtime ran (undefined: none yet). */
static void op_entry_name(mrt_op_call *c) {
  const char *n = RT(c)->entry_name;
  if (n) mrt_op_return_string(c, n, strlen(n));
}

static void op_exec_path(mrt_op_call *c) {
  char buf[PATH_MAX];
  size_t n = sizeof buf;
  if (uv_exepath(buf, &n) == 0) mrt_op_return_string(c, buf, n);
}

/* hrtimeParts(u32[3]): seconds (high, low 32 bits) and nanoseconds, exact past 2^53 ns. */
static void op_hrtime_parts(mrt_op_call *c) {
  void *data = NULL;
  size_t len = 0;
  if (mrt_op_arg_buffer(c, 0, &data, &len) != 0 || len < 3 * sizeof(uint32_t)) return;
  uint64_t t = uv_hrtime();
  uint64_t sec = t / 1000000000u;
  uint32_t *out = data;
  out[0] = (uint32_t)(sec >> 32);
  out[1] = (uint32_t)sec;
  out[2] = (uint32_t)(t % 1000000000u);
}

/* resourceUsage(f64[16]): uv_getrusage's fields in the order of Node's
 * process.resourceUsage() (times in microseconds, maxRSS in KiB); cpuUsage takes the first
 * two. */
static void op_resource_usage(mrt_op_call *c) {
  void *data = NULL;
  size_t len = 0;
  if (mrt_op_arg_buffer(c, 0, &data, &len) != 0 || len < 16 * sizeof(double)) return;
  uv_rusage_t ru;
  int rc = uv_getrusage(&ru);
  if (rc != 0) {
    throw_errno(c, rc, "uv_getrusage");
    return;
  }
  double *out = data;
  out[0] = (double)ru.ru_utime.tv_sec * 1e6 + (double)ru.ru_utime.tv_usec;
  out[1] = (double)ru.ru_stime.tv_sec * 1e6 + (double)ru.ru_stime.tv_usec;
  const uint64_t rest[] = {ru.ru_maxrss, ru.ru_ixrss,  ru.ru_idrss,   ru.ru_isrss,
                           ru.ru_minflt, ru.ru_majflt, ru.ru_nswap,   ru.ru_inblock,
                           ru.ru_oublock, ru.ru_msgsnd, ru.ru_msgrcv, ru.ru_nsignals,
                           ru.ru_nvcsw, ru.ru_nivcsw};
  for (size_t i = 0; i < sizeof rest / sizeof *rest; i++) out[2 + i] = (double)rest[i];
}

/* ids(): "uid euid gid egid" */
static void op_ids(mrt_op_call *c) {
  char buf[96];
  int n = snprintf(buf, sizeof buf, "%u %u %u %u", (unsigned)getuid(), (unsigned)geteuid(),
                   (unsigned)getgid(), (unsigned)getegid());
  mrt_op_return_string(c, buf, (size_t)n);
}

/* groups(): the supplementary group ids, space-separated. */
static void op_groups(mrt_op_call *c) {
  gid_t groups[256];
  int n = getgroups(256, groups);
  char buf[256 * 12];
  size_t len = 0;
  for (int i = 0; i < n; i++) {
    len += (size_t)snprintf(buf + len, sizeof buf - len, i ? " %u" : "%u", (unsigned)groups[i]);
  }
  mrt_op_return_string(c, buf, len);
}

/* ttySize(fd): "columns rows" of the terminal on fd, undefined when it is none. */
static void op_tty_size(mrt_op_call *c) {
  struct winsize ws;
  if (ioctl((int)mrt_op_arg_number(c, 0), TIOCGWINSZ, &ws) != 0) return;
  char buf[32];
  int n = snprintf(buf, sizeof buf, "%u %u", ws.ws_col, ws.ws_row);
  mrt_op_return_string(c, buf, (size_t)n);
}

/* guessHandle(fd): what libuv sees on fd ("TTY", "PIPE", "FILE", "TCP", "UDP", "UNKNOWN"). */
static void op_guess_handle(mrt_op_call *c) {
  const char *type;
  switch (uv_guess_handle((uv_file)mrt_op_arg_number(c, 0))) {
    case UV_TTY: type = "TTY"; break;
    case UV_NAMED_PIPE: type = "PIPE"; break;
    case UV_FILE: type = "FILE"; break;
    case UV_TCP: type = "TCP"; break;
    case UV_UDP: type = "UDP"; break;
    default: type = "UNKNOWN";
  }
  mrt_op_return_string(c, type, strlen(type));
}

static void op_kill(mrt_op_call *c) {
  /* Deno: a signal to another process needs --allow-run (one's own process is one's own). */
  double pid = mrt_op_arg_number(c, 0);
  if (RT(c)->perms && pid != (double)getpid() && !rt_perm_run(RT(c)->perms, NULL)) {
    rt_perm_throw(c, RT_PERM_RUN, NULL);
    return;
  }
  int rc = uv_kill((int)mrt_op_arg_number(c, 0), (int)mrt_op_arg_number(c, 1));
  if (rc) throw_errno(c, rc, "kill");
}

static const mrt_op_decl process_fns[] = {
    {.name = "setTickHook", .fn = op_set_tick_hook},
    {.name = "ticksPending", .fn = op_ticks_pending},
    {.name = "runMicrotasksOnly", .fn = op_run_microtasks_only},
    {.name = "setLoopEndHook", .fn = op_set_loop_end_hook},
    {.name = "setExitCode", .fn = op_set_exit_code},
    {.name = "writeBytes", .fn = op_write_bytes},
    {.name = "cwd", .fn = op_cwd},
    {.name = "chdir", .fn = op_chdir},
    {.name = "umask", .fn = op_umask},
    {.name = "ppid", .fn = op_ppid},
    {.name = "execPath", .fn = op_exec_path},
    {.name = "entryName", .fn = op_entry_name},
    {.name = "uvVersion", .fn = op_uv_version},
    {.name = "hrtimeParts", .fn = op_hrtime_parts},
    {.name = "resourceUsage", .fn = op_resource_usage},
    {.name = "kill", .fn = op_kill},
    {.name = "ttySize", .fn = op_tty_size},
    {.name = "guessHandle", .fn = op_guess_handle},
    {.name = "ids", .fn = op_ids},
    {.name = "groups", .fn = op_groups},
    {.name = "setSignalHook", .fn = rt_node_set_signal_hook},
    {.name = "watchSignal", .fn = rt_node_watch_signal},
};

/* nodeBinding(): an object holding process's and os's functions, made at the first call (by
 * node:process or node:os) with mrt_function rather than registered as ops: an op costs
 * every start its share of the startup snapshot (about 7k instructions each, measured with
 * callgrind on `mrt hi.js`), these are needed only by programs that use Node's APIs. */
static void add_functions(mrt_runtime *rt, mrt_value *obj, const mrt_op_decl *fns, size_t n,
                          void *data, int *failed) {
  for (size_t i = 0; i < n && !*failed; i++) {
    mrt_value *f = mrt_function(rt, fns[i].name, fns[i].fn, data);
    if (!f || mrt_set(rt, obj, fns[i].name, f) != MRT_OK) *failed = 1;
    mrt_value_free(rt, f);
  }
}

static void op_node_binding(mrt_op_call *c) {
  mrt_runtime *rt = RT(c);
  size_t nlen = 0;
  const char *which = mrt_op_argc(c) > 0 && mrt_op_arg_type(c, 0) == MRT_TYPE_STRING
                          ? mrt_op_arg_string(c, 0, &nlen)
                          : NULL;
  /* nodeBinding("v8"): node:v8's functions alone (v8.c), made when node:v8 loads. */
  if (which && nlen == 2 && memcmp(which, "v8", 2) == 0) {
    size_t nv8 = 0;
    const mrt_op_decl *v8 = rt_node_v8_functions(&nv8);
    rt_op_return_functions(c, v8, nv8);
    return;
  }
  mrt_value *obj = mrt_object(rt);
  int failed = obj == NULL;
  size_t nos = 0;
  const mrt_op_decl *os = rt_node_os_functions(&nos);
  add_functions(rt, obj, process_fns, sizeof process_fns / sizeof process_fns[0],
                mrt_op_data(c), &failed);
  add_functions(rt, obj, os, nos, NULL, &failed);
  size_t ncp = 0;
  const mrt_op_decl *cp = rt_node_child_process_functions(&ncp);
  add_functions(rt, obj, cp, ncp, mrt_op_data(c), &failed);
  if (failed) rt_op_error(c, "Error", "ENOMEM", "out of memory");
  else mrt_op_return_value(c, obj);
  mrt_value_free(rt, obj);
}

/* The state (node_state.h) is the data of nodeBinding and of process's functions. */
int rt_node_init(mrt_runtime *rt, void **state) {
  rt_node_state *st = calloc(1, sizeof *st);
  if (!st) return MRT_ENOMEM;
  *state = st;
  mrt_op_decl d = {.name = "nodeBinding", .fn = op_node_binding, .data = st};
  return rt_register_builtin(rt, &d);
}

void rt_node_close(mrt_runtime *rt, void *state) {
  if (state) {
    rt_node_children_close(rt, state); /* before the handle its tasks use goes */
    rt_node_v8_close(rt, state);       /* V8's serializers, while the isolate lives */
    rt_node_signals_close(rt, state);
  }
}

void rt_node_free(mrt_runtime *rt, void *state) {
  (void)rt;
  free(state);
}
