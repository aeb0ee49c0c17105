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

typedef struct heap_state {
  int hit;     /* the default policy terminated: the running call fails with it */
  int raised;  /* the default policy granted room: restored after the call */
  size_t restore; /* the limit in bytes before that grant */
  size_t limit_mb;
  mrt_near_heap_limit_cb cb; /* the embedder's callback, or NULL */
  void *cb_data;
} heap_state;

_Static_assert(sizeof(heap_state) <= sizeof(rt_heap_state), "RT_HEAP_STATE_SIZE too small");
_Static_assert(_Alignof(heap_state) <= _Alignof(rt_heap_state), "rt_heap_state under-aligned");

static inline heap_state *HS(mrt_runtime *rt) { return (heap_state *)(void *)&rt->heap; }
static inline const heap_state *CHS(const mrt_runtime *rt) {
  return (const heap_state *)(const void *)&rt->heap;
}

void rt_heap_init(mrt_runtime *rt) {
  shim_heap_stats hs;
  shim_heap_stats_get(rt->iso, &hs);
  size_t mb = 1024 * 1024;
  HS(rt)->limit_mb = rt->opts.max_heap_mb ? rt->opts.max_heap_mb : hs.limit / mb;
}

size_t rt_heap_limit_mb(const mrt_runtime *rt) { return CHS(rt)->limit_mb; }

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
  heap_state *h = HS(rt);
  if (h->hit) return;
  h->hit = 1;
  if (rt->iso) shim_terminate(rt->iso); /* NULL while the isolate boots: nothing runs yet */
}

size_t rt_on_near_heap_limit(void *data, size_t current, size_t initial) {
  mrt_runtime *rt = data;
  heap_state *h = HS(rt);
  if (h->cb) {
    rt_scope_mark scope = rt_implicit_enter(rt);
    size_t limit = h->cb(h->cb_data, current, initial);
    rt_implicit_leave(rt, scope);
    if (limit > current) return limit;
  }
  if (!h->raised) h->restore = current;
  h->raised = 1;
  hit(rt);
  return grant(rt, current);
}

int rt_on_heap_refuse(void *data, size_t bytes) {
  mrt_runtime *rt = data;
  (void)bytes;
  /* An embedder's callback decides about the heap inside V8; the string goes ahead. */
  if (HS(rt)->cb) return 0;
  hit(rt);
  return 1;
}

int rt_heap_limit_hit(const mrt_runtime *rt) { return CHS(rt)->hit; }

void rt_heap_limit_reported(mrt_runtime *rt) {
  heap_state *h = HS(rt);
  h->hit = 0;
  if (h->raised) {
    /* V8 keeps the limit above what the heap holds: the garbage the ended call left goes
     * first, or the limit would stay raised. Live data that remains (globals) keeps it up
     * only as far as it must; the next hit raises it again. */
    h->raised = 0;
    shim_collect_garbage(rt->iso);
    shim_set_heap_limit(rt->iso, h->restore);
  }
}

int mrt_add_near_heap_limit_callback(mrt_runtime *rt, mrt_near_heap_limit_cb cb, void *data) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (!cb) return rt_set_error(rt, MRT_EINVAL, "TypeError", "callback is NULL");
  heap_state *h = HS(rt);
  if (h->cb) return rt_set_error(rt, MRT_EEXIST, "Error", "a near-heap-limit callback is set");
  h->cb = cb;
  h->cb_data = data;
  rt_ok(rt);
  return MRT_OK;
}

int mrt_remove_near_heap_limit_callback(mrt_runtime *rt, mrt_near_heap_limit_cb cb,
                                        size_t heap_limit) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  heap_state *h = HS(rt);
  if (!cb || h->cb != cb) return rt_set_error(rt, MRT_ENOTFOUND, "Error", "callback not set");
  h->cb = NULL;
  h->cb_data = NULL;
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

int mrt_cancel_terminate(mrt_runtime *rt) {
  if (!rt) return MRT_EINVAL;
  int rc = rt_refuse_thread(rt, "mrt_cancel_terminate");
  if (rc) return rc;
  if (rt_in_js(rt)) {
    return rt_set_error(rt, MRT_ESTATE, "Error",
                        "mrt_cancel_terminate: called from inside the runtime's JS or callbacks");
  }
  /* The wake-up still queued, if any, finds the request gone and is ignored. */
  atomic_store(&rt->terminate_requested, 0);
  atomic_store(&rt->interrupt_requested, 0);
  shim_cancel_terminate(rt->iso);
  rt_ok(rt);
  return MRT_OK;
}

int mrt_get_heap_stats(mrt_runtime *rt, mrt_heap_stats *out) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (!out) return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_get_heap_stats: NULL out");
  shim_heap_stats hs;
  shim_heap_stats_get(rt->iso, &hs);
  out->heap_used = hs.used;
  out->heap_total = hs.total;
  out->heap_limit = hs.limit;
  out->external_memory = hs.external;
  out->native_contexts = hs.native_contexts;
  out->array_buffer_bytes = atomic_load(&rt->array_buffers->live_bytes);
  out->array_buffer_count = atomic_load(&rt->array_buffers->live_count);
  out->array_buffer_peak = atomic_load(&rt->array_buffers->peak_bytes);
  return MRT_OK;
}
