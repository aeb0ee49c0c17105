/* Unit tests of loop/ring.c (the MPSC ring with overflow), without libuv. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>
#include <sched.h>

#include "ring.h"

typedef struct {
  uint32_t producer;
  uint32_t seq;
  uint64_t pad[2];
} item;

static void test_fifo_and_wrap(void **state) {
  ring r;
  item it, out;
  (void)state;
  assert_int_equal(ring_init(&r, 5, sizeof(item)), 0);
  assert_int_equal(ring_capacity(&r), 8);
  assert_false(ring_ready(&r));
  assert_int_equal(ring_pop(&r, &out), 0);
  for (uint32_t round = 0; round < 100; round++) {
    for (uint32_t i = 0; i < 5; i++) {
      memset(&it, 0, sizeof(it));
      it.seq = round * 5 + i;
      assert_int_equal(ring_push(&r, &it), 0);
    }
    assert_true(ring_ready(&r));
    for (uint32_t i = 0; i < 5; i++) {
      assert_int_equal(ring_pop(&r, &out), 1);
      assert_int_equal(out.seq, round * 5 + i);
    }
    assert_int_equal(ring_pop(&r, &out), 0);
  }
  ring_destroy(&r);
}

/* A full ring spills into the overflow list and order is kept, also when the producer goes
 * back to the ring once the consumer has made room. */
static void test_overflow_single_producer(void **state) {
  ring r;
  item it = {0}, out;
  uint32_t next = 0, want = 0;
  int spilled = 0;
  (void)state;
  assert_int_equal(ring_init(&r, 4, sizeof(item)), 0);
  for (int round = 0; round < 50; round++) {
    for (int i = 0; i < 7; i++) {
      int rc;
      it.seq = next++;
      rc = ring_push(&r, &it);
      assert_true(rc == 0 || rc == 1);
      spilled += rc;
    }
    /* consume only some: the rest mixes with the next round's pushes */
    for (int i = 0; i < 5 && ring_pop(&r, &out); i++) assert_int_equal(out.seq, want++);
  }
  while (ring_pop(&r, &out)) assert_int_equal(out.seq, want++);
  assert_int_equal(want, next);
  assert_true(spilled > 0);
  ring_destroy(&r);
}

/* Unconsumed overflow items are freed by ring_destroy (checked by ASan/valgrind). */
static void test_destroy_with_overflow(void **state) {
  ring r;
  item it = {0};
  (void)state;
  assert_int_equal(ring_init(&r, 2, sizeof(item)), 0);
  for (int i = 0; i < 10; i++) ring_push(&r, &it);
  ring_destroy(&r);
}

enum { PRODUCERS = 4, PER = 100000 };

typedef struct {
  ring *r;
  uint32_t producer;
  int spilled;
} prod_arg;

static void *producer(void *p) {
  prod_arg *a = p;
  item it = {0};
  it.producer = a->producer;
  for (uint32_t i = 0; i < PER; i++) {
    int rc;
    it.seq = i;
    rc = ring_push(a->r, &it);
    if (rc == 1) a->spilled++;
    if ((i & 1023) == 0) sched_yield();
  }
  return NULL;
}

static void run_mpsc(size_t capacity, int expect_spill) {
  ring r;
  pthread_t th[PRODUCERS];
  prod_arg args[PRODUCERS];
  uint32_t next[PRODUCERS] = {0};
  size_t total = 0;
  int spilled = 0;
  item out;
  assert_int_equal(ring_init(&r, capacity, sizeof(item)), 0);
  for (uint32_t i = 0; i < PRODUCERS; i++) {
    args[i].r = &r;
    args[i].producer = i;
    args[i].spilled = 0;
    assert_int_equal(pthread_create(&th[i], NULL, producer, &args[i]), 0);
  }
  while (total < (size_t)PRODUCERS * PER) {
    if (!ring_pop(&r, &out)) {
      sched_yield();
      continue;
    }
    assert_true(out.producer < PRODUCERS);
    assert_int_equal(out.seq, next[out.producer]);
    next[out.producer]++;
    total++;
  }
  for (int i = 0; i < PRODUCERS; i++) {
    pthread_join(th[i], NULL);
    spilled += args[i].spilled;
  }
  assert_int_equal(ring_pop(&r, &out), 0);
  if (expect_spill) assert_true(spilled > 0);
  ring_destroy(&r);
}

static void test_mpsc_large_ring(void **state) {
  (void)state;
  run_mpsc(1 << 16, 0);
}

static void test_mpsc_tiny_ring_overflow(void **state) {
  (void)state;
  run_mpsc(4, 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fifo_and_wrap),
      cmocka_unit_test(test_overflow_single_producer),
      cmocka_unit_test(test_destroy_with_overflow),
      cmocka_unit_test(test_mpsc_large_ring),
      cmocka_unit_test(test_mpsc_tiny_ring_overflow),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
