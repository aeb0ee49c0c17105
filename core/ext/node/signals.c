/* signals.c: process.on('SIGINT' | ...) for node:process. A signal with listeners is watched
 * with a libuv signal handle that keeps nothing alive (as in Node); when it comes, a task
 * posted to the runtime (a macrotask) calls the JS hook with the signal's number. Watching
 * stops when the last listener goes, and the signal's default action is back. The state is
 * the node extension's (rt_node_init/close/free in process.c). */
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

#include "eventloop.h"
#include "ext/ext.h"
#include "node_state.h"
#include "runtime_internal.h"

typedef struct signal_task {
  rt_node_state *st;
  int signo;
} signal_task;

static void deliver(mrt_runtime *rt, void *data, int status) {
  signal_task *t = data;
  if (status == MRT_OK && rt && t->st->signal_hook) {
    /* As the loop's own callbacks call JS: an error (or process.exit's termination) is
     * the turn's, raised for the loop to stop on. */
    shim_global *hook = shim_dup(rt->iso, t->st->signal_hook);
    shim_global *arg = shim_number(rt->iso, t->signo);
    shim_exception exc = {0};
    if (shim_call_function(rt->iso, hook, NULL, 1, &arg, NULL, &exc) != 0) {
      rt_on_uncaught(rt, &exc);
    }
    shim_release(arg);
    shim_release(hook);
  }
  free(t);
}

static void on_signal(uv_signal_t *h, int signo) {
  rt_node_state *st = h->data;
  signal_task *t = malloc(sizeof *t);
  if (!t) return;
  *t = (signal_task){st, signo};
  if (mrt_handle_post(st->handle, deliver, t) != MRT_OK) free(t);
}

static void free_handle(uv_handle_t *h) { free(h); }

static void unwatch(rt_node_state *st, int signo) {
  uv_signal_t *h = st->signals[signo];
  if (!h) return;
  st->signals[signo] = NULL;
  uv_signal_stop(h);
  uv_close((uv_handle_t *)h, free_handle);
}

/* setSignalHook(fn | null) */
void rt_node_set_signal_hook(mrt_op_call *c) {
  rt_node_state *st = mrt_op_data(c);
  shim_release(st->signal_hook);
  st->signal_hook = rt_op_function_arg(c, 0);
}

/* watchSignal(signo, on): starts or stops watching; throws for a signal that cannot be. */
void rt_node_watch_signal(mrt_op_call *c) {
  rt_node_state *st = mrt_op_data(c);
  mrt_runtime *rt = mrt_op_runtime(c);
  double n = mrt_op_arg_number(c, 0);
  if (!(n >= 1 && n < RT_NODE_NSIG)) {
    rt_op_error(c, "Error", "EINVAL", "uv_signal_start EINVAL");
    return;
  }
  int signo = (int)n;
  if (!mrt_op_arg_boolean(c, 1)) {
    unwatch(st, signo);
    return;
  }
  if (st->signals[signo]) return;
  if (!rt_node_handle(rt, st)) {
    rt_op_error(c, "Error", "ENOMEM", "out of memory");
    return;
  }
  uv_signal_t *h = malloc(sizeof *h);
  if (!h) {
    rt_op_error(c, "Error", "ENOMEM", "out of memory");
    return;
  }
  uv_signal_init(loop_uv(rt->loop), h);
  h->data = st;
  int rc = uv_signal_start(h, on_signal, signo);
  if (rc) {
    uv_close((uv_handle_t *)h, free_handle);
    char msg[96];
    snprintf(msg, sizeof msg, "uv_signal_start %s", uv_err_name(rc));
    rt_op_error(c, "Error", uv_err_name(rc), msg);
    return;
  }
  uv_unref((uv_handle_t *)h); /* a listener keeps nothing alive, as in Node */
  st->signals[signo] = h;
}

mrt_runtime_handle *rt_node_handle(mrt_runtime *rt, rt_node_state *st) {
  if (!st->handle) st->handle = mrt_runtime_get_handle(rt);
  return st->handle;
}

void rt_node_signals_close(mrt_runtime *rt, rt_node_state *st) {
  for (int i = 0; i < RT_NODE_NSIG; i++) unwatch(st, i);
  (void)rt;
  shim_release(st->signal_hook);
  st->signal_hook = NULL;
  mrt_handle_release(st->handle);
  st->handle = NULL;
}
