/*
 * runtime_internal.h: the runtime's state, shared by core/'s files. Not installed.
 */
#ifndef MRT_RUNTIME_INTERNAL_H
#define MRT_RUNTIME_INTERNAL_H

#include <stdatomic.h>
#include <stdint.h>

#include "alloc.h"
#include "loop.h"
#include "mrt.h"
#include "shim.h"

struct mrt_value {
  shim_global *g;
  struct mrt_value *prev, *next; /* all live handles, released with the runtime */
};

typedef struct op_entry {
  mrt_op_decl decl; /* decl.name points at name below */
  char *name;
  mrt_op_stats stats;
} op_entry;

typedef struct rejection {
  shim_global *promise;
  shim_global *reason;
} rejection;

#define RT_ASYNC_RING 4096

/* loop_msg.kind: an op result's mrt_result_kind, or this (mrt_terminate's wake-up). */
enum { MSG_TERMINATE = -1 };

/* An op result waiting in the loop's queue; numbers travel inline, the rest here. */
typedef struct op_payload {
  int kind;
  void *bytes;
  size_t len;
  void (*free_bytes)(void *);
  char *code, *syscall, *path, *message;
} op_payload;

struct mrt_runtime {
  shim_isolate *iso;
  loop_t *loop;
  alloc_stats array_buffers;
  mrt_options opts;
  void *user_data;

  /* The last error, its strings owned here. */
  mrt_error err;

  mrt_value values; /* sentinel of the live handle list */

  /* Ops: built-in ones first, then the embedder's. */
  op_entry *ops;
  size_t nops, cap_ops;
  shim_global *private_ops; /* P.ops: built-in ops for the bootstrap JS */
  shim_global *public_ops;  /* mrt.ops: the embedder's ops */
  size_t async_pending;     /* async ops called and not yet delivered (each refs the loop) */
  /* Which op each async call in flight belongs to, for its completion/error counts: slot
   * id % RT_ASYNC_RING holds (id, op index). Exact while fewer than RT_ASYNC_RING calls are in
   * flight; beyond, a completion whose slot was reused is not attributed to any op. */
  struct { uint32_t id, op; } async_ring[RT_ASYNC_RING];

  /* The bootstrap's private object P and the JS entry points the loop calls. */
  shim_global *P;
  shim_global *js_run_timers;     /* P.runTimers(n): ids in timer_ids */
  shim_global *js_run_immediates; /* P.runImmediates() -> immediates still queued */
  shim_global *js_settle;         /* P.settle([id, ok, value, ...]) */
  shim_global *js_async_op;       /* P.asyncOp(rawFn) -> promise-returning fn */
  shim_global *timer_ids_array;
  double *timer_ids;
  size_t timer_ids_cap;

  /* Settlements being delivered (reused between batches). */
  shim_settlement *settle_buf;
  size_t settle_cap;

  /* An error raised inside a loop phase, reported when control returns to the caller. */
  shim_exception pending;
  int pending_code; /* 0: none */
  rejection *rejections;
  size_t nrejections, cap_rejections;

  /* Buffered stdout: flushed when full, before blocking, before errors and at the end. */
  char *out;
  size_t out_len, out_cap;
  int out_is_tty;
  unsigned char out_kind[2]; /* host.c: how fds 1 and 2 are written (found at first write) */
  uv_prepare_t flush_before_poll;

  int exit_code;       /* mrt.exit(code), or -1 */
  int heap_limit_hit;  /* the default policy terminated: the running call fails with it */
  int heap_limit_raised; /* the default policy granted room: restored after the call */
  size_t heap_limit_restore; /* the limit in bytes before that grant */
  size_t heap_limit_mb;
  mrt_near_heap_limit_cb heap_cb;
  void *heap_cb_data;
  int restoring;       /* bootstrapping from the snapshot: ops exist in JS already */
  int from_snapshot;
  uint64_t bootstrap_ns, v8_init_ns;
  atomic_int terminate_requested; /* mrt_terminate: also stop a loop that is waiting */
  atomic_int interrupt_fd; /* interrupt.c: eventfd that wakes sync ops blocked in the OS, or -1 */
  atomic_int interrupt_requested; /* mrt_terminate has reached V8: blocked sync ops end */
  int depth;           /* nesting of API calls that run JS */
  int in_loop;         /* inside loop_run: errors stop the loop */
  const shim_global *awaiting; /* mrt_resolve_value's promise: the run stops when settled */

  /* ---- async files and TCP (core/fs.c, core/tcp.c) ---- */
  struct rt_fs *fs;   /* jobs free list, open files (FsFile rids) */
  struct rt_tcp *tcp; /* listeners and connections (rids) */

  /* ---- ES modules (core/modules.c) ---- */
  struct rt_modules *mod; /* module map, loads, import() jobs */

  /* ---- the code cache (core/code_cache.c): NULL without opts.cache_dir ---- */
  struct rt_cache *cache;
  uv_idle_t mod_idle;     /* runs import() jobs in a later loop turn; closed by loop_free */
};

/* interrupt.c: sync ops that wait in the OS (FIFOs, devices) end on mrt_terminate. */
enum { RT_WAIT_INTERRUPTED = 1 };
/* The interrupt eventfd (made on first use); -1 if it cannot be made. */
int rt_interrupt_fd(mrt_runtime *rt);
/* Any thread, once V8 has the termination request: a sync op that ends its wait and lands the
 * termination must not see it cancelled (reported) before V8 gets it, or it would end the
 * next call instead. */
void rt_interrupt_signal(mrt_runtime *rt);
int rt_interrupted(mrt_runtime *rt); /* mrt_terminate reached V8 and was not yet reported */
/* Waits until fd (-1: none) has one of events (poll(2) bits) or timeout_ms (-1: none) passed:
 * 0; RT_WAIT_INTERRUPTED once cancelled(arg) (cancel_fd, -1 if none, wakes the wait to look:
 * with drain, the only waiter consumes its wake-ups); or -errno. */
int rt_wait_cancellable(int fd, short events, int timeout_ms, int cancel_fd,
                        int (*cancelled)(void *), void *arg, int drain);
/* The same on the runtime's thread, ended by mrt_terminate (sync ops). */
int rt_wait_fd(mrt_runtime *rt, int fd, short events, int timeout_ms);
void rt_interrupt_free(mrt_runtime *rt);

/* error.c */
void rt_clear_error(mrt_runtime *rt);
/* Moves exc into rt->err (exc is cleared) and returns the code, which depends on it. */
int rt_set_error_from_exception(mrt_runtime *rt, shim_exception *exc);
int rt_set_error(mrt_runtime *rt, int code, const char *name, const char *fmt, ...);
int rt_exception_code(mrt_runtime *rt, const shim_exception *exc);
/* Records why mrt_runtime_new failed (mrt_last_error(NULL)); code 0 clears it. */
int rt_creation_error(int code, const char *fmt, ...);

/* value.c */
mrt_value *rt_wrap(mrt_runtime *rt, shim_global *g); /* takes ownership; NULL-safe */
void rt_release_values(mrt_runtime *rt);

/* ops.c */
int rt_ops_init(mrt_runtime *rt);
/* shim_host.native_call: runs op `index`. */
void rt_op_dispatch(void *data, uint32_t index, shim_call *call);
void rt_ops_free(mrt_runtime *rt);
/* Registers a built-in op on P.ops. */
int rt_register_builtin(mrt_runtime *rt, const mrt_op_decl *decl);
void rt_deliver_messages(void *data, loop_msg *msgs, size_t n);
void rt_drop_message(loop_msg *msg);

/* eventloop.c */
int rt_loop_init(mrt_runtime *rt);
/* A microtask checkpoint, then the unhandled-rejection check. Returns the pending code. */
int rt_checkpoint(mrt_runtime *rt);
/* The unhandled-rejection check that ends a checkpoint (for callers that ran it in V8). */
int rt_check_rejections(mrt_runtime *rt);
/* Records an error for the caller of the current API call and stops the loop. */
void rt_raise(mrt_runtime *rt, shim_exception *exc);
/* After a call that ran JS: turns a pending error into the return code (0 if none). */
int rt_take_pending(mrt_runtime *rt);
void rt_on_promise_reject(void *data, int event, shim_global *promise, shim_global *reason);
void rt_on_uncaught(void *data, shim_exception *exc);

/* host.c: the built-in ops behind the JS host API. */
int rt_host_init(mrt_runtime *rt);
void rt_write_out(mrt_runtime *rt, int fd, const char *s, size_t n);

/* bootstrap.c: the runtime's JS, run fresh or restored from the snapshot. */
int rt_bootstrap(mrt_runtime *rt);
int rt_bootstrap_restore(mrt_runtime *rt);
/* P.start(): per-process state (arguments, pid, clocks) at every runtime start. */
int rt_start(mrt_runtime *rt);
/* Releases every JS handle the runtime holds (before disposing of or serializing V8). */
void rt_release_js(mrt_runtime *rt);

/* snapshot.c */
#define RT_SNAPSHOT_HEADER 64 /* the V8 version, NUL-padded, before the blob */
#define RT_SNAPSHOT_P_INDEX 0 /* P is the first value kept in the snapshot */
/* The embedded blob when it fits the running V8 (1), else 0. */
int rt_snapshot_blob(const char **blob, size_t *len);
int rt_make_snapshot(char **blob, size_t *len);

/* runtime.c */
void rt_host_callbacks(mrt_runtime *rt, shim_host *host);

/* heap.c */
size_t rt_on_near_heap_limit(void *data, size_t current, size_t initial);
int rt_on_heap_refuse(void *data, size_t bytes);
/* The outermost call a heap-limit hit ended has returned: reset for the next hit. */
void rt_heap_limit_reported(mrt_runtime *rt);

/* ---- fs.c, tcp.c: async files and TCP. *_init register the ops (from rt_host_init);
 * *_close run in mrt_runtime_free before the isolate is freed (release JS handles, close
 * files and sockets; callbacks still to come see the runtime as dead); *_free run after
 * loop_free, when no callback can come any more. */
int rt_fs_init(mrt_runtime *rt);
void rt_fs_close(mrt_runtime *rt);
void rt_fs_free(mrt_runtime *rt);
int rt_tcp_init(mrt_runtime *rt);
void rt_tcp_close(mrt_runtime *rt);
void rt_tcp_free(mrt_runtime *rt);

/* ---- modules.c: ES modules. init after the loop and ops (registers V8's module
 * callbacks); free in mrt_runtime_free before the isolate is freed. */
int rt_modules_init(mrt_runtime *rt);
void rt_modules_free(mrt_runtime *rt);

#endif /* MRT_RUNTIME_INTERNAL_H */
