/*
 * runtime_internal.h: the runtime's state, shared by core/'s files. Not installed.
 */
#ifndef MRT_RUNTIME_INTERNAL_H
#define MRT_RUNTIME_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "alloc.h"
#include "error.h"
#include "eventloop.h"
#include "heap.h"
#include "loop.h"
#include "mrt.h"
#include "shim.h"

typedef struct rt_scope rt_scope;

/* 32 bytes (a small allocator's size class): the owner is found through the scope. */
struct mrt_value {
  shim_global *g;
  struct mrt_value *prev, *next; /* the handles of its scope, released with it */
  rt_scope *scope; /* the scope it belongs to (the runtime's root scope at the least) */
};

/* value.c: a handle scope, open or (the root, rt->root_scope) lasting as long as the runtime.
 * Scope records are reused (rt->scope_cache): a callback's implicit scope costs no
 * allocation once warm. */
struct rt_scope {
  mrt_value head;   /* sentinel of this scope's handles */
  rt_scope *parent; /* NULL: the root scope */
  mrt_runtime *rt;  /* the owner of its handles: any other runtime refuses them */
  int implicit;     /* the runtime's own scope around a callback: the embedder cannot close it */
};

typedef struct op_entry {
  mrt_op_decl decl; /* decl.name points at name below */
  char *name;
  mrt_op_stats stats;
  int builtin; /* on P.ops (the host API's), not on mrt.ops */
} op_entry;

/* One async op call in flight (async_ops.c): its promise id, its op, whether a result was
 * posted on the loop thread already, and whether it is the embedder's op. */
typedef struct async_slot {
  uint32_t id; /* 0: empty (ids start at 1) */
  uint32_t op;
  uint8_t completed, embedder;
} async_slot;

/* The async ops in flight, keyed by promise id (open addressing, linear probing). */
typedef struct async_table {
  async_slot *slots;
  uint32_t mask;     /* capacity - 1 (a power of two), or 0 before the first op */
  uint32_t count;
  uint32_t embedder; /* entries of the embedder's ops: they keep a freed runtime's shell */
} async_table;

/* loop_msg.kind: an op result's mrt_result_kind, or one of these: mrt_terminate's wake-up,
 * an mrt_handle_post task (handle.c). */
enum { MSG_TERMINATE = -1, MSG_TASK = -2 };

/* Room for the built-in extensions' state (builtin.c checks its table fits). */
#define RT_BUILTINS_MAX 32

struct mrt_runtime {
  shim_isolate *iso;
  pthread_t owner; /* the thread that made it: the only one its thread-bound calls accept */
  mrt_runtime_handle *handle; /* handle.c: made on first mrt_runtime_get_handle, or NULL */
  int freeing; /* mrt_runtime_free has begun: a second one (from a cancel hook) does nothing */
  loop_t *loop;
  alloc_stats *array_buffers; /* shim_buffer_stats: its ArrayBuffer allocator's counters */
  mrt_options opts;
  void *user_data;
  /* resolve.c's cache of Node resolution: made at its first use, freed with the modules. */
  struct rt_resolver *resolver;

  /* The last error, its strings owned here: error.c's alone (error.h). */
  mrt_error err;

  rt_scope root_scope; /* value.c: handles made outside every scope (until freed) */
  rt_scope *scope;  /* value.c: the innermost open handle scope, NULL: none */
  rt_scope *scope_cache; /* value.c: closed scope records, reused */
  int scope_wanted; /* value.c: an implicit scope is due but not made yet (no handle so far) */

  /* Ops: built-in ones first, then the embedder's. */
  op_entry *ops;
  size_t nops, cap_ops;
  shim_global *private_ops; /* P.ops: built-in ops for the bootstrap JS */
  shim_global *public_ops;  /* mrt.ops: the embedder's ops */
  /* Async op calls in flight (each refs the loop until its result is delivered; the
   * embedder's mrt_ref count is the loop state's), and results refused (no such call). */
  async_table inflight;
  uint64_t rejected_completions;
  /* After mrt_runtime_free, while embedder ops are still out (async_ops.c): `dead` is set,
   * completions take `shell_lock` and only settle the accounts; the last one frees the
   * struct. dead is 1 while mrt_runtime_free runs (it holds shell_lock), 2 after. `posting` counts threadsafe completions inside loop_post right now. */
  atomic_int dead;
  atomic_int posting;
  pthread_mutex_t shell_lock;

  /* The bootstrap's private object P and the JS entry points of async ops (the loop's own,
   * runTimers and runImmediates, are the loop state's). */
  shim_global *P;
  shim_global *js_settle;         /* P.settle([id, ok, value, ...]) */
  shim_global *js_async_op;       /* P.asyncOp(rawFn) -> promise-returning fn */

  /* Settlements being delivered (reused between batches). */
  shim_settlement *settle_buf;
  size_t settle_cap;

  /* The event loop's state: the call depth, the pending error, unhandled rejections, the
   * turn. Opaque here: eventloop.c owns it (eventloop.h). */
  rt_loop_state loop_state;

  /* Buffered stdout: flushed when full, before blocking, before errors and at the end. */
  char *out;
  size_t out_len, out_cap;
  int out_is_tty;
  unsigned char out_kind[2]; /* console.c: how fds 1 and 2 are written (found at first write) */

  int exit_code;       /* mrt.exit(code), or -1 */
  char *entry_name;    /* the first script or main module run (Node's process.argv[1]) */
  rt_heap_state heap; /* the heap-limit policy's: opaque here, heap.c owns it (heap.h) */
  int restoring;       /* bootstrapping from the snapshot: ops exist in JS already */
  int from_snapshot;
  uint64_t bootstrap_ns, v8_init_ns;
  atomic_int terminate_requested; /* mrt_terminate: also stop a loop that is waiting */
  atomic_int interrupt_fd; /* interrupt.c: eventfd that wakes sync ops blocked in the OS, or -1 */
  atomic_int interrupt_requested; /* mrt_terminate has reached V8: blocked sync ops end */

  /* ---- open resources of every kind (core/resources.c): NULL until the first ---- */
  struct rt_resources *resources;
  struct mrt_buffer_hold *holds; /* ops.c: buffer holds still out (mrt_op_arg_buffer_hold) */

  /* ---- each built-in extension's state, by its index in the table (core/ext/builtin.c):
   * what its init made, handed back to its close and free. A new built-in adds no field. */
  void *builtin_state[RT_BUILTINS_MAX];

  /* ---- ES modules (core/modules.c) ---- */
  struct rt_modules *mod; /* module map, loads, import() jobs */

  /* ---- the embedder's extensions (core/extension.c): NULL without any ---- */
  struct rt_exts *exts;
  int making_snapshot; /* inside mrt_snapshot_create (no Fast API paths) */

  /* ---- the sandbox (core/permissions.c): NULL without opts.permissions (no checks) ---- */
  struct rt_perms *perms;

  /* ---- the code cache (core/code_cache.c): NULL without opts.cache_dir ---- */
  struct rt_cache *cache;
  uv_idle_t mod_idle;     /* runs import() jobs in a later loop turn; closed by loop_free */

  /* ---- built-in files compiled from their build-time code cache (host.c) ---- */
  unsigned builtin_cache_hits, builtin_cache_rejected;
  /* The generator of those caches only (builtin_cache_gen.c): each file's compile, by index
   * in rt_js_files, its script kept for making its cache. NULL otherwise. */
  shim_code_cache *builtin_compiles;
};

/* error.h's rt_ok, inline: reads only the record's code and message (error.c's). */
static inline void rt_ok(mrt_runtime *rt) {
  if (rt->err.code || rt->err.message) rt_clear_error(rt);
}

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

/* error.c: see error.h. */

/* Calls from a thread other than the runtime's owner: MRT_ESTATE, recorded in the calling
 * thread's own record (mrt_last_error(NULL); the runtime's belongs to its owner). */
int rt_thread_error(const char *fn);
static inline int rt_on_owner(const mrt_runtime *rt) {
  return pthread_equal(rt->owner, pthread_self());
}
static inline int rt_refuse_thread(const mrt_runtime *rt, const char *fn) {
  return rt_on_owner(rt) ? MRT_OK : rt_thread_error(fn);
}
/* The first statement of every thread-bound entry point: called from another thread, the call
 * is refused without touching the runtime (the error is recorded for the calling thread) and
 * returns `refused`: MRT_ESTATE, or the neutral value of a function without a code (NULL,
 * NAN, MRT_TYPE_UNDEFINED; nothing for a void one). A NULL rt passes (the function's own
 * NULL check follows). */
#define RT_OWNER_ONLY(rt, refused)                   \
  do {                                               \
    if ((rt) && !rt_on_owner(rt)) {                  \
      rt_thread_error(__func__);                     \
      return refused;                                \
    }                                                \
  } while (0)

/* handle.c: the runtime's side of its handle. */
/* Runs the MSG_TASK messages of a delivery (each followed by a checkpoint) and returns the
 * others, moved to the front. */
size_t rt_handle_run_tasks(mrt_runtime *rt, loop_msg *msgs, size_t n);
/* A task message that will never run: its function gets MRT_ESTATE. */
void rt_task_drop(loop_msg *msg);
/* mrt_runtime_free, first: calls through the handle are dropped from now on. */
void rt_handle_close(mrt_runtime *rt);
/* mrt_runtime_free, after loop_free: counts the tasks dropped, lets the handle go. */
void rt_handle_detach(mrt_runtime *rt);

/* value.c */
mrt_value *rt_wrap(mrt_runtime *rt, shim_global *g); /* takes ownership; NULL-safe */
void rt_values_init(mrt_runtime *rt); /* the root scope, before any handle is made */
void rt_release_values(mrt_runtime *rt); /* every handle, in every scope */
/* The implicit scope around a callback into embedder code: handles made in it are released
 * when it is left (with any scope the callback left open), unless escaped. It is made only
 * when the callback makes its first handle (rt_wrap): most op calls make none, and then
 * entering and leaving it are a few loads and stores, inline. */
typedef struct rt_scope_mark {
  rt_scope *outer;  /* the innermost scope when the callback began */
  int outer_wanted; /* whether an implicit scope around it was still due */
} rt_scope_mark;
static inline rt_scope_mark rt_implicit_enter(mrt_runtime *rt) {
  rt_scope_mark m = {rt->scope, rt->scope_wanted};
  rt->scope_wanted = 1;
  return m;
}
void rt_implicit_close(mrt_runtime *rt, rt_scope_mark m); /* value.c: the scopes made since */
static inline void rt_implicit_leave(mrt_runtime *rt, rt_scope_mark m) {
  if (rt->scope != m.outer) rt_implicit_close(rt, m);
  rt->scope_wanted = m.outer_wanted;
}

/* A value argument that is NULL or another runtime's: records MRT_EINVAL naming fn, 1. */
int rt_bad_value(mrt_runtime *rt, const mrt_value *v, const char *fn);
/* The checks every public entry point makes on its arguments. */
static inline int rt_owns(const mrt_runtime *rt, const mrt_value *v) {
  return v && v->scope->rt == rt;
}

/* async_ops.c: exact accounting of async op calls in flight. */
/* An async op call starts (before its C function runs): refs the loop. */
int rt_async_started(mrt_runtime *rt, uint32_t id, uint32_t op, int embedder);
/* A result posted on the loop thread: 0, or -1 if id is not in flight or completed. */
int rt_async_mark_completed(mrt_runtime *rt, uint32_t id);
void rt_async_unmark_completed(mrt_runtime *rt, uint32_t id);
/* A result is delivered (or the call threw): removes it and unrefs the loop. 0 with its op
 * index in *op, or -1 if id is not in flight. */
int rt_async_finish(mrt_runtime *rt, uint32_t id, uint32_t *op);
/* mrt_runtime_free: ends each call in flight whose op has a cancel hook and calls it, ... */
void rt_async_cancel(mrt_runtime *rt);
/* ... stops threadsafe completions from reaching the loop (dead), ... */
void rt_async_close_begin(mrt_runtime *rt);
/* ... settles the accounts of results still queued and drops them (before loop_free) ... */
void rt_async_close_queued(mrt_runtime *rt);
/* ... and frees the struct unless the embedder's ops are still out (the last of their
 * completions frees it). */
void rt_async_close_end(mrt_runtime *rt);
/* A completion after free (dead set): settles its account, frees the shell after the last
 * one. MRT_ESTATE. */
int rt_async_complete_dead(mrt_runtime *rt, uint32_t id);
/* The same from the freeing thread itself while free runs (a teardown callback completing a
 * built-in op; it holds shell_lock already). */
int rt_async_complete_closing(mrt_runtime *rt, uint32_t id);

/* ops.c */
int rt_ops_init(mrt_runtime *rt);
/* A C function made with mrt_function is called: fn runs on an mrt_op_call (the op
 * accessors work on it) in a handle scope of its own. */
void rt_call_c_function(mrt_runtime *rt, shim_call *call, mrt_op_fn fn, void *data);
/* shim_host.native_call: runs op `index`. */
void rt_op_dispatch(void *data, uint32_t index, shim_call *call);
void rt_ops_free(mrt_runtime *rt);
/* mrt_runtime_free, after the resources closed: buffer holds still out let go of their
 * memory (the holds themselves stay the embedder's). */
void rt_release_buffer_holds(mrt_runtime *rt);
/* Registers a built-in op on P.ops. */
int rt_register_builtin(mrt_runtime *rt, const mrt_op_decl *decl);
/* Registers an extension's op on target (the embedder's op, on an object of its own). */
int rt_register_ext_op(mrt_runtime *rt, const shim_global *target, const mrt_op_decl *decl);
/* A result an op may complete with: 0, or -1 (NULL, an unknown kind, bytes NULL with a
 * length). */
int rt_result_check(const mrt_result *res);
/* Frees the bytes a valid STRING or BUFFER result handed over (free_bytes); else nothing. */
void rt_result_release(const mrt_result *res);
void rt_deliver_messages(void *data, loop_msg *msgs, size_t n);
void rt_drop_message(loop_msg *msg);

/* eventloop.c: see eventloop.h. */

/* host.c: the kernel's ops behind the `mrt` object. */
int rt_host_init(mrt_runtime *rt);
/* ext/console/console.c: console output (stdout buffered, stderr at once). */
void rt_write_out(mrt_runtime *rt, int fd, const char *s, size_t n);

/* extension.c: the embedder's extensions (opts.extensions). check: before anything is
 * made (rt_creation_error). init: after the built-ins, state_init, ops and scripts in order
 * (restored_ops: the ops object kept in the embedder's snapshot, whose scripts ran). close
 * while the isolate lives, free (state_free, reverse order) after it. */
int rt_exts_check(const mrt_options *o);
int rt_exts_init(mrt_runtime *rt, shim_global *restored_ops);
void rt_exts_close(mrt_runtime *rt);
void rt_exts_free(mrt_runtime *rt);
shim_global *rt_exts_ops(mrt_runtime *rt); /* "ext:core/ops", or NULL without extensions */
/* An extension op's fast path can be in an embedder's snapshot (no byte buffers, a type V8
 * 10.2 returns); the signatures of all such ops of opts, in order (malloc'd; NULL, *n 0 if
 * none), which become the isolate's own external references. */
int rt_ext_fast_in_snapshot(const mrt_op_decl *d);
shim_fast_sig *rt_exts_fast_sigs(const mrt_options *o, size_t *n);
/* modules.c's hooks: "ext:" specifiers never reach the embedder's loader. */
int rt_ext_is_url(const char *s);
int rt_ext_is_ops_url(const char *url);
char *rt_ext_resolve(mrt_runtime *rt, const char *spec, const char *referrer, char **msg);
const char *rt_ext_source(mrt_runtime *rt, const char *url, size_t *len);

/* bootstrap.c: the runtime's JS, run fresh or restored from the snapshot. */
int rt_bootstrap(mrt_runtime *rt);
int rt_bootstrap_restore(mrt_runtime *rt);
/* A bare runtime's async-op machinery (core.js alone), for extensions with async ops. */
int rt_bootstrap_core(mrt_runtime *rt);
/* From an embedder's snapshot: the extensions' ops object it keeps (NULL if none), and on a
 * bare runtime the P of core.js when it has one. */
shim_global *rt_snapshot_ext_ops(mrt_runtime *rt);
/* P.start(): per-process state (arguments, pid, clocks) at every runtime start. */
int rt_start(mrt_runtime *rt);
/* Releases every JS handle the runtime holds (before disposing of or serializing V8). */
void rt_release_js(mrt_runtime *rt);

/* snapshot.c */
#define RT_SNAPSHOT_HEADER 64 /* the V8 version, NUL-padded, before the blob */
#define RT_SNAPSHOT_P_INDEX 0 /* P is the first value kept in the snapshot */
/* The embedded blob when it fits the running V8 (1), else 0. */
int rt_snapshot_blob(const char **blob, size_t *len);
#define RT_SNAPSHOT_EXT_OPS_INDEX 1 /* an embedder's snapshot: then the extensions' ops */
int rt_make_snapshot(char **blob, size_t *len);
/* A snapshot of a runtime made for opts (NULL: the built-in snapshot, made at build time);
 * with opts, its extensions set up and setup run (snapshot_embedder.c). */
int rt_snapshot_make(const mrt_options *opts, const char *setup, size_t setup_len, char **blob,
                     size_t *len);
/* snapshot_embedder.c: checks an embedder's blob (opts->snapshot) against the runtime opts
 * asks for; its V8 part in *v8 and *v8_len. MRT_EINVAL (rt_creation_error) if it does not fit. */
int rt_embedder_snapshot(const mrt_options *opts, const char **v8, size_t *v8_len);

/* runtime.c */
/* mrt_options checked before anything is made (MRT_EINVAL with rt_creation_error). */
int rt_check_options(const mrt_options *o);
void rt_host_callbacks(mrt_runtime *rt, shim_host *host);

/* std_fds.c: reopens a closed descriptor 0, 1 or 2 on /dev/null; -1 if one stays closed. */
int rt_ensure_std_fds(void);

/* heap.c: see heap.h. */


/* ---- modules.c: ES modules. init after the loop and ops (registers V8's module
 * callbacks); free in mrt_runtime_free before the isolate is freed. */
int rt_modules_init(mrt_runtime *rt);
void rt_modules_free(mrt_runtime *rt);

#endif /* MRT_RUNTIME_INTERNAL_H */
