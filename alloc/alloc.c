/* alloc.c: mimalloc-backed buffers with live/peak counters. */
#include "alloc.h"

#include <mimalloc.h>
#include <string.h>

void alloc_stats_init(alloc_stats *stats) {
  atomic_init(&stats->live_bytes, 0);
  atomic_init(&stats->live_count, 0);
  atomic_init(&stats->peak_bytes, 0);
  atomic_init(&stats->total_count, 0);
}

static void note_alloc(alloc_stats *stats, size_t size) {
  size_t live = atomic_fetch_add_explicit(&stats->live_bytes, size, memory_order_relaxed) + size;
  atomic_fetch_add_explicit(&stats->live_count, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&stats->total_count, 1, memory_order_relaxed);
  /* The peak is advisory; a lost race only under-reports by one concurrent allocation. */
  size_t peak = atomic_load_explicit(&stats->peak_bytes, memory_order_relaxed);
  while (live > peak &&
         !atomic_compare_exchange_weak_explicit(&stats->peak_bytes, &peak, live,
                                                memory_order_relaxed, memory_order_relaxed)) {
  }
}

void *alloc_buffer(alloc_stats *stats, size_t size, int zeroed) {
  /* V8 asks for 0-byte stores; mimalloc returns a unique pointer for them. */
  void *p = zeroed ? mi_zalloc(size) : mi_malloc(size);
  if (p) note_alloc(stats, size);
  return p;
}

void alloc_buffer_free(alloc_stats *stats, void *ptr, size_t size) {
  if (!ptr) return;
  mi_free(ptr);
  atomic_fetch_sub_explicit(&stats->live_bytes, size, memory_order_relaxed);
  atomic_fetch_sub_explicit(&stats->live_count, 1, memory_order_relaxed);
}

void *alloc_buffer_realloc(alloc_stats *stats, void *ptr, size_t old_size, size_t new_size) {
  void *p = mi_rezalloc(ptr, new_size);
  if (!p) return NULL;
  /* mi_rezalloc zeroes the tail only for blocks that came from mi_zalloc; be explicit. */
  if (new_size > old_size) memset((char *)p + old_size, 0, new_size - old_size);
  if (new_size >= old_size) {
    atomic_fetch_add_explicit(&stats->live_bytes, new_size - old_size, memory_order_relaxed);
  } else {
    atomic_fetch_sub_explicit(&stats->live_bytes, old_size - new_size, memory_order_relaxed);
  }
  return p;
}
