/*
 * alloc.h: memory for ArrayBuffer backing stores: mimalloc for small and medium sizes,
 * lazily-zeroed pages straight from the OS for large ones. Knows neither V8 nor libuv.
 *
 * Counters are per owner (one alloc_stats per runtime) and atomic: V8 may free backing
 * stores from its background threads.
 */
#ifndef MRT_ALLOC_H
#define MRT_ALLOC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
/* C++ callers (the V8 shim) only pass the counters through. */
typedef struct alloc_stats alloc_stats;
#else
#include <stdatomic.h>

typedef struct alloc_stats {
  atomic_size_t live_bytes;
  atomic_size_t live_count;
  atomic_size_t peak_bytes;
  atomic_size_t total_count; /* allocations ever made */
} alloc_stats;
#endif

/* Sizes from this up are mapped from the OS (lazily zeroed); smaller ones come from mimalloc.
 * Measured on alloc/touch/free loops (see alloc.c and bench/js/alloc_*.mjs). */
#ifndef ALLOC_OS_THRESHOLD
#define ALLOC_OS_THRESHOLD ((size_t)4 << 20)
#endif

void alloc_stats_init(alloc_stats *stats);
/* Counters of their own (zeroed), for an allocator that may outlive its runtime: backing
 * stores moved to another isolate (a worker) are freed, and counted, after it. NULL when out
 * of memory. */
alloc_stats *alloc_stats_new(void);
void alloc_stats_delete(alloc_stats *stats); /* NULL: nothing */

/* zeroed: the memory must read as zeros. NULL when out of memory. Sizes are the same on
 * alloc, free and realloc (they choose the source), and are what the counters count. */
void *alloc_buffer(alloc_stats *stats, size_t size, int zeroed);
void alloc_buffer_free(alloc_stats *stats, void *ptr, size_t size);
/* Resizes keeping the contents; the grown part is zeroed. NULL on failure (ptr kept). */
void *alloc_buffer_realloc(alloc_stats *stats, void *ptr, size_t old_size, size_t new_size);
/* Moves the whole pages of [src, src + n) to dst (both page-aligned, dst writable and n bytes
 * long) without copying: mremap with MREMAP_DONTUNMAP, so the source range stays mapped, now
 * reading zero, and its owner frees it as before. Returns the bytes moved, a multiple of the
 * page size (0 when not aligned or the kernel refuses); the caller copies the rest. */
size_t alloc_move_pages(void *dst, void *src, size_t n);

#ifdef __cplusplus
}
#endif
#endif /* MRT_ALLOC_H */
