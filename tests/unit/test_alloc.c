/* Unit tests of alloc/ (ArrayBuffer memory): counters, zeroing and resizing on both sides of
 * ALLOC_OS_THRESHOLD, and that large zeroed blocks are not touched up front. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unistd.h>

#include "alloc.h"

#define T ALLOC_OS_THRESHOLD
#define MiB ((size_t)1 << 20)

/* Sizes on both sides of the threshold, including page-unaligned ones. */
static const size_t sizes[] = {0, 1, 64, 4095, 65536, 1 * MiB, T - 1, T, T + 1, T + 12345,
                               64 * MiB + 3};
#define NSIZES (sizeof sizes / sizeof sizes[0])

static size_t live(alloc_stats *s) { return atomic_load(&s->live_bytes); }
static size_t count(alloc_stats *s) { return atomic_load(&s->live_count); }
static size_t peak(alloc_stats *s) { return atomic_load(&s->peak_bytes); }
static size_t total(alloc_stats *s) { return atomic_load(&s->total_count); }

/* Every byte zero; for big blocks one byte per page plus the last one (reading a lazily
 * zeroed page maps the shared zero page, which costs no memory). */
static void assert_zero(const unsigned char *p, size_t size, size_t from) {
  size_t step = size > 4 * MiB ? 4096 : 1;
  for (size_t i = from; i < size; i += step) {
    if (p[i] != 0) fail_msg("byte %zu of %zu is %d", i, size, p[i]);
  }
  if (size > from && p[size - 1] != 0) fail_msg("last byte of %zu is %d", size, p[size - 1]);
}

/* A position-dependent pattern, written densely for small blocks, per page for big ones. */
static unsigned char pattern_at(size_t i) { return (unsigned char)(i * 7 + 1) | 1; }
static void write_pattern(unsigned char *p, size_t size) {
  size_t step = size > 4 * MiB ? 4096 : 1;
  for (size_t i = 0; i < size; i += step) p[i] = pattern_at(i);
  if (size) p[size - 1] = pattern_at(size - 1);
}
/* The first `kept` bytes of a block on which write_pattern(p, written) ran. */
static void assert_pattern(const unsigned char *p, size_t kept, size_t written) {
  size_t step = written > 4 * MiB ? 4096 : 1;
  for (size_t i = 0; i < kept; i += step) {
    if (p[i] != pattern_at(i)) fail_msg("byte %zu of %zu lost: %d", i, kept, p[i]);
  }
  if (kept && kept == written && p[kept - 1] != pattern_at(kept - 1)) fail_msg("last byte of %zu lost", kept);
}

static void test_counters_exact(void **state) {
  (void)state;
  alloc_stats s;
  alloc_stats_init(&s);
  void *blocks[NSIZES];
  size_t sum = 0;
  for (size_t i = 0; i < NSIZES; i++) {
    blocks[i] = alloc_buffer(&s, sizes[i], (int)(i & 1));
    assert_non_null(blocks[i]);
    sum += sizes[i];
    assert_int_equal(live(&s), sum);
    assert_int_equal(count(&s), i + 1);
    assert_int_equal(peak(&s), sum);
    assert_int_equal(total(&s), i + 1);
  }
  for (size_t i = 0; i < NSIZES; i++) {
    alloc_buffer_free(&s, blocks[i], sizes[i]);
    sum -= sizes[i];
    assert_int_equal(live(&s), sum);
    assert_int_equal(count(&s), NSIZES - i - 1);
  }
  size_t all = 0;
  for (size_t i = 0; i < NSIZES; i++) all += sizes[i];
  assert_int_equal(peak(&s), all); /* the peak stays after the frees */
  assert_int_equal(total(&s), NSIZES);
  alloc_buffer_free(&s, NULL, 123); /* freeing nothing counts nothing */
  assert_int_equal(live(&s), 0);
  assert_int_equal(count(&s), 0);
}

/* Zeroed blocks read as zero even where the same memory was just used with other contents. */
static void test_zeroed_after_reuse(void **state) {
  (void)state;
  alloc_stats s;
  alloc_stats_init(&s);
  for (size_t i = 0; i < NSIZES; i++) {
    size_t n = sizes[i];
    for (int round = 0; round < 3; round++) {
      unsigned char *dirty = alloc_buffer(&s, n, 0);
      assert_non_null(dirty);
      if (n) memset(dirty, 0xA5, n > 8 * MiB ? 8 * MiB : n);
      alloc_buffer_free(&s, dirty, n);
      unsigned char *p = alloc_buffer(&s, n, 1);
      assert_non_null(p);
      assert_zero(p, n, 0);
      alloc_buffer_free(&s, p, n);
    }
  }
  assert_int_equal(live(&s), 0);
  assert_int_equal(count(&s), 0);
}

static size_t rss_bytes(void) {
  FILE *f = fopen("/proc/self/statm", "r");
  assert_non_null(f);
  unsigned long pages_total = 0, pages_resident = 0;
  assert_int_equal(fscanf(f, "%lu %lu", &pages_total, &pages_resident), 2);
  fclose(f);
  return (size_t)pages_resident * (size_t)sysconf(_SC_PAGESIZE);
}

/* A 1 GiB zeroed block costs only what is touched: allocation does not write every page. */
static void test_large_zeroed_is_lazy(void **state) {
  (void)state;
  alloc_stats s;
  alloc_stats_init(&s);
  size_t n = (size_t)1 << 30;
  size_t before = rss_bytes();
  unsigned char *p = alloc_buffer(&s, n, 1);
  assert_non_null(p);
  p[0] = 1;
  p[n / 2] = 2;
  p[n - 1] = 3;
  size_t grown = rss_bytes() - before;
  /* Three touched pages, huge pages or not: at most 3 x 2 MiB, far below 1 GiB. */
  if (grown > 64 * MiB) fail_msg("RSS grew by %zu bytes for 3 touched bytes", grown);
  assert_int_equal(p[1] + p[n / 2 + 1] + p[n - 2], 0);
  assert_int_equal(live(&s), n);
  assert_int_equal(peak(&s), n);
  alloc_buffer_free(&s, p, n);
  assert_int_equal(live(&s), 0);
}

/* Out of address space: NULL, counters untouched. */
static void test_impossible_size(void **state) {
  (void)state;
  alloc_stats s;
  alloc_stats_init(&s);
  assert_null(alloc_buffer(&s, SIZE_MAX, 1));
  assert_null(alloc_buffer(&s, SIZE_MAX - 100, 0));
  assert_null(alloc_buffer(&s, (size_t)1 << 62, 1));
  assert_int_equal(live(&s), 0);
  assert_int_equal(count(&s), 0);
  assert_int_equal(total(&s), 0);
  unsigned char *p = alloc_buffer(&s, T + 10, 1);
  assert_non_null(p);
  p[0] = 9;
  assert_null(alloc_buffer_realloc(&s, p, T + 10, SIZE_MAX - 10));
  assert_int_equal(p[0], 9); /* kept on failure */
  assert_int_equal(live(&s), T + 10);
  alloc_buffer_free(&s, p, T + 10);
}

/* Resize through a sequence crossing the threshold both ways: contents kept up to the
 * smaller size, the grown part zero, counters exact, peak following growth. */
static void test_realloc_sequence(void **state) {
  (void)state;
  static const size_t steps[] = {100,         65536,       T - 1, T + 1, 3 * T + 5000, 64 * MiB,
                                 T + 4096 * 3, T + 100,     T + 4096 * 5 + 7, 1 * MiB, 10,
                                 T * 2,       T - 4096,    0,     T + 1};
  alloc_stats s;
  alloc_stats_init(&s);
  size_t n = steps[0], max = n;
  unsigned char *p = alloc_buffer(&s, n, 1);
  assert_non_null(p);
  write_pattern(p, n);
  for (size_t i = 1; i < sizeof steps / sizeof steps[0]; i++) {
    size_t m = steps[i];
    unsigned char *q = alloc_buffer_realloc(&s, p, n, m);
    assert_non_null(q);
    size_t kept = n < m ? n : m;
    assert_pattern(q, kept, n);
    assert_zero(q, m, kept);
    if (m > max) max = m;
    assert_int_equal(live(&s), m);
    assert_int_equal(count(&s), 1);
    assert_int_equal(peak(&s), max);
    write_pattern(q, m); /* dirty all of it, so a later growth must zero again */
    p = q;
    n = m;
  }
  assert_int_equal(total(&s), 1);
  alloc_buffer_free(&s, p, n);
  assert_int_equal(live(&s), 0);
  assert_int_equal(count(&s), 0);
}

/* Shrinking an OS block keeps its last page; bytes past the new size there must not come
 * back when it grows again. */
static void test_shrink_then_grow_zeroes_tail(void **state) {
  (void)state;
  alloc_stats s;
  alloc_stats_init(&s);
  size_t big = T + 8192, small = T + 1;
  unsigned char *p = alloc_buffer(&s, big, 1);
  assert_non_null(p);
  memset(p, 0xEE, big);
  p = alloc_buffer_realloc(&s, p, big, small);
  assert_non_null(p);
  p = alloc_buffer_realloc(&s, p, small, big);
  assert_non_null(p);
  for (size_t i = 0; i < small; i += 4096) assert_int_equal(p[i], 0xEE);
  assert_zero(p, big, small);
  assert_int_equal(live(&s), big);
  alloc_buffer_free(&s, p, big);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_counters_exact),
      cmocka_unit_test(test_zeroed_after_reuse),
      cmocka_unit_test(test_large_zeroed_is_lazy),
      cmocka_unit_test(test_impossible_size),
      cmocka_unit_test(test_realloc_sequence),
      cmocka_unit_test(test_shrink_then_grow_zeroes_tail),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
