/* ops.c: native operations. A registry of C functions callable from JS, the accessors they
 * use, and async completion: results are queued on the loop and delivered to JS in batches
 * (one call into JS settles every ready promise, then one microtask checkpoint). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ext/ext.h"
#include "runtime_internal.h"

struct mrt_op_call {
  shim_call *call;
  mrt_runtime *rt;
  op_entry *op; /* NULL: a C function made with mrt_function */
  void *data;   /* mrt_op_data */
  uint32_t async_id;
  int threw;
};

void rt_op_dispatch(void *data, uint32_t index, shim_call *call) {
  mrt_runtime *rt = data;
  op_entry *op = &rt->ops[index];
  struct mrt_op_call c = {call, rt, op, op->decl.data, 0, 0};
  op->stats.calls++;
  /* Ops run in a handle scope of their own (made only if they make a handle). */
  rt_scope_mark scope = rt_implicit_enter(rt);
  if (!op->decl.async) {
    op->decl.fn(&c);
    rt_implicit_leave(rt, scope);
    return;
  }
  c.async_id = (uint32_t)shim_call_arg_number(call, 0);
  shim_call_shift(call, 1);
  /* In flight from before its C function runs (which may complete it at once) until its
   * result is delivered; it keeps the loop alive meanwhile (the loop can't see work on
   * other threads). */
  if (rt_async_started(rt, c.async_id, index, !op->builtin) != 0) {
    rt_implicit_leave(rt, scope);
    shim_call_throw(call, NULL, "ENOMEM", "out of memory");
    return;
  }
  op->decl.fn(&c);
  rt_implicit_leave(rt, scope);
  /* One that threw (itself, or converting an argument) will never complete: JS rejects its
   * promise; a result it posted before throwing is refused at delivery. */
  if (c.threw || shim_call_threw(call)) rt_async_finish(rt, c.async_id, NULL);
}

void rt_call_c_function(mrt_runtime *rt, shim_call *call, mrt_op_fn fn, void *data) {
  struct mrt_op_call c = {call, rt, NULL, data, 0, 0};
  rt_scope_mark scope = rt_implicit_enter(rt);
  fn(&c);
  rt_implicit_leave(rt, scope);
}

int rt_ops_init(mrt_runtime *rt) {
  rt->private_ops = shim_object(rt->iso);
  rt->public_ops = shim_object(rt->iso);
  return rt->private_ops && rt->public_ops ? MRT_OK : MRT_ENOMEM;
}

void rt_ops_free(mrt_runtime *rt) {
  for (size_t i = 0; i < rt->nops; i++) free(rt->ops[i].name);
  free(rt->ops);
  free(rt->settle_buf);
  shim_release(rt->private_ops);
  shim_release(rt->public_ops);
}

static int install(mrt_runtime *rt, const shim_global *target, const mrt_op_decl *decl) {
  int builtin = target == rt->private_ops;
  if (!decl || !decl->name || !decl->fn) {
    return rt_set_error(rt, MRT_EINVAL, "TypeError", "op declaration needs a name and a function");
  }
  if (decl->fast_argc < 0 || decl->fast_argc > MRT_OP_MAX_ARGS) {
    return rt_set_error(rt, MRT_EINVAL, "RangeError", "op '%s': fast_argc %d is not in 0..%d",
                        decl->name, decl->fast_argc, MRT_OP_MAX_ARGS);
  }
  if (target == rt->public_ops && (rt->opts.flags & MRT_RUNTIME_BARE)) {
    return rt_set_error(rt, MRT_ESTATE, "Error",
                        "op '%s': a bare runtime (MRT_RUNTIME_BARE) has no mrt.ops to expose it",
                        decl->name);
  }
  /* The embedder's names must be unique (the built-in ones are, and checking them would
   * cost start-up time). */
  for (size_t i = 0; !builtin && i < rt->nops; i++) {
    if (!rt->ops[i].builtin && strcmp(rt->ops[i].name, decl->name) == 0) {
      return rt_set_error(rt, MRT_EEXIST, "Error", "an op named '%s' is already registered",
                          decl->name);
    }
  }
  if (rt->nops == rt->cap_ops) {
    size_t cap = rt->cap_ops ? rt->cap_ops * 2 : 64;
    op_entry *ops = realloc(rt->ops, cap * sizeof *ops);
    if (!ops) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
    rt->ops = ops;
    rt->cap_ops = cap;
  }
  op_entry *op = &rt->ops[rt->nops];
  memset(op, 0, sizeof *op);
  op->decl = *decl;
  op->name = strdup(decl->name);
  if (!op->name) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  op->decl.name = op->name;
  op->builtin = builtin;
  uint32_t index = (uint32_t)rt->nops++;
  /* From the snapshot the JS functions exist and carry their index (the registration order
   * is the same): only the table entry is needed. */
  if (rt->restoring) return MRT_OK;

  /* Fast API paths: a built-in op's is an external reference of the startup snapshot
   * (rt_builtins_register_fast), an extension op's of an embedder's snapshot when it can be
   * (rt_exts_fast_sigs); mrt_register_op's ops get none while a snapshot is made. */
  shim_fast_sig sig, *fast = NULL;
  if (decl->fast && !decl->async &&
      (builtin || !rt->making_snapshot ||
       (target != rt->public_ops && rt_ext_fast_in_snapshot(decl)))) {
    sig.fn = decl->fast;
    sig.ret = (shim_ctype)decl->fast_ret;
    sig.argc = decl->fast_argc;
    for (int i = 0; i < decl->fast_argc; i++) sig.args[i] = (shim_ctype)decl->fast_args[i];
    fast = &sig;
  }
  if (!decl->async) {
    if (shim_install_native(rt->iso, target, decl->name, index, fast) != 0) {
      return rt_set_error(rt, MRT_EINVAL, NULL, "cannot install op '%s'", decl->name);
    }
    return MRT_OK;
  }
  /* Async: the native takes the promise id first; P.asyncOp wraps it into a function that
   * returns the promise. */
  shim_exception exc = {0};
  shim_global *holder = shim_object(rt->iso), *raw = NULL, *wrapped = NULL;
  int rc = MRT_OK;
  if (shim_install_native(rt->iso, holder, decl->name, index, NULL) != 0 ||
      shim_get(rt->iso, holder, decl->name, &raw, &exc) != 0 ||
      shim_call_function(rt->iso, rt->js_async_op, NULL, 1, &raw, &wrapped, &exc) != 0 ||
      shim_set(rt->iso, target, decl->name, wrapped, &exc) != 0) {
    rc = exc.message ? rt_set_error_from_exception(rt, &exc)
                     : rt_set_error(rt, MRT_EINVAL, NULL, "cannot install op '%s'", decl->name);
  }
  shim_exception_clear(&exc);
  shim_release(holder);
  shim_release(raw);
  shim_release(wrapped);
  return rc;
}

int rt_register_builtin(mrt_runtime *rt, const mrt_op_decl *decl) {
  return install(rt, rt->private_ops, decl);
}

int rt_register_ext_op(mrt_runtime *rt, const shim_global *target, const mrt_op_decl *decl) {
  return install(rt, target, decl);
}

int mrt_register_op(mrt_runtime *rt, const mrt_op_decl *decl) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  int rc = install(rt, rt->public_ops, decl);
  if (rc == MRT_OK) rt_ok(rt);
  return rc;
}

/* P.ops.opStats(name) -> [calls, completions, errors], or undefined for an unknown op. */
void rt_op_stats_js(mrt_op_call *c) {
  mrt_op_stats st;
  const char *name = mrt_op_arg_string(c, 0, NULL);
  if (!name || mrt_op_get_stats(c->rt, name, &st) != MRT_OK) return;
  char buf[96];
  int n = snprintf(buf, sizeof buf, "%llu %llu %llu", (unsigned long long)st.calls,
                   (unsigned long long)st.completions, (unsigned long long)st.errors);
  mrt_op_return_string(c, buf, (size_t)n);
}

int mrt_op_get_stats(mrt_runtime *rt, const char *name, mrt_op_stats *out) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (!name || !out) return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_op_get_stats: NULL argument");
  /* Newest first: the embedder's op wins over a built-in one of the same name. */
  for (size_t i = rt->nops; i-- > 0;) {
    if (strcmp(rt->ops[i].name, name) == 0) {
      *out = rt->ops[i].stats; /* a getter of statistics: an earlier error stays (mrt.h) */
      return MRT_OK;
    }
  }
  return rt_set_error(rt, MRT_ENOTFOUND, NULL, "no op named '%s'", name);
}

/* ---------------------------------------------------------------- accessors */

/* Accessors take NULL for the call (a no-op, or the neutral value); an argument index out
 * of range reads as undefined. */
mrt_runtime *mrt_op_runtime(mrt_op_call *c) { return c ? c->rt : NULL; }
void *mrt_op_data(mrt_op_call *c) { return c ? c->data : NULL; }
int mrt_op_argc(mrt_op_call *c) { return c ? shim_call_argc(c->call) : 0; }
uint32_t mrt_op_async_id(mrt_op_call *c) { return c ? c->async_id : 0; }

/* A negative index would reach below the arguments (an async op's promise id). */
#define ARG_OK(c, i) ((c) && (i) >= 0)

mrt_type mrt_op_arg_type(mrt_op_call *c, int i) {
  static const mrt_type map[] = {
      MRT_TYPE_UNDEFINED, MRT_TYPE_NULL,     MRT_TYPE_BOOLEAN,     MRT_TYPE_NUMBER,
      MRT_TYPE_BIGINT,    MRT_TYPE_STRING,   MRT_TYPE_SYMBOL,      MRT_TYPE_FUNCTION,
      MRT_TYPE_ARRAY,     MRT_TYPE_PROMISE,  MRT_TYPE_ERROR,       MRT_TYPE_ARRAYBUFFER,
      MRT_TYPE_TYPEDARRAY, MRT_TYPE_OBJECT};
  return ARG_OK(c, i) ? map[shim_call_arg_type(c->call, i)] : MRT_TYPE_UNDEFINED;
}

double mrt_op_arg_number(mrt_op_call *c, int i) {
  return ARG_OK(c, i) ? shim_call_arg_number(c->call, i) : NAN;
}
int mrt_op_arg_boolean(mrt_op_call *c, int i) {
  return ARG_OK(c, i) ? shim_call_arg_boolean(c->call, i) : 0;
}

const char *mrt_op_arg_string(mrt_op_call *c, int i, size_t *len) {
  if (!ARG_OK(c, i)) return NULL;
  return shim_call_arg_string(c->call, i, len);
}

int mrt_op_arg_buffer(mrt_op_call *c, int i, void **data, size_t *len) {
  if (!ARG_OK(c, i) || !data || !len) return MRT_EINVAL;
  return shim_call_arg_buffer(c->call, i, data, len) == 0 ? MRT_OK : MRT_EINVAL;
}

mrt_value *mrt_op_arg_value(mrt_op_call *c, int i) {
  return ARG_OK(c, i) ? rt_wrap(c->rt, shim_call_arg(c->call, i)) : NULL;
}

void mrt_op_return_number(mrt_op_call *c, double d) {
  if (c) shim_call_return_number(c->call, d);
}
void mrt_op_return_boolean(mrt_op_call *c, int b) {
  if (c) shim_call_return_boolean(c->call, b);
}
void mrt_op_return_string(mrt_op_call *c, const char *s, size_t n) {
  if (c && (s || n == 0)) shim_call_return_string(c->call, s ? s : "", n);
}
/* A handle of another runtime is refused (the op returns undefined). */
void mrt_op_return_value(mrt_op_call *c, const mrt_value *v) {
  if (!c) return;
  if (v && !rt_owns(c->rt, v)) v = NULL;
  shim_call_return_value(c->call, v ? v->g : NULL);
}

/* The call fails: counted in its op's errors (a C function made with mrt_function has no
 * op). */
static void mark_threw(mrt_op_call *c) {
  if (c->op) c->op->stats.errors++;
  c->threw = 1;
}

void mrt_op_throw(mrt_op_call *c, const char *code, const char *message) {
  if (!c) return;
  mark_threw(c);
  shim_call_throw(c->call, NULL, code, message ? message : "op failed");
}

/* Internal: the shim call behind an op call, for built-in ops that need more. */
shim_call *rt_op_shim_call(mrt_op_call *c) { return c->call; }

shim_global *rt_op_function_arg(mrt_op_call *c, int i) {
  if (mrt_op_arg_type(c, i) != MRT_TYPE_FUNCTION) return NULL;
  mrt_value *v = mrt_op_arg_value(c, i);
  if (!v) return NULL;
  /* The argument's handle lives as long as the call: a handle of our own is kept. */
  shim_global *g = shim_dup(mrt_op_runtime(c)->iso, v->g);
  mrt_value_free(mrt_op_runtime(c), v);
  return g;
}

void rt_op_return_functions(mrt_op_call *c, const mrt_op_decl *fns, size_t n) {
  mrt_runtime *rt = mrt_op_runtime(c);
  mrt_value *obj = mrt_object(rt);
  int failed = obj == NULL;
  for (size_t i = 0; i < n && !failed; i++) {
    mrt_value *f = mrt_function(rt, fns[i].name, fns[i].fn, mrt_op_data(c));
    if (!f || mrt_set(rt, obj, fns[i].name, f) != MRT_OK) failed = 1;
    mrt_value_free(rt, f);
  }
  if (failed) rt_op_error(c, "Error", "ENOMEM", "out of memory");
  else mrt_op_return_value(c, obj);
  mrt_value_free(rt, obj);
}

/* ---------------------------------------------------------------- completion */

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static const int settle_kind[] = {SHIM_SETTLE_UNDEFINED, SHIM_SETTLE_NUMBER, SHIM_SETTLE_BOOLEAN,
                                  SHIM_SETTLE_STRING,    SHIM_SETTLE_BUFFER, SHIM_SETTLE_ERROR};

/* An ERROR result's code and message when not given: from uv_errno, the message in Node's
 * shape ("ENOENT: no such file or directory, open 'x'"). The message is malloc'd. */
static const char *error_code(const mrt_result *res) {
  return res->code ? res->code : res->uv_errno ? uv_err_name(res->uv_errno) : NULL;
}

static char *error_message(const mrt_result *res) {
  if (res->message) return strdup(res->message);
  const char *code = error_code(res);
  const char *desc = res->uv_errno ? uv_strerror(res->uv_errno) : "operation failed";
  size_t n = strlen(desc) + (code ? strlen(code) : 0) + (res->syscall ? strlen(res->syscall) : 0) +
             (res->path ? strlen(res->path) : 0) + 16;
  char *m = malloc(n);
  if (!m) return NULL;
  if (code && res->syscall && res->path)
    snprintf(m, n, "%s: %s, %s '%s'", code, desc, res->syscall, res->path);
  else if (code && res->syscall)
    snprintf(m, n, "%s: %s, %s", code, desc, res->syscall);
  else if (code)
    snprintf(m, n, "%s: %s", code, desc);
  else
    snprintf(m, n, "%s", desc);
  return m;
}

/* The settlement record of a result, from the op to the shim: numbers travel inline in the
 * message, the rest in a shim_settlement that owns its strings and bytes (released by
 * rt_drop_message unless the shim adopted the bytes). */
static int make_message(const mrt_result *res, uint32_t id, loop_msg *msg) {
  memset(msg, 0, sizeof *msg);
  msg->id = id;
  msg->kind = (int32_t)res->kind;
  msg->number = res->number;
  if (res->kind == MRT_RESULT_UNDEFINED || res->kind == MRT_RESULT_NUMBER ||
      res->kind == MRT_RESULT_BOOLEAN) {
    return 0;
  }
  shim_settlement *p = calloc(1, sizeof *p);
  if (!p) return -1;
  p->id = id;
  p->kind = settle_kind[res->kind];
  msg->ptr = p;
  if (res->kind == MRT_RESULT_ERROR) {
    p->code = dup_or_null(error_code(res));
    p->syscall = dup_or_null(res->syscall);
    p->path = dup_or_null(res->path);
    p->name = dup_or_null(res->name);
    p->message = error_message(res);
    return p->message ? 0 : -1;
  }
  if (res->free_bytes) {
    p->bytes = res->bytes;
    p->len = res->len;
    p->free_bytes = res->free_bytes;
    return 0;
  }
  void *copy = malloc(res->len ? res->len : 1);
  if (!copy) return -1;
  if (res->len) memcpy(copy, res->bytes, res->len);
  p->bytes = copy;
  p->len = res->len;
  p->free_bytes = free;
  return 0;
}

static int has_bytes(const mrt_result *res) {
  return res->kind == MRT_RESULT_STRING || res->kind == MRT_RESULT_BUFFER;
}

int rt_result_check(const mrt_result *res) {
  if (!res || (unsigned)res->kind > MRT_RESULT_ERROR) return -1;
  if (has_bytes(res) && !res->bytes && res->len) return -1;
  return 0;
}

void rt_result_release(const mrt_result *res) {
  if (res && has_bytes(res) && res->bytes && res->free_bytes) res->free_bytes(res->bytes);
}

int mrt_op_complete(mrt_runtime *rt, uint32_t id, const mrt_result *res) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  loop_msg msg;
  if (!rt) return MRT_EINVAL;
  /* A result refused below still hands its bytes over (mrt_result): released, as
   * mrt_op_complete_threadsafe's are when its message is dropped. */
  switch (atomic_load_explicit(&rt->dead, memory_order_relaxed)) {
    case 1: rt_result_release(res); return rt_async_complete_closing(rt, id);
    case 2: rt_result_release(res); return rt_async_complete_dead(rt, id);
  }
  if (rt_result_check(res) != 0) {
    return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_op_complete: invalid result");
  }
  if (rt_async_mark_completed(rt, id) != 0) {
    rt_result_release(res);
    rt->rejected_completions++;
    return rt_set_error(rt, MRT_EINVAL, "Error",
                        "mrt_op_complete: no async op %u in flight (never started, or "
                        "completed already)", id);
  }
  if (make_message(res, id, &msg) != 0 || loop_post_local(rt->loop, &msg) != 0) {
    rt_drop_message(&msg);
    rt_async_unmark_completed(rt, id); /* nothing was posted: it may be completed again */
    return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  }
  rt_ok(rt);
  return MRT_OK;
}

int mrt_op_complete_threadsafe(mrt_runtime *rt, uint32_t id, const mrt_result *res) {
  loop_msg msg;
  if (!rt || rt_result_check(res) != 0) return MRT_EINVAL;
  if (make_message(res, id, &msg) != 0) return MRT_ENOMEM;
  /* Dekker with mrt_runtime_free (rt_async_close_begin): either it sees this post in
   * `posting` and waits for it, or this sees `dead` and the loop is not touched. */
  atomic_fetch_add(&rt->posting, 1);
  if (!atomic_load(&rt->dead)) {
    int rc = loop_post(rt->loop, &msg);
    atomic_fetch_sub(&rt->posting, 1);
    if (rc != 0) rt_drop_message(&msg);
    return rc == 0 ? MRT_OK : MRT_ENOMEM;
  }
  atomic_fetch_sub(&rt->posting, 1);
  rt_drop_message(&msg);
  return rt_async_complete_dead(rt, id);
}

/* ---------------------------------------------------------------- buffer holds */

struct mrt_buffer_hold {
  shim_buffer_hold *h; /* NULL once its runtime let go of it */
  mrt_runtime *rt;
  struct mrt_buffer_hold *prev, *next;
};

mrt_buffer_hold *mrt_op_arg_buffer_hold(mrt_op_call *c, int i, void **data, size_t *len) {
  if (!ARG_OK(c, i) || !data || !len) return NULL;
  mrt_buffer_hold *b = malloc(sizeof *b);
  if (!b) return NULL;
  b->h = shim_call_arg_buffer_hold(c->call, i, data, len);
  if (!b->h) {
    free(b);
    return NULL;
  }
  b->rt = c->rt;
  b->prev = NULL;
  b->next = c->rt->holds;
  if (b->next) b->next->prev = b;
  c->rt->holds = b;
  return b;
}

int mrt_buffer_release(mrt_buffer_hold *b) {
  if (!b) return MRT_EINVAL;
  if (b->rt) {
    RT_OWNER_ONLY(b->rt, MRT_ESTATE);
    if (b->prev) b->prev->next = b->next;
    else b->rt->holds = b->next;
    if (b->next) b->next->prev = b->prev;
    shim_buffer_release(b->h);
  }
  free(b);
  return MRT_OK;
}

void rt_release_buffer_holds(mrt_runtime *rt) {
  for (mrt_buffer_hold *b = rt->holds, *next; b; b = next) {
    next = b->next;
    shim_buffer_release(b->h);
    b->h = NULL;
    b->rt = NULL;
    b->prev = b->next = NULL;
  }
  rt->holds = NULL;
}

int mrt_op_is_async(mrt_op_call *c) { return c && c->op && c->op->decl.async; }

int mrt_op_return_result(mrt_op_call *c, const mrt_result *res) {
  if (!c) return MRT_EINVAL;
  if (rt_result_check(res) != 0) {
    rt_result_release(res); /* bytes handed over are the runtime's in every case */
    mark_threw(c);
    shim_call_throw(c->call, "TypeError", "ERR_INVALID_ARG_VALUE",
                    "mrt_op_return_result: invalid result");
    return MRT_EINVAL;
  }
  if (mrt_op_is_async(c)) return mrt_op_complete(c->rt, c->async_id, res);
  shim_settlement s = {.kind = settle_kind[res->kind], .number = res->number};
  char *msg = NULL;
  if (res->kind == MRT_RESULT_ERROR) {
    mark_threw(c);
    msg = error_message(res);
    s.code = error_code(res);
    s.syscall = res->syscall;
    s.path = res->path;
    s.name = res->name;
    s.message = msg ? msg : "out of memory";
  } else if (res->kind == MRT_RESULT_STRING || res->kind == MRT_RESULT_BUFFER) {
    s.bytes = res->bytes ? res->bytes : "";
    s.len = res->len;
    /* A string is copied by V8: the bytes are released here; a buffer's are adopted. */
    if (res->kind == MRT_RESULT_BUFFER) s.free_bytes = res->free_bytes;
  }
  shim_call_return_settlement(c->call, &s);
  if (res->kind == MRT_RESULT_STRING && res->free_bytes && res->bytes) res->free_bytes(res->bytes);
  free(msg);
  return MRT_OK;
}

void rt_drop_message(loop_msg *msg) {
  if (msg->kind == MSG_TASK) {
    rt_task_drop(msg);
    return;
  }
  shim_settlement *p = msg->ptr;
  if (!p) return;
  if (p->free_bytes) p->free_bytes((void *)p->bytes);
  free((void *)p->code);
  free((void *)p->syscall);
  free((void *)p->path);
  free((void *)p->message);
  free((void *)p->name);
  free(p);
  msg->ptr = NULL;
}

/* mrt_terminate's wake-up: ends the run unless the termination was already reported. */
static size_t take_terminate(mrt_runtime *rt, loop_msg *msgs, size_t n) {
  size_t kept = 0;
  for (size_t i = 0; i < n; i++) {
    if (msgs[i].kind != MSG_TERMINATE) {
      msgs[kept++] = msgs[i];
    } else if (atomic_exchange(&rt->terminate_requested, 0)) {
      shim_exception exc = {.terminated = 1};
      rt_raise(rt, &exc);
    }
  }
  return kept;
}

/* Keeps the results of calls in flight (each ends its call: the loop ref goes, the op's
 * counts grow); drops the rest (no such call, or its result came already) and counts them. */
static size_t take_results(mrt_runtime *rt, loop_msg *msgs, size_t n) {
  size_t kept = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t index;
    if (rt_async_finish(rt, msgs[i].id, &index) != 0) {
      rt->rejected_completions++;
      rt_drop_message(&msgs[i]);
      continue;
    }
    op_entry *op = &rt->ops[index];
    op->stats.completions++;
    if (msgs[i].kind == MRT_RESULT_ERROR) op->stats.errors++;
    msgs[kept++] = msgs[i];
  }
  return kept;
}

void rt_deliver_messages(void *data, loop_msg *msgs, size_t n) {
  mrt_runtime *rt = data;
  n = take_terminate(rt, msgs, n);
  if (rt->handle) n = rt_handle_run_tasks(rt, msgs, n); /* tasks come only through one */
  n = take_results(rt, msgs, n);
  if (n == 0) return;
  if (rt_pending(rt)) {
    for (size_t i = 0; i < n; i++) rt_drop_message(&msgs[i]);
    return;
  }
  if (n > rt->settle_cap) {
    size_t cap = rt->settle_cap ? rt->settle_cap : 64;
    while (cap < n) cap *= 2;
    shim_settlement *buf = realloc(rt->settle_buf, cap * sizeof *buf);
    if (!buf) {
      for (size_t i = 0; i < n; i++) rt_drop_message(&msgs[i]);
      return;
    }
    rt->settle_buf = buf;
    rt->settle_cap = cap;
  }
  for (size_t i = 0; i < n; i++) {
    shim_settlement *s = &rt->settle_buf[i], *p = msgs[i].ptr;
    if (!p) { /* a number, boolean or undefined: inline */
      memset(s, 0, sizeof *s);
      s->id = msgs[i].id;
      s->number = msgs[i].number;
      s->kind = settle_kind[msgs[i].kind];
      continue;
    }
    *s = *p;
    /* A buffer the op handed over becomes the backing store as is (no copy): the shim owns
     * it now. Other bytes (a string's) are released with the message. */
    if (s->kind == SHIM_SETTLE_BUFFER) p->free_bytes = NULL;
    else s->free_bytes = NULL;
  }
  shim_exception exc = {0};
  int rc = shim_settle_batch(rt->iso, rt->js_settle, rt->settle_buf, n, &exc);
  for (size_t i = 0; i < n; i++) rt_drop_message(&msgs[i]);
  if (rc != 0) {
    rt_raise(rt, &exc);
    return;
  }
  rt_check_rejections(rt); /* the batch's checkpoint ran in shim_settle_batch */
}
