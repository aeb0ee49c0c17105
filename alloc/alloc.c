/*
 * alloc.c: ArrayBuffer memory with live/peak counters.
 *
 * Two sources, chosen by size alone (so a free or resize, which V8 calls with the size, knows
 * where the block came from):
 * - below ALLOC_OS_THRESHOLD, mimalloc. V8 frees backing stores only in batches after a GC
 *   (32 MiB of young buffers per scavenge), so a reused block is cold by the time it comes
 *   back; zeroing it with non-temporal stores skips the read-for-ownership of every line and
 *   is about twice as fast as memset for blocks from 32 KiB up.
 * - from ALLOC_OS_THRESHOLD up, anonymous mappings: the kernel zeroes pages lazily on first
 *   touch, so a 1 GiB buffer costs what is used of it, and free gives the memory back at once
 *   (mimalloc's own path for such sizes faults in and memsets every page). Transparent huge
 *   pages are requested: on a first touch one fault then zeroes 2 MiB instead of 4 KiB.
 */
#define _GNU_SOURCE
#include "alloc.h"

#include <mimalloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__x86_64__)
#include <emmintrin.h>
#endif

/* Below this, a reused block is likely still in cache and memset is faster (measured). */
#ifndef NONTEMPORAL_MIN
#define NONTEMPORAL_MIN ((size_t)32 << 10)
#endif
#define HUGE_PAGE_SIZE ((size_t)2 << 20)

void alloc_stats_init(alloc_stats *stats) {
  atomic_init(&stats->live_bytes, 0);
  atomic_init(&stats->live_count, 0);
  atomic_init(&stats->peak_bytes, 0);
  atomic_init(&stats->total_count, 0);
}

alloc_stats *alloc_stats_new(void) {
  alloc_stats *stats = malloc(sizeof *stats);
  if (stats) alloc_stats_init(stats);
  return stats;
}

void alloc_stats_delete(alloc_stats *stats) { free(stats); }

static void note_peak(alloc_stats *stats, size_t live) {
  /* The peak is advisory; a lost race only under-reports by one concurrent allocation. */
  size_t peak = atomic_load_explicit(&stats->peak_bytes, memory_order_relaxed);
  while (live > peak &&
         !atomic_compare_exchange_weak_explicit(&stats->peak_bytes, &peak, live,
                                                memory_order_relaxed, memory_order_relaxed)) {
  }
}

static void note_alloc(alloc_stats *stats, size_t size) {
  size_t live = atomic_fetch_add_explicit(&stats->live_bytes, size, memory_order_relaxed) + size;
  atomic_fetch_add_explicit(&stats->live_count, 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&stats->total_count, 1, memory_order_relaxed);
  note_peak(stats, live);
}

static void note_resize(alloc_stats *stats, size_t old_size, size_t new_size) {
  if (new_size >= old_size) {
    size_t grow = new_size - old_size;
    note_peak(stats, atomic_fetch_add_explicit(&stats->live_bytes, grow, memory_order_relaxed) + grow);
  } else {
    atomic_fetch_sub_explicit(&stats->live_bytes, old_size - new_size, memory_order_relaxed);
  }
}

/* Zeroes memory that is most likely not in cache (see the top of the file). */
static void zero_cold(void *ptr, size_t size) {
#if defined(__x86_64__)
  if (size >= NONTEMPORAL_MIN) {
    char *p = ptr, *end = p + size;
    char *a = (char *)(((uintptr_t)p + 63) & ~(uintptr_t)63);
    char *b = (char *)((uintptr_t)end & ~(uintptr_t)63);
    memset(p, 0, (size_t)(a - p));
    __m128i z = _mm_setzero_si128();
    for (char *q = a; q < b; q += 64) {
      _mm_stream_si128((__m128i *)q, z);
      _mm_stream_si128((__m128i *)(q + 16), z);
      _mm_stream_si128((__m128i *)(q + 32), z);
      _mm_stream_si128((__m128i *)(q + 48), z);
    }
    _mm_sfence(); /* order the streaming stores before the buffer is handed out */
    memset(b, 0, (size_t)(end - b));
    return;
  }
#endif
  memset(ptr, 0, size);
}

static size_t page_size(void) { return (size_t)getpagesize(); /* a libc variable read */ }

static size_t page_round(size_t size) {
  size_t page = page_size();
  return (size + page - 1) & ~(page - 1);
}

static int from_os(size_t size) { return size >= ALLOC_OS_THRESHOLD; }

static void advise_huge(void *ptr, size_t mapped) {
#ifdef MADV_HUGEPAGE
  if (mapped >= HUGE_PAGE_SIZE) (void)madvise(ptr, mapped, MADV_HUGEPAGE);
#else
  (void)ptr;
  (void)mapped;
#endif
}

static void *os_map(size_t size) {
  if (size > SIZE_MAX - page_size()) return NULL;
  size_t mapped = page_round(size);
  void *p = mmap(NULL, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return NULL;
  advise_huge(p, mapped);
  return p;
}

static void os_unmap(void *ptr, size_t size) { munmap(ptr, page_round(size)); }

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4 /* Linux 5.7 */
#endif

size_t alloc_move_pages(void *dst, void *src, size_t n) {
  size_t page = page_size();
  if (((uintptr_t)dst | (uintptr_t)src) & (page - 1)) return 0;
  size_t len = n & ~(page - 1);
  if (len == 0) return 0;
  void *p = mremap(src, len, len, MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP, dst);
  return p == dst ? len : 0;
}

/* Both sizes from the OS. Bytes past old_size are zeroed: pages added by mremap are fresh,
 * only the rest of old_size's last page may hold data from before a shrink. */
static void *os_remap(void *ptr, size_t old_size, size_t new_size) {
  if (new_size > SIZE_MAX - page_size()) return NULL;
  size_t old_mapped = page_round(old_size), new_mapped = page_round(new_size);
  void *p = ptr;
  if (new_mapped != old_mapped) {
    p = mremap(ptr, old_mapped, new_mapped, MREMAP_MAYMOVE);
    if (p == MAP_FAILED) return NULL;
    if (new_mapped > old_mapped) advise_huge(p, new_mapped);
  }
  if (new_size > old_size) {
    size_t end = new_size < old_mapped ? new_size : old_mapped;
    memset((char *)p + old_size, 0, end - old_size);
  }
  return p;
}

void *alloc_buffer(alloc_stats *stats, size_t size, int zeroed) {
  void *p;
  if (from_os(size)) {
    p = os_map(size);
  } else if (!zeroed) {
    p = mi_malloc(size);
  } else if (size < NONTEMPORAL_MIN) {
    p = mi_zalloc(size); /* V8 asks for 0-byte stores; mimalloc returns a unique pointer */
  } else {
    p = mi_malloc(size);
    if (p) zero_cold(p, size);
  }
  if (p) note_alloc(stats, size);
  return p;
}

void alloc_buffer_free(alloc_stats *stats, void *ptr, size_t size) {
  if (!ptr) return;
  if (from_os(size)) {
    os_unmap(ptr, size);
  } else {
    mi_free(ptr);
  }
  atomic_fetch_sub_explicit(&stats->live_bytes, size, memory_order_relaxed);
  atomic_fetch_sub_explicit(&stats->live_count, 1, memory_order_relaxed);
}

void *alloc_buffer_realloc(alloc_stats *stats, void *ptr, size_t old_size, size_t new_size) {
  void *p;
  if (from_os(old_size) && from_os(new_size)) {
    p = os_remap(ptr, old_size, new_size);
  } else if (!from_os(old_size) && !from_os(new_size)) {
    p = mi_realloc(ptr, new_size);
    if (p && new_size > old_size) zero_cold((char *)p + old_size, new_size - old_size);
  } else {
    /* Crossing the threshold moves the block to the other source. */
    p = from_os(new_size) ? os_map(new_size) : mi_malloc(new_size);
    if (!p) return NULL;
    size_t keep = old_size < new_size ? old_size : new_size;
    memcpy(p, ptr, keep);
    if (new_size > keep && !from_os(new_size)) zero_cold((char *)p + keep, new_size - keep);
    if (from_os(old_size)) {
      os_unmap(ptr, old_size);
    } else {
      mi_free(ptr);
    }
  }
  if (!p) return NULL;
  note_resize(stats, old_size, new_size);
  return p;
}
