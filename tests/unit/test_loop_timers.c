/* Unit tests of loop/timers.c (the timer store), with a fake clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "timers.h"

static void pop_all(timers *t, uint64_t now, double *out, size_t *n) {
  size_t k = timers_pop_due(t, now);
  if (k) memcpy(out + *n, t->batch_ids, k * sizeof(double));
  *n += k;
  timers_end_batch(t, now);
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Ids encode a slot and its generation: with heavy slot reuse, none is handed out twice,
 * all are positive and exact as doubles. */
static void test_ids_never_reused(void **state) {
  enum { N = 100000 };
  timers t;
  uint64_t *ids = malloc(N * sizeof(*ids));
  (void)state;
  timers_init(&t);
  for (int i = 0; i < N; i++) {
    ids[i] = timers_start(&t, 0, 5, 0);
    assert_true(ids[i] > 0 && ids[i] < (UINT64_C(1) << 53));
    if (i % 3) assert_int_equal(timers_clear(&t, ids[i]), 0);
  }
  qsort(ids, N, sizeof(*ids), cmp_u64);
  for (int i = 1; i < N; i++) assert_true(ids[i] != ids[i - 1]);
  /* A cleared id stays dead even though its slot is reused. */
  uint64_t a = timers_start(&t, 0, 5, 0);
  assert_int_equal(timers_clear(&t, a), 0);
  uint64_t b = timers_start(&t, 0, 5, 0);
  assert_true(a != b);
  assert_int_equal(timers_clear(&t, a), -1);
  assert_true(timers_active(&t, b));
  timers_destroy(&t);
  free(ids);
}

static void test_equal_deadlines_creation_order(void **state) {
  timers t;
  double out[64];
  size_t n = 0;
  uint64_t ids[64];
  (void)state;
  timers_init(&t);
  for (int i = 0; i < 64; i++) ids[i] = timers_start(&t, 100, 10, 0);
  pop_all(&t, 109, out, &n);
  assert_int_equal(n, 0);
  pop_all(&t, 110, out, &n);
  assert_int_equal(n, 64);
  for (int i = 0; i < 64; i++) assert_true(out[i] == (double)ids[i]);
  assert_int_equal(t.pending, 0);
  timers_destroy(&t);
}

typedef struct {
  uint64_t deadline, seq, id, delay;
} expect;

static int cmp_expect(const void *a, const void *b) {
  const expect *x = a, *y = b;
  if (x->delay != y->delay) return x->delay < y->delay ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* 100k timers with random delays and start times, some cleared: every live one fires
 * exactly once, over many batches, in Node's order (a model of it: per batch, the list of
 * one delay whose head has the earliest (deadline, creation) is drained of its due timers,
 * then the next). */
static void test_random_order_100k(void **state) {
  enum { N = 100000, MAX_DELAY = 500 };
  timers t;
  expect *e = malloc(N * sizeof(*e));
  double *out = malloc(N * sizeof(double));
  size_t n = 0, live = 0;
  uint64_t now = 1000;
  (void)state;
  srand(42);
  timers_init(&t);
  for (int i = 0; i < N; i++) {
    uint64_t delay = 1 + (uint64_t)(rand() % MAX_DELAY);
    uint64_t id;
    if (i % 1000 == 0) now += (uint64_t)(rand() % 3);
    id = timers_start(&t, now, delay, 0);
    if (rand() % 10 == 0) {
      assert_int_equal(timers_clear(&t, id), 0);
      continue;
    }
    e[live].deadline = now + delay;
    e[live].seq = (uint64_t)i;
    e[live].id = id;
    e[live].delay = delay;
    live++;
  }
  /* The model's lists: e sorted by (delay, creation); head[d], end[d] index list d. */
  qsort(e, live, sizeof(*e), cmp_expect);
  size_t head[MAX_DELAY + 1] = {0}, end[MAX_DELAY + 1] = {0};
  for (size_t i = 0; i < live; i++) end[e[i].delay] = i + 1;
  for (size_t i = live; i-- > 0;) head[e[i].delay] = i;
  uint64_t *want = malloc(live * sizeof(*want));
  size_t w = 0;
  for (uint64_t tt = 1000; t.pending > 0; tt += 7) {
    pop_all(&t, tt, out, &n);
    for (;;) {
      int best = -1;
      for (int d = 1; d <= MAX_DELAY; d++) {
        if (head[d] == end[d] || e[head[d]].deadline > tt) continue;
        if (best < 0 || e[head[d]].deadline < e[head[best]].deadline ||
            (e[head[d]].deadline == e[head[best]].deadline &&
             e[head[d]].seq < e[head[best]].seq))
          best = d;
      }
      if (best < 0) break;
      while (head[best] < end[best] && e[head[best]].deadline <= tt) want[w++] = e[head[best]++].id;
    }
    assert_int_equal(n, w);
  }
  assert_int_equal(n, live);
  for (size_t i = 0; i < live; i++) assert_true(out[i] == (double)want[i]);
  assert_int_equal(t.pending, 0);
  assert_int_equal(t.nref, 0);
  timers_destroy(&t);
  free(want);
  free(e);
  free(out);
}

static void test_clear(void **state) {
  timers t;
  double out[8];
  size_t n = 0;
  uint64_t a, b, c;
  (void)state;
  timers_init(&t);
  a = timers_start(&t, 0, 5, 0);
  b = timers_start(&t, 0, 5, 0);
  c = timers_start(&t, 0, 1, 0);
  assert_int_equal(timers_clear(&t, a), 0);
  assert_int_equal(timers_clear(&t, a), -1);
  assert_int_equal(timers_clear(&t, 0), -1);
  assert_int_equal(timers_clear(&t, 999), -1);
  assert_false(timers_active(&t, a));
  assert_true(timers_active(&t, b));
  pop_all(&t, 10, out, &n);
  assert_int_equal(n, 2);
  assert_true(out[0] == (double)c && out[1] == (double)b);
  assert_int_equal(timers_clear(&t, b), -1); /* already fired */
  assert_false(timers_active(&t, b));
  timers_destroy(&t);
}

/* In a batch, one-shot timers are "firing": active until the batch ends, and a clear by an
 * earlier callback makes them inactive (the owner skips them). */
static void test_batch_states(void **state) {
  timers t;
  uint64_t a, b, iv;
  (void)state;
  timers_init(&t);
  a = timers_start(&t, 0, 1, 0);
  b = timers_start(&t, 0, 1, 0);
  iv = timers_start(&t, 0, 1, 1);
  assert_int_equal(timers_pop_due(&t, 1), 3);
  assert_true(timers_active(&t, a) && timers_active(&t, b) && timers_active(&t, iv));
  assert_int_equal(timers_clear(&t, b), 0);
  assert_false(timers_active(&t, b));
  assert_int_equal(timers_clear(&t, b), -1);
  assert_int_equal(t.pending, 0); /* the interval waits for its re-arm */
  assert_int_equal(timers_rearm(&t, iv, 1), 0);
  assert_int_equal(timers_rearm(&t, iv, 1), -1);
  assert_int_equal(timers_rearm(&t, a, 1), -1); /* one-shot */
  assert_int_equal(t.pending, 1);
  assert_int_equal(timers_clear(&t, iv), 0);
  /* Reuses the interval's slot while the batch still names it. */
  uint64_t d = timers_start(&t, 1, 1, 0);
  timers_end_batch(&t, 1);
  assert_false(timers_active(&t, a));
  assert_true(timers_active(&t, d));
  assert_int_equal(t.pending, 1);
  timers_destroy(&t);
}

static void test_interval(void **state) {
  timers t;
  uint64_t iv, once;
  (void)state;
  timers_init(&t);
  iv = timers_start(&t, 0, 10, 1);
  once = timers_start(&t, 0, 25, 0);
  assert_int_equal(timers_pop_due(&t, 10), 1);
  assert_true(t.batch_ids[0] == (double)iv);
  /* Not re-armed by its owner: the batch's end does it, from its time (10 -> 20). */
  timers_end_batch(&t, 10);
  assert_int_equal(timers_pop_due(&t, 19), 0);
  timers_end_batch(&t, 19);
  assert_int_equal(timers_pop_due(&t, 30), 2); /* iv@20, once@25; iv re-armed to 40 */
  assert_true(t.batch_ids[0] == (double)iv && t.batch_ids[1] == (double)once);
  timers_end_batch(&t, 30);
  /* A late pop fires an interval once, not once per missed period. */
  assert_int_equal(timers_pop_due(&t, 1000), 1);
  timers_end_batch(&t, 1000);
  assert_true(timers_active(&t, iv));
  assert_int_equal(timers_clear(&t, iv), 0);
  assert_int_equal(t.pending, 0);
  timers_destroy(&t);
}

static void test_refs(void **state) {
  timers t;
  uint64_t a, b;
  (void)state;
  timers_init(&t);
  a = timers_start(&t, 0, 5, 0);
  b = timers_start(&t, 0, 5, 1);
  assert_int_equal(t.nref, 2);
  timers_set_ref(&t, a, 0);
  timers_set_ref(&t, a, 0);
  assert_int_equal(t.nref, 1);
  timers_set_ref(&t, b, 0);
  assert_int_equal(t.nref, 0);
  timers_set_ref(&t, b, 1);
  timers_set_ref(&t, 12345, 0);
  assert_int_equal(t.nref, 1);
  assert_int_equal(timers_pop_due(&t, 5), 2);
  assert_int_equal(t.nref, 0); /* both firing */
  timers_end_batch(&t, 5);
  assert_int_equal(t.nref, 1); /* the interval stays referenced */
  assert_int_equal(timers_clear(&t, b), 0);
  assert_int_equal(t.nref, 0);
  timers_destroy(&t);
}

/* Node's order: an interval re-armed after its callback queues behind the same-delay timers
 * that callback created; its deadline counts from the callback's start. */
static void test_interval_rearm_order(void **state) {
  timers t;
  uint64_t iv, made;
  (void)state;
  timers_init(&t);
  iv = timers_start(&t, 0, 10, 1);
  assert_int_equal(timers_pop_due(&t, 10), 1);
  made = timers_start(&t, 12, 10, 0);       /* by the callback: due 22 */
  assert_int_equal(timers_rearm(&t, iv, 10), 0); /* due 20, but behind `made` */
  timers_end_batch(&t, 13);
  assert_int_equal(timers_pop_due(&t, 21), 0); /* the list's head is `made` (22) */
  timers_end_batch(&t, 21);
  assert_int_equal(timers_pop_due(&t, 22), 2);
  assert_true(t.batch_ids[0] == (double)made && t.batch_ids[1] == (double)iv);
  timers_end_batch(&t, 22);
  assert_int_equal(t.pending, 1);
  timers_destroy(&t);
}

/* Node drains one duration's list before the next: a, c (10 ms list, due 10 and 15) run
 * before b (3 ms list, due 12) when all are due in one pass; when only some are due, the
 * order is by deadline again. */
static void test_lists_drained_in_turn(void **state) {
  timers t;
  uint64_t a, b, c;
  (void)state;
  timers_init(&t);
  a = timers_start(&t, 0, 10, 0);
  c = timers_start(&t, 5, 10, 0);
  b = timers_start(&t, 9, 3, 0);
  assert_int_equal(timers_pop_due(&t, 40), 3);
  assert_true(t.batch_ids[0] == (double)a && t.batch_ids[1] == (double)c &&
              t.batch_ids[2] == (double)b);
  timers_end_batch(&t, 40);
  a = timers_start(&t, 100, 10, 0); /* due 110 */
  c = timers_start(&t, 105, 10, 0); /* due 115 */
  b = timers_start(&t, 109, 3, 0);  /* due 112 */
  assert_int_equal(timers_pop_due(&t, 112), 2);
  assert_true(t.batch_ids[0] == (double)a && t.batch_ids[1] == (double)b);
  timers_end_batch(&t, 112);
  assert_int_equal(timers_pop_due(&t, 115), 1);
  assert_true(t.batch_ids[0] == (double)c);
  timers_end_batch(&t, 115);
  timers_destroy(&t);
}

/* The list of a firing interval is kept while it is empty, and released when the interval
 * is cleared instead of re-armed; other durations are unaffected. */
static void test_interval_list_held(void **state) {
  timers t;
  uint64_t iv, other;
  (void)state;
  timers_init(&t);
  iv = timers_start(&t, 0, 7, 1);
  assert_int_equal(timers_pop_due(&t, 7), 1);
  assert_int_equal(t.heap_n, 0);
  assert_int_equal(t.lookup_n, 1); /* held */
  other = timers_start(&t, 7, 3, 0);
  assert_int_equal(timers_clear(&t, iv), 0);
  assert_int_equal(timers_rearm(&t, iv, 7), -1);
  timers_end_batch(&t, 7);
  assert_int_equal(t.lookup_n, 1); /* only the 3 ms list */
  assert_false(timers_active(&t, iv));
  assert_true(timers_active(&t, other));
  assert_int_equal(t.pending, 1);
  timers_destroy(&t);
}

/* 1M start/clear pairs, with a few hundred timers alive throughout: nothing grows. */
static void test_slab_reuse(void **state) {
  timers t;
  uint64_t live[256];
  uint32_t nodes_cap, heap_cap, lists_cap, lookup_cap;
  (void)state;
  timers_init(&t);
  for (int i = 0; i < 256; i++) live[i] = timers_start(&t, 0, 1000 + i, 0);
  nodes_cap = t.nodes_cap;
  heap_cap = t.heap_cap;
  lists_cap = t.lists_cap;
  lookup_cap = t.lookup_mask + 1;
  for (int i = 0; i < 1000000; i++) {
    int k = i & 255;
    assert_int_equal(timers_clear(&t, live[k]), 0);
    live[k] = timers_start(&t, (uint64_t)i, 1000 + (uint64_t)(i % 977), 0);
  }
  assert_int_equal(t.nodes_cap, nodes_cap);
  assert_int_equal(t.heap_cap, heap_cap);
  assert_int_equal(t.lists_cap, lists_cap);
  assert_int_equal(t.lookup_mask + 1, lookup_cap);
  assert_true(nodes_cap <= 512);
  assert_int_equal(t.pending, 256);
  timers_destroy(&t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ids_never_reused),
      cmocka_unit_test(test_equal_deadlines_creation_order),
      cmocka_unit_test(test_random_order_100k),
      cmocka_unit_test(test_clear),
      cmocka_unit_test(test_batch_states),
      cmocka_unit_test(test_interval),
      cmocka_unit_test(test_interval_rearm_order),
      cmocka_unit_test(test_interval_list_held),
      cmocka_unit_test(test_lists_drained_in_turn),
      cmocka_unit_test(test_refs),
      cmocka_unit_test(test_slab_reuse),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
