/* heap.c: heap limits, the near-heap-limit policy, termination and heap statistics.
 *
 * Default policy (no embedder callback): the first time V8 nears the limit, grant headroom
 * so the collector can finish, and terminate execution; the running call then fails with
 * MRT_EHEAPLIMIT ("heap limit exceeded"). The process never dies in a V8 fatal OOM. */
#include "runtime_internal.h"

/* Enough for V8 to unwind and collect after termination (measured: the 64 MB runaway test
 * completes with 1/8), small against the limit the user asked for. */
static size_t headroom(size_t current) {
  size_t eighth = current / 8;
  size_t floor = 4u * 1024 * 1024;
  return eighth > floor ? eighth : floor;
}

size_t rt_on_near_heap_limit(void *data, size_t current, size_t initial) {
  mrt_runtime *rt = data;
  if (rt->heap_cb) {
    size_t limit = rt->heap_cb(rt->heap_cb_data, current, initial);
    if (limit > current) return limit;
  }
  if (!rt->heap_limit_hit) {
    rt->heap_limit_hit = 1;
    shim_terminate(rt->iso);
  }
  return current + headroom(current);
}

int mrt_add_near_heap_limit_callback(mrt_runtime *rt, mrt_near_heap_limit_cb cb, void *data) {
  if (!cb) return rt_set_error(rt, MRT_EINVAL, NULL, "callback is NULL");
  if (rt->heap_cb) return rt_set_error(rt, MRT_EEXIST, NULL, "a near-heap-limit callback is set");
  rt->heap_cb = cb;
  rt->heap_cb_data = data;
  return MRT_OK;
}

int mrt_remove_near_heap_limit_callback(mrt_runtime *rt, mrt_near_heap_limit_cb cb,
                                        size_t heap_limit) {
  if (rt->heap_cb != cb) return rt_set_error(rt, MRT_ENOTFOUND, NULL, "callback not set");
  rt->heap_cb = NULL;
  rt->heap_cb_data = NULL;
  if (heap_limit) shim_set_heap_limit(rt->iso, heap_limit);
  return MRT_OK;
}

void mrt_terminate(mrt_runtime *rt) {
  /* JS that runs is stopped by V8; a loop waiting in the OS is woken through the ring. */
  atomic_store(&rt->terminate_requested, 1);
  shim_terminate(rt->iso);
  loop_msg msg = {.kind = MSG_TERMINATE};
  loop_post(rt->loop, &msg);
}

int mrt_get_heap_stats(mrt_runtime *rt, mrt_heap_stats *out) {
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
