/* worker.c: Web Workers: each worker is an mrt runtime (from the same snapshot and options as
 * its parent) on a thread of its own, running its own event loop.
 *
 * Messages are the structured clone's bytes (core/ext/messaging, shim/clone.cc) plus the
 * memory of the transferred ArrayBuffers, which moves to the receiving isolate without a
 * copy (shim_store: V8 backing stores hold their allocator, so they may outlive the isolate
 * they came from), and the transferred MessagePorts' ends (wire.h, port.c).
 *
 * Each direction of a worker has an inbox: a lock-free stack the one sending thread pushes
 * onto, which the receiving thread takes whole and reverses (posting order). The push that
 * finds the inbox idle posts one task through the receiver's handle (mrt_handle_post: the
 * loop's lock-free ring); that task hands everything queued to JS in one call, which
 * dispatches each message as its own event with a microtask checkpoint after it (HTML's
 * task per message). No lock on that path; a burst costs one task and one JS call.
 *
 * A worker (wk_worker) is shared by the parent's runtime, the worker's thread and the tasks
 * in flight to the parent, refcounted. The parent sees it as a resource (its rid is the JS
 * side's handle); closing that resource terminates the thread and joins it, so a parent
 * runtime freed with workers alive ends them first (nested workers go the same way). The
 * worker's inbox is drained only once its main script has run (HTML enables the port then).
 *
 * The worker's own side: the extension's state of a runtime made here knows its wk_worker
 * (state->self); JS there posts to the parent's inbox. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modules_internal.h"
#include "permissions.h"
#include "wire.h"

struct wk_worker {
  atomic_int refs;
  pthread_t thread;
  size_t stack_bytes; /* resourceLimits.stackSizeMb: the thread's stack, or 0 for the default */
  int started, joined;
  pthread_mutex_t lock;            /* child's and ready's publication: start-up only */
  mrt_runtime_handle *parent;      /* the parent's handle (a reference) */
  _Atomic(mrt_runtime_handle *) child; /* set once the runtime exists (a reference) */
  atomic_int ready;                /* the main script ran: the inbox may be drained */
  wk_inbox to_child, to_parent;
  atomic_int terminated;           /* terminate(): the thread ends as soon as it can */
  atomic_int closing;              /* close() inside: the worker is ending */
  char *url, *path, *name;
  char *source;    /* a data: URL's script (decoded by the parent), or NULL: read path */
  size_t source_len;
  int module;
  mrt_options opts;
  char *perms_spec; /* opts.permissions: the parent's grants in force (NULL: no sandbox) */
  /* Parent's thread only. */
  double rid;       /* the parent's resource, -1 once closed */
  int silenced;     /* terminate() was called: no event of it is dispatched any more */
  int loop_ref;     /* the parent's loop is held for it */
};

static void worker_release(wk_worker *w) {
  if (atomic_fetch_sub(&w->refs, 1) != 1) return;
  wk_msgs_free(atomic_load(&w->to_child.head));
  wk_msgs_free(atomic_load(&w->to_parent.head));
  mrt_handle_release(w->parent);
  mrt_handle_release(w->child);
  pthread_mutex_destroy(&w->lock);
  free(w->url);
  free(w->path);
  free(w->source);
  free(w->name);
  free(w->perms_spec);
  free(w);
}

/* ---------------------------------------------------------------- the parent's side */

static void parent_unref(wk_worker *w, mrt_runtime *rt) {
  if (!w->loop_ref) return;
  w->loop_ref = 0;
  if (!rt->freeing) mrt_unref(rt); /* else the loop's state is gone already */
}

static void join_thread(wk_worker *w) {
  if (w->started && !w->joined) {
    pthread_join(w->thread, NULL);
    w->joined = 1;
  }
}

/* Asks the thread to end: termination of whatever it runs (any thread). */
static void request_terminate(wk_worker *w) {
  atomic_store(&w->terminated, 1);
  pthread_mutex_lock(&w->lock);
  mrt_runtime_handle *h = atomic_load(&w->child);
  pthread_mutex_unlock(&w->lock);
  if (h) mrt_handle_terminate(h);
}

/* The parent's resource closes (exit seen, or the parent runtime is freed): the thread is
 * ended and joined, the parent's reference dropped. */
static void worker_resource_close(mrt_runtime *rt, void *ptr) {
  wk_worker *w = ptr;
  request_terminate(w);
  join_thread(w);
  parent_unref(w, rt);
  w->rid = -1;
  worker_release(w);
}

static const mrt_resource_kind worker_kind = {.name = "worker", .close = worker_resource_close};

/* The worker's messages, on the parent's thread (data: the worker, a reference). */
static void parent_task(mrt_runtime *rt, void *data, int status) {
  wk_worker *w = data;
  if (status == MRT_OK && w->rid >= 0) {
    wk_msg *list = inbox_take(&w->to_parent);
    double rid = w->rid;
    wk_msg *last = list;
    while (last && last->next) last = last->next;
    /* The thread has freed its runtime and is returning: join it, let the worker go. */
    if (last && last->kind == WK_EXIT) mrt_resource_close(rt, rid, &worker_kind);
    if (w->silenced) wk_msgs_free(list);
    else if (list) wk_deliver(rt, wk_state_of(rt)->dispatch, list, rid);
  }
  worker_release(w);
}

static void post_to_parent(wk_worker *w, wk_msg *m) {
  if (!inbox_push(&w->to_parent, m)) return;
  atomic_fetch_add(&w->refs, 1);
  mrt_handle_post(w->parent, parent_task, w); /* dropped: the task releases w */
}

/* ---------------------------------------------------------------- the worker's thread */

/* The parent's messages, on the worker's thread (data: the worker; the thread holds it). */
static void child_task(mrt_runtime *rt, void *data, int status) {
  wk_worker *w = data;
  if (status != MRT_OK) return; /* the runtime is going: worker_release frees the rest */
  wk_msg *list = inbox_take(&w->to_child);
  if (atomic_load(&w->closing)) wk_msgs_free(list);
  else if (list) wk_deliver(rt, wk_state_of(rt)->dispatch, list, -1);
}

/* The worker's global scope:
 * P.loadBuiltin("core/ext/worker/worker_scope_impl.js").init(name, url, module). */
static int init_scope(mrt_runtime *rt, const char *name, const char *url, int module) {
  static const char file[] = "core/ext/worker/worker_scope_impl.js";
  mrt_value *P = rt_wrap(rt, shim_dup(rt->iso, rt->P));
  mrt_value *load = NULL, *scope = NULL, *init = NULL;
  mrt_value *path = mrt_string(rt, file, sizeof file - 1);
  mrt_value *args[3] = {mrt_string(rt, name, strlen(name)), mrt_string(rt, url, strlen(url)),
                        mrt_boolean(rt, module)};
  int rc = P && path && args[0] && args[1] && args[2] ? mrt_get(rt, P, "loadBuiltin", &load)
                                                      : MRT_ENOMEM;
  if (!rc) rc = mrt_call(rt, load, P, 1, &path, &scope);
  if (!rc) rc = mrt_get(rt, scope, "init", &init);
  if (!rc) rc = mrt_call(rt, init, scope, 3, args, NULL);
  mrt_value *all[] = {P, load, scope, init, path, args[0], args[1], args[2]};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) mrt_value_free(rt, all[i]);
  return rc;
}

/* The runtime exists: terminate() can reach it from now on (through its handle). */
static void publish_handle(wk_worker *w, mrt_runtime *rt) {
  mrt_runtime_handle *h = mrt_runtime_get_handle(rt);
  pthread_mutex_lock(&w->lock);
  atomic_store(&w->child, h);
  pthread_mutex_unlock(&w->lock);
  if (atomic_load(&w->terminated)) mrt_terminate(rt);
}

/* The main script ran: the parent's messages that waited are delivered next. */
static void make_ready(wk_worker *w) {
  pthread_mutex_lock(&w->lock);
  atomic_store(&w->ready, 1);
  pthread_mutex_unlock(&w->lock);
  mrt_runtime_handle *h = atomic_load(&w->child);
  if (h) mrt_handle_post(h, child_task, w);
}

/* The uncaught error that ended the worker, to the parent. Over its heap limit, node's
 * ERR_WORKER_OUT_OF_MEMORY text (what the worker ran is gone; its stack would say nothing). */
static void post_error(wk_worker *w, const mrt_error *e) {
  static const mrt_error oom = {
      .name = "Error",
      .message = "Worker terminated due to reaching memory limit: JS heap out of memory"};
  if (e && e->code == MRT_EHEAPLIMIT) e = &oom;
  const char *parts[4] = {e->name ? e->name : "", e->message ? e->message : "",
                          e->file ? e->file : "", e->stack ? e->stack : ""};
  size_t n = 0;
  for (int k = 0; k < 4; k++) n += strlen(parts[k]) + 1;
  wk_msg *m = calloc(1, sizeof *m);
  char *bytes = malloc(n);
  if (!m || !bytes) {
    free(m);
    free(bytes);
    return;
  }
  char *p = bytes;
  for (int k = 0; k < 4; k++) {
    size_t len = strlen(parts[k]) + 1;
    memcpy(p, parts[k], len);
    p += len;
  }
  m->kind = WK_ERROR;
  m->bytes = bytes;
  m->len = n;
  m->line = e->line;
  m->column = e->column;
  post_to_parent(w, m);
}

/* An error that ends the worker before its loop runs: reported now (later calls clear the
 * runtime's record of it); MRT_ETERMINATED says so. */
static int fail(wk_worker *w, mrt_runtime *rt, int rc) {
  if (rc == MRT_OK || rc == MRT_ETERMINATED) return rc;
  post_error(w, mrt_last_error(rt));
  return MRT_ETERMINATED;
}

static int run_main(wk_worker *w, mrt_runtime *rt) {
  int rc = fail(w, rt, init_scope(rt, w->name, w->url, w->module));
  if (rc) return rc;
  if (w->module) {
    int id;
    rc = mrt_load_main_module(rt, w->url, w->source, w->source_len, &id);
    mrt_value *promise = NULL;
    if (!rc) rc = mrt_mod_evaluate(rt, id, &promise);
    rc = fail(w, rt, rc);
    make_ready(w);
    if (!rc) rc = mrt_resolve_value(rt, promise, NULL);
    mrt_value_free(rt, promise);
    if (rc == MRT_ESTALLED) rc = MRT_OK; /* a top-level await that never settles: done */
    return rc;
  }
  if (w->source) {
    rc = fail(w, rt, mrt_execute_script(rt, w->url, w->source, w->source_len, NULL));
    make_ready(w);
    return rc;
  }
  size_t len = 0;
  int err = 0;
  /* The module loader's reader: a FIFO, a device or an oversized file is refused, not read. */
  char *denied = NULL;
  char *src = mod_read_source_checked(rt->perms, w->path, &len, &err, &denied);
  if (!src) {
    char msg[512];
    snprintf(msg, sizeof msg, "Cannot load worker script '%s': %s", w->url,
             denied ? "Requires read access, run again with the --allow-read flag" : strerror(err));
    free(denied);
    make_ready(w);
    mrt_error e = {.name = "Error", .message = msg};
    post_error(w, &e);
    return MRT_ETERMINATED; /* reported */
  }
  rc = fail(w, rt, mrt_execute_script(rt, w->path, src, len, NULL));
  free(src);
  make_ready(w);
  return rc;
}

static void *worker_main(void *arg) {
  wk_worker *w = arg;
  mrt_runtime *rt = NULL;
  int rc = MRT_ETERMINATED;
  if (!atomic_load(&w->terminated)) {
    rc = mrt_runtime_new(&w->opts, &rt);
    if (rc) {
      post_error(w, mrt_last_error(NULL));
      rc = MRT_ETERMINATED;
    }
  }
  if (rt) {
    publish_handle(w, rt);
    wk_state_of(rt)->self = w;
    rc = run_main(w, rt);
    if (!rc) rc = mrt_run_event_loop(rt);
    if (rc != MRT_OK && rc != MRT_ETERMINATED) post_error(w, mrt_last_error(rt));
    mrt_flush(rt);
    mrt_runtime_free(rt); /* its own workers end here too */
  }
  wk_msg *m = calloc(1, sizeof *m);
  if (m) {
    m->kind = WK_EXIT;
    post_to_parent(w, m);
  }
  worker_release(w); /* the thread's reference */
  return NULL;
}

/* ---------------------------------------------------------------- ops */

static wk_state *ST(mrt_op_call *c) { return mrt_op_data(c); }

/* setDispatch(fn): the JS that receives this runtime's worker events. */
static void op_set_dispatch(mrt_op_call *c) {
  wk_state *s = ST(c);
  if (s->dispatch) return;
  s->dispatch = rt_op_function_arg(c, 0);
}

/* resourceLimits (node's names, in MiB; 0 keeps the parent's): the worker's heap, its young
 * generation inside it, and its thread's stack. V8's JS stack limit is process-wide
 * (--stack-size, under 1 MiB): the stack given is kept above it. */
static void set_limits(wk_worker *w, double old_mb, double young_mb, double stack_mb) {
  size_t old_gen = old_mb > 0 ? (size_t)old_mb : 0, young = young_mb > 0 ? (size_t)young_mb : 0;
  if (old_gen) {
    size_t total = old_gen + young;
    if (total < MRT_MIN_HEAP_MB) total = MRT_MIN_HEAP_MB;
    w->opts.max_heap_mb = total;
    w->opts.max_young_mb = young < total ? young : 0;
    if (w->opts.initial_heap_mb > total) w->opts.initial_heap_mb = 0;
  } else if (young && (!w->opts.max_heap_mb || young < w->opts.max_heap_mb)) {
    w->opts.max_young_mb = young;
  }
  if (stack_mb > 0) {
    double bytes = stack_mb * 1024 * 1024;
    w->stack_bytes = bytes < 2 << 20 ? 2 << 20 : bytes > 1024.0 * 1024 * 1024 ? 1 << 30 : (size_t)bytes;
  }
}

/* spawn(url, path, module, name, maxOldMb, maxYoungMb, stackMb, source) -> rid; source (a
 * data: URL's script) or undefined: path is read. */
static void op_spawn(mrt_op_call *c) {
  mrt_runtime *rt = mrt_op_runtime(c);
  wk_worker *w = calloc(1, sizeof *w);
  if (!w) return mrt_op_throw(c, "ENOMEM", "out of memory");
  atomic_init(&w->refs, 1); /* the parent's resource */
  pthread_mutex_init(&w->lock, NULL);
  w->rid = -1;
  w->url = strdup(mrt_op_arg_string(c, 0, NULL));
  w->path = strdup(mrt_op_arg_string(c, 1, NULL));
  w->module = mrt_op_arg_boolean(c, 2);
  w->name = strdup(mrt_op_arg_string(c, 3, NULL));
  if (mrt_op_arg_type(c, 7) == MRT_TYPE_STRING) {
    const char *src = mrt_op_arg_string(c, 7, &w->source_len);
    if (src && (w->source = malloc(w->source_len + 1))) {
      memcpy(w->source, src, w->source_len);
      w->source[w->source_len] = 0;
    } else {
      worker_release(w);
      return mrt_op_throw(c, "ENOMEM", "out of memory");
    }
  }
  w->parent = mrt_runtime_get_handle(rt);
  /* The parent's options; not the console capture (a callback of the parent's thread) nor
   * the import map (read at the parent's creation, not kept). */
  w->opts = rt->opts;
  w->opts.write = NULL;
  w->opts.write_data = NULL;
  w->opts.import_map = NULL;
  w->opts.import_map_url = NULL;
  set_limits(w, mrt_op_arg_number(c, 4), mrt_op_arg_number(c, 5), mrt_op_arg_number(c, 6));
  w->perms_spec = rt_perms_spec(rt->perms); /* a worker inherits the sandbox */
  w->opts.permissions = w->perms_spec;
  if (!w->url || !w->path || !w->name || !w->parent || (rt->perms && !w->perms_spec)) {
    worker_release(w);
    return mrt_op_throw(c, "ENOMEM", "out of memory");
  }
  int rid = mrt_resource_add(rt, &worker_kind, w);
  if (rid < 0) {
    worker_release(w);
    return mrt_op_throw(c, "ENOMEM", "out of memory");
  }
  w->rid = rid;
  atomic_fetch_add(&w->refs, 1); /* the thread's */
  pthread_attr_t attr;
  int err = pthread_attr_init(&attr);
  if (!err && w->stack_bytes) err = pthread_attr_setstacksize(&attr, w->stack_bytes);
  if (!err) err = pthread_create(&w->thread, &attr, worker_main, w);
  pthread_attr_destroy(&attr);
  if (err) {
    atomic_fetch_sub(&w->refs, 1);
    mrt_resource_close(rt, rid, &worker_kind);
    return mrt_op_throw(c, "ERR_WORKER_INIT_FAILED", strerror(err));
  }
  w->started = 1;
  if (mrt_ref(rt) == MRT_OK) w->loop_ref = 1;
  mrt_op_return_number(c, rid);
}

static wk_worker *worker_arg(mrt_op_call *c) {
  return mrt_resource_get(mrt_op_runtime(c), mrt_op_arg_number(c, 0), &worker_kind);
}

/* post(rid, bytes, shared, nports, ...ports, ...buffers): to the worker (dropped once it is
 * gone: its ports are closed). */
static void op_post(mrt_op_call *c) {
  wk_worker *w = worker_arg(c);
  if (!w) return;
  wk_msg *m = wk_take_message(c, 1);
  if (!m) return;
  if (atomic_load(&w->terminated)) return wk_msg_free(m);
  if (!inbox_push(&w->to_child, m)) return;
  /* The inbox was idle: a drain task, once the worker has run its main script (then
   * make_ready posts one). */
  int ready = atomic_load(&w->ready);
  if (!ready) {
    pthread_mutex_lock(&w->lock);
    ready = atomic_load(&w->ready);
    pthread_mutex_unlock(&w->lock);
  }
  if (ready) mrt_handle_post(atomic_load(&w->child), child_task, w);
}

/* terminate(rid): the worker stops as soon as it can; no event of it comes after. */
static void op_terminate(mrt_op_call *c) {
  wk_worker *w = worker_arg(c);
  if (!w) return;
  request_terminate(w);
  parent_unref(w, mrt_op_runtime(c));
  w->silenced = 1; /* events still queued are dropped; the resource stays till the exit */
}

/* ref(rid, on): whether the worker keeps the parent's loop alive. */
static void op_ref(mrt_op_call *c) {
  wk_worker *w = worker_arg(c);
  mrt_runtime *rt = mrt_op_runtime(c);
  if (!w || w->silenced) return;
  if (mrt_op_arg_boolean(c, 1)) {
    if (!w->loop_ref && mrt_ref(rt) == MRT_OK) w->loop_ref = 1;
  } else {
    parent_unref(w, rt);
  }
}

/* ---- inside a worker */

/* selfPost(0, bytes, shared, nports, ...ports, ...buffers): to the parent (the 0 makes its arguments post's). Buffered console output goes first, so what
 * the worker printed before posting comes before what the parent prints on receipt. */
static void op_self_post(mrt_op_call *c) {
  wk_state *s = ST(c);
  if (!s->self) return;
  wk_msg *m = wk_take_message(c, 1);
  if (!m) return;
  if (s->rt->out_len) mrt_flush(s->rt);
  post_to_parent(s->self, m);
}

/* selfRef(on): a worker listening for messages keeps its loop alive. */
static void op_self_ref(mrt_op_call *c) {
  wk_state *s = ST(c);
  int on = mrt_op_arg_boolean(c, 0);
  if (!s->self || on == s->self_ref) return;
  if (on ? mrt_ref(s->rt) : mrt_unref(s->rt)) return;
  s->self_ref = on;
}

/* selfClose(): the worker ends now (close() calls it from a microtask it queued, so the
 * current task ends first); messages still queued are dropped. */
static void op_self_close(mrt_op_call *c) {
  wk_state *s = ST(c);
  if (!s->self || atomic_exchange(&s->self->closing, 1)) return;
  mrt_terminate(s->rt);
}

/* base(): what a worker's relative URL resolves against: the main script or module
 * (a path or a URL), else the current directory (with a trailing slash). */
static void op_base(mrt_op_call *c) {
  mrt_runtime *rt = mrt_op_runtime(c);
  const char *entry = rt->entry_name;
  if (entry && (entry[0] == '/' || strstr(entry, "://"))) {
    return mrt_op_return_string(c, entry, strlen(entry));
  }
  char buf[4096];
  size_t n = sizeof buf - 1;
  if (uv_cwd(buf, &n) != 0) n = 0;
  if (n == 0 || buf[n - 1] != '/') buf[n++] = '/'; /* "/" stays "/", not "//" */
  mrt_op_return_string(c, buf, n);
}

static const mrt_op_decl binding_fns[] = {
    {.name = "base", .fn = op_base},
    {.name = "setDispatch", .fn = op_set_dispatch},
    {.name = "spawn", .fn = op_spawn},
    {.name = "post", .fn = op_post},
    {.name = "terminate", .fn = op_terminate},
    {.name = "ref", .fn = op_ref},
    {.name = "selfPost", .fn = op_self_post},
    {.name = "selfRef", .fn = op_self_ref},
    {.name = "selfClose", .fn = op_self_close},
};

/* workerBinding(): the functions above, made at the first use with mrt_function rather
 * than registered as ops: an op costs every start its share of the startup snapshot. */
static void op_worker_binding(mrt_op_call *c) {
  enum { N = sizeof binding_fns / sizeof binding_fns[0] };
  mrt_op_decl all[N + 16];
  size_t n = 0;
  for (size_t i = 0; i < N; i++) all[n++] = binding_fns[i];
  for (size_t i = 0; i < mp_binding_nfns; i++) all[n++] = mp_binding_fns[i];
  for (size_t i = 0; i < bc_binding_nfns; i++) all[n++] = bc_binding_fns[i];
  rt_op_return_functions(c, all, n);
}

int rt_worker_init(mrt_runtime *rt, void **state) {
  wk_state *s = calloc(1, sizeof *s);
  if (!s) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  s->rt = rt;
  *state = s;
  mrt_op_decl d = {.name = "workerBinding", .fn = op_worker_binding, .data = s};
  return rt_register_builtin(rt, &d);
}

void rt_worker_close(mrt_runtime *rt, void *state) {
  (void)rt;
  wk_state *s = state;
  if (!s) return;
  shim_release(s->dispatch); /* while the isolate lives */
  shim_release(s->port_dispatch);
  shim_release(s->bc_dispatch);
  s->dispatch = s->port_dispatch = s->bc_dispatch = NULL;
}

void rt_worker_free(mrt_runtime *rt, void *state) {
  (void)rt;
  wk_state *s = state;
  if (!s) return;
  free(s);
}
