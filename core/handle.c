/* handle.c: the runtime's handle, a refcounted token through which any thread reaches the
 * runtime (terminate, wake, post a task, complete an op) without racing mrt_runtime_free.
 *
 * The handle is its own allocation, refcounted: one reference for the runtime (dropped when
 * it is freed) and one per mrt_runtime_get_handle. The runtime pointer inside is used only
 * between `users` going up and down while `closed` is clear; mrt_runtime_free sets `closed`
 * and waits for `users` to drain (a Dekker pair, as mrt_op_complete_threadsafe's), so a call
 * either finishes on a live runtime or sees it closed and touches nothing but the handle.
 *
 * Tasks travel through the loop's lock-free ring as a loop_msg of kind MSG_TASK (the
 * function in len, its data in ptr): no lock and no allocation per post. Per-producer order
 * is the ring's. Tasks still queued at free are called with MRT_ESTATE by the message drop;
 * the handle counts them as posted minus run once the loop is gone. */
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "runtime_internal.h"

struct mrt_runtime_handle {
  atomic_uint refs;
  atomic_int closed; /* mrt_runtime_free began */
  atomic_int users;  /* calls between their check of `closed` and their end */
  mrt_runtime *rt;   /* valid while not closed, for users */
  uint64_t lost;     /* runtime's thread: queued tasks dropped there (in posts_dropped) */
  atomic_uint_least64_t posts, posts_run, posts_dropped, completions_dropped, signals_dropped;
};

_Static_assert(sizeof(mrt_task_fn) <= sizeof(size_t), "a task function fits loop_msg.len");

mrt_runtime_handle *mrt_runtime_get_handle(mrt_runtime *rt) {
  if (!rt) return NULL;
  if (rt_refuse_thread(rt, "mrt_runtime_get_handle")) return NULL;
  if (rt->freeing) { /* a cancel hook: a handle made now would outlive the close */
    rt_set_error(rt, MRT_ESTATE, "Error", "mrt_runtime_get_handle: the runtime is being freed");
    return NULL;
  }
  mrt_runtime_handle *h = rt->handle;
  if (!h) {
    h = calloc(1, sizeof *h);
    if (!h) {
      rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
      return NULL;
    }
    atomic_init(&h->refs, 1); /* the runtime's */
    h->rt = rt;
    rt->handle = h;
  }
  atomic_fetch_add_explicit(&h->refs, 1, memory_order_relaxed);
  rt_ok(rt);
  return h;
}

void mrt_handle_release(mrt_runtime_handle *h) {
  if (h && atomic_fetch_sub_explicit(&h->refs, 1, memory_order_acq_rel) == 1) free(h);
}

/* Enters a call on the runtime: its pointer, or NULL when it is closed (nothing entered). */
static mrt_runtime *enter(mrt_runtime_handle *h) {
  atomic_fetch_add(&h->users, 1);
  if (!atomic_load(&h->closed)) return h->rt;
  atomic_fetch_sub(&h->users, 1);
  return NULL;
}

static void leave(mrt_runtime_handle *h) {
  atomic_fetch_sub_explicit(&h->users, 1, memory_order_release);
}

int mrt_handle_terminate(mrt_runtime_handle *h) {
  if (!h) return MRT_EINVAL;
  mrt_runtime *rt = enter(h);
  if (!rt) {
    atomic_fetch_add_explicit(&h->signals_dropped, 1, memory_order_relaxed);
    return MRT_ESTATE;
  }
  mrt_terminate(rt);
  leave(h);
  return MRT_OK;
}

int mrt_handle_wake(mrt_runtime_handle *h) {
  if (!h) return MRT_EINVAL;
  mrt_runtime *rt = enter(h);
  if (!rt) {
    atomic_fetch_add_explicit(&h->signals_dropped, 1, memory_order_relaxed);
    return MRT_ESTATE;
  }
  loop_wake(rt->loop);
  leave(h);
  return MRT_OK;
}

int mrt_handle_post(mrt_runtime_handle *h, mrt_task_fn fn, void *data) {
  if (!h || !fn) return MRT_EINVAL;
  mrt_runtime *rt = enter(h);
  if (!rt) {
    atomic_fetch_add_explicit(&h->posts_dropped, 1, memory_order_relaxed);
    fn(NULL, data, MRT_ESTATE);
    return MRT_ESTATE;
  }
  loop_msg msg = {.kind = MSG_TASK, .ptr = data};
  memcpy(&msg.len, &fn, sizeof fn);
  /* Counted before it can run, so posts_run never passes posts. */
  atomic_fetch_add_explicit(&h->posts, 1, memory_order_relaxed);
  int rc = loop_post(rt->loop, &msg);
  if (rc != 0) atomic_fetch_sub_explicit(&h->posts, 1, memory_order_relaxed);
  leave(h);
  return rc == 0 ? MRT_OK : MRT_ENOMEM;
}

int mrt_handle_complete(mrt_runtime_handle *h, uint32_t id, const mrt_result *res) {
  if (!h || rt_result_check(res) != 0) return MRT_EINVAL;
  mrt_runtime *rt = enter(h);
  if (!rt) {
    atomic_fetch_add_explicit(&h->completions_dropped, 1, memory_order_relaxed);
    rt_result_release(res); /* the bytes were handed over: released, as the runtime would */
    return MRT_ESTATE;
  }
  int rc = mrt_op_complete_threadsafe(rt, id, res);
  leave(h);
  return rc;
}

int mrt_handle_get_stats(mrt_runtime_handle *h, mrt_handle_stats *out) {
  if (!h || !out) return MRT_EINVAL;
  memset(out, 0, sizeof *out);
  out->alive = !atomic_load(&h->closed);
  out->posts = atomic_load_explicit(&h->posts, memory_order_relaxed);
  out->posts_run = atomic_load_explicit(&h->posts_run, memory_order_relaxed);
  out->posts_dropped = atomic_load_explicit(&h->posts_dropped, memory_order_relaxed);
  out->completions_dropped = atomic_load_explicit(&h->completions_dropped, memory_order_relaxed);
  out->signals_dropped = atomic_load_explicit(&h->signals_dropped, memory_order_relaxed);
  return MRT_OK;
}

/* ---------------------------------------------------------------- the runtime's side */

size_t rt_handle_run_tasks(mrt_runtime *rt, loop_msg *msgs, size_t n) {
  size_t kept = 0, i = 0;
  for (; i < n; i++) {
    if (msgs[i].kind != MSG_TASK) {
      msgs[kept++] = msgs[i];
      continue;
    }
    /* An error is pending: the run ends, so do the tasks left; they wait (in order, ahead of
     * later posts: local messages are drained first) for the next poll or run. */
    if (rt_pending(rt) && loop_post_local(rt->loop, &msgs[i]) == 0) continue;
    mrt_task_fn fn;
    memcpy(&fn, &msgs[i].len, sizeof fn);
    if (rt_pending(rt)) { /* could not be kept (out of memory): dropped */
      fn(NULL, msgs[i].ptr, MRT_ESTATE);
      atomic_fetch_add_explicit(&rt->handle->posts_dropped, 1, memory_order_relaxed);
      rt->handle->lost++;
      continue;
    }
    atomic_fetch_add_explicit(&rt->handle->posts_run, 1, memory_order_relaxed);
    rt_scope_mark scope = rt_implicit_enter(rt); /* embedder code: a handle scope of its own */
    fn(rt, msgs[i].ptr, MRT_OK);
    rt_implicit_leave(rt, scope);
    rt_checkpoint(rt); /* a task is a macrotask: its microtasks run now */
  }
  return kept;
}

void rt_task_drop(loop_msg *msg) {
  mrt_task_fn fn;
  memcpy(&fn, &msg->len, sizeof fn);
  msg->len = 0;
  if (fn) fn(NULL, msg->ptr, MRT_ESTATE);
}

void rt_handle_close(mrt_runtime *rt) {
  mrt_runtime_handle *h = rt->handle;
  if (!h) return;
  atomic_store(&h->closed, 1);
  while (atomic_load(&h->users)) sched_yield(); /* calls that saw it open finish first */
}

void rt_handle_detach(mrt_runtime *rt) {
  mrt_runtime_handle *h = rt->handle;
  if (!h) return;
  /* The loop is gone: every task posted and not run was dropped with MRT_ESTATE. */
  uint64_t posts = atomic_load(&h->posts), ran = atomic_load(&h->posts_run);
  atomic_fetch_add(&h->posts_dropped, posts - ran - h->lost);
  rt->handle = NULL;
  mrt_handle_release(h);
}
