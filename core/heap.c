/* heap.c: heap limits, the near-heap-limit policy, termination and heap statistics.
 *
 * Default policy (no embedder callback, or one that declines): every time V8 reaches the
 * limit, terminate execution and grant room; the running call then fails with
 * MRT_EHEAPLIMIT ("heap limit exceeded (N MB)"). When that call has returned, the limit is
 * put back and the next hit is handled the same way. The process never dies in V8's fatal
 * OOM handler.
 *
 * V8 asks without saying how much it needs, and aborts the process if the new limit still
 * does not fit: a large new object is admitted past the limit and counted only when a
 * collection promotes it, so the old generation can already be far above the limit it
 * reports. The grant is therefore measured from what the heap holds, with room on top for
 * what runs until the termination lands. */
#include "heap.h"
#include "runtime_internal.h"

static size_t room(size_t base) {
  size_t half = base / 2;
  size_t floor = 16u * 1024 * 1024;
  return half > floor ? half : floor;
}

static size_t grant(mrt_runtime *rt, size_t current) {
  size_t base = current;
  if (rt->iso) {
    shim_heap_stats hs;
    shim_heap_stats_get(rt->iso, &hs);
    if (hs.total > base) base = hs.total;
  }
  return base + room(base);
}

/* Marks a hit and requests termination: the running call fails with MRT_EHEAPLIMIT. */
static void hit(mrt_runtime *rt) {
  if (rt->heap_limit_hit) return;
  rt->heap_limit_hit = 1;
  if (rt->iso) shim_terminate(rt->iso); /* NULL while the isolate boots: nothing runs yet */
}

size_t rt_on_near_heap_limit(void *data, size_t current, size_t initial) {
  mrt_runtime *rt = data;
  if (rt->heap_cb) {
    rt_scope *scope = rt_scope_enter(rt, 1);
    size_t limit = rt->heap_cb(rt->heap_cb_data, current, initial);
    rt_scope_leave(rt, scope);
    if (limit > current) return limit;
  }
  if (!rt->heap_limit_raised) rt->heap_limit_restore = current;
  rt->heap_limit_raised = 1;
  hit(rt);
  return grant(rt, current);
}

int rt_on_heap_refuse(void *data, size_t bytes) {
  mrt_runtime *rt = data;
  (void)bytes;
  /* An embedder's callback decides about the heap inside V8; the string goes ahead. */
  if (rt->heap_cb) return 0;
  hit(rt);
  return 1;
}

int rt_heap_limit_hit(const mrt_runtime *rt) { return rt->heap_limit_hit; }

void rt_heap_limit_reported(mrt_runtime *rt) {
  rt->heap_limit_hit = 0;
  if (rt->heap_limit_raised) {
    /* V8 keeps the limit above what the heap holds: the garbage the ended call left goes
     * first, or the limit would stay raised. Live data that remains (globals) keeps it up
     * only as far as it must; the next hit raises it again. */
    rt->heap_limit_raised = 0;
    shim_collect_garbage(rt->iso);
    shim_set_heap_limit(rt->iso, rt->heap_limit_restore);
  }
}

int mrt_add_near_heap_limit_callback(mrt_runtime *rt, mrt_near_heap_limit_cb cb, void *data) {
  if (!rt) return MRT_EINVAL;
  if (!cb) return rt_set_error(rt, MRT_EINVAL, "TypeError", "callback is NULL");
  if (rt->heap_cb) return rt_set_error(rt, MRT_EEXIST, "Error", "a near-heap-limit callback is set");
  rt->heap_cb = cb;
  rt->heap_cb_data = data;
  rt_ok(rt);
  return MRT_OK;
}

int mrt_remove_near_heap_limit_callback(mrt_runtime *rt, mrt_near_heap_limit_cb cb,
                                        size_t heap_limit) {
  if (!rt) return MRT_EINVAL;
  if (!cb || rt->heap_cb != cb) return rt_set_error(rt, MRT_ENOTFOUND, "Error", "callback not set");
  rt->heap_cb = NULL;
  rt->heap_cb_data = NULL;
  if (heap_limit) shim_set_heap_limit(rt->iso, heap_limit);
  rt_ok(rt);
  return MRT_OK;
}

void mrt_terminate(mrt_runtime *rt) {
  if (!rt) return;
  /* From another thread while mrt_runtime_free runs: the same handshake as
   * mrt_op_complete_threadsafe, so the isolate and the loop are not touched as they go. */
  atomic_fetch_add(&rt->posting, 1);
  if (!atomic_load(&rt->dead)) {
    /* JS that runs is stopped by V8; a loop waiting in the OS is woken through the ring. */
    atomic_store(&rt->interrupt_requested, 0); /* until V8 has the request (below) */
    atomic_store(&rt->terminate_requested, 1);
    shim_terminate(rt->iso);
    rt_interrupt_signal(rt); /* a sync op blocked in the OS (a FIFO read) */
    loop_msg msg = {.kind = MSG_TERMINATE};
    loop_post(rt->loop, &msg);
  }
  atomic_fetch_sub(&rt->posting, 1);
}

int mrt_get_heap_stats(mrt_runtime *rt, mrt_heap_stats *out) {
  if (!rt) return MRT_EINVAL;
  if (!out) return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_get_heap_stats: NULL out");
  shim_heap_stats hs;
  shim_heap_stats_get(rt->iso, &hs);
  out->heap_used = hs.used;
  out->heap_total = hs.total;
  out->heap_limit = hs.limit;
  out->external_memory = hs.external;
  out->native_contexts = hs.native_contexts;
  out->array_buffer_bytes = atomic_load(&rt->array_buffers.live_bytes);
  out->array_buffer_count = atomic_load(&rt->array_buffers.live_count);
  out->array_buffer_peak = atomic_load(&rt->array_buffers.peak_bytes);
  return MRT_OK;
}
