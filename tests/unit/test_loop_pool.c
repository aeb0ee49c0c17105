/* Unit tests of loop/pool.c (the loop's worker pool) through pool.h. Threaded: also run
 * under ThreadSanitizer (tools/test.sh --tsan). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "loop.h"
#include "loop_internal.h"
#include "pool.h"

#define MAX_THREADS 16

typedef struct owner {
  loop_t *loop;
  pthread_t loop_thread;
  size_t messages; /* owner messages delivered (pool items must never show up here) */
  /* the pool's threads seen by work (a small table, under mu) */
  pthread_mutex_t mu;
  pthread_t seen[MAX_THREADS];
  int nseen;
  uint64_t last_seq[MAX_THREADS]; /* per thread: the last work sequence whose done ran */
  size_t done_ok, done_cancelled, done_bad_thread, done_before_work, out_of_order;
  int in_done;
  size_t overlapping;
  size_t chain_left; /* test_done_submits */
} owner;

typedef struct job {
  owner *o;
  atomic_int worked;
  int thread; /* index into seen */
  uint64_t seq; /* its thread's n-th item */
  uint64_t sleep_us;
  int done_calls;
  int status;
} job;

static uint64_t thread_seq[MAX_THREADS];

static void hook_messages(void *data, loop_msg *msgs, size_t n) {
  (void)msgs;
  ((owner *)data)->messages += n;
}

static void owner_init(owner *o) {
  memset(o, 0, sizeof *o);
  memset(thread_seq, 0, sizeof thread_seq);
  pthread_mutex_init(&o->mu, NULL);
  o->loop_thread = pthread_self();
  loop_hooks h = {o, NULL, NULL, hook_messages, NULL};
  assert_int_equal(loop_new(&h, &o->loop), 0);
}

static void owner_end(owner *o) {
  if (o->loop) loop_free(o->loop, NULL);
  o->loop = NULL;
  pthread_mutex_destroy(&o->mu);
}

static void work(void *data) {
  job *j = data;
  owner *o = j->o;
  pthread_t self = pthread_self();
  int idx = -1;
  pthread_mutex_lock(&o->mu);
  for (int i = 0; i < o->nseen; i++)
    if (pthread_equal(o->seen[i], self)) idx = i;
  if (idx < 0 && o->nseen < MAX_THREADS) {
    idx = o->nseen++;
    o->seen[idx] = self;
  }
  pthread_mutex_unlock(&o->mu);
  j->thread = idx;
  /* Only this thread counts its own items: no lock needed for the sequence. */
  j->seq = idx >= 0 ? ++thread_seq[idx] : 0;
  if (j->sleep_us) {
    struct timespec ts = {0, (long)j->sleep_us * 1000};
    nanosleep(&ts, NULL);
  }
  atomic_store(&j->worked, 1);
}

static void done(void *data, int status) {
  job *j = data;
  owner *o = j->o;
  if (o->in_done) o->overlapping++;
  o->in_done = 1;
  j->done_calls++;
  j->status = status;
  if (!pthread_equal(pthread_self(), o->loop_thread)) o->done_bad_thread++;
  if (status == 0) {
    o->done_ok++;
    if (!atomic_load(&j->worked)) o->done_before_work++;
    /* Items finished by one thread come back in the order it finished them. */
    if (j->thread >= 0) {
      if (j->seq <= o->last_seq[j->thread]) o->out_of_order++;
      o->last_seq[j->thread] = j->seq;
    }
  } else {
    o->done_cancelled++;
    if (atomic_load(&j->worked)) o->done_before_work++; /* cancelled means never ran */
  }
  o->in_done = 0;
}

/* Nothing costs until used: a loop without work has no pool and no threads. */
static void test_lazy(void **state) {
  (void)state;
  owner o;
  owner_init(&o);
  assert_null(*loop_pool_slot(o.loop));
  assert_int_equal(loop_work_pending(o.loop), 0);
  assert_int_equal(loop_run(o.loop, UV_RUN_DEFAULT), 0);
  assert_null(*loop_pool_slot(o.loop));
  owner_end(&o);
}

/* Many items: each work runs once on a pool thread, each done once on the loop thread,
 * after its work, never two at a time, in per-thread finishing order; the pending work keeps
 * the loop alive until the last done; no pool item reaches the owner's messages. */
static void test_many_jobs(void **state) {
  (void)state;
  enum { N = 20000 };
  owner o;
  owner_init(&o);
  job *jobs = calloc(N, sizeof *jobs);
  assert_non_null(jobs);
  for (int i = 0; i < N; i++) {
    jobs[i].o = &o;
    assert_int_equal(loop_work_submit(o.loop, work, done, &jobs[i]), 0);
  }
  assert_int_equal(loop_work_pending(o.loop), N);
  assert_true(loop_alive(o.loop));
  assert_int_equal(loop_run(o.loop, UV_RUN_DEFAULT), 0);
  assert_int_equal(loop_work_pending(o.loop), 0);
  assert_int_equal(o.done_ok, N);
  assert_int_equal(o.done_cancelled, 0);
  assert_int_equal(o.done_bad_thread, 0);
  assert_int_equal(o.done_before_work, 0);
  assert_int_equal(o.out_of_order, 0);
  assert_int_equal(o.overlapping, 0);
  assert_int_equal(o.messages, 0);
  for (int i = 0; i < N; i++) assert_int_equal(jobs[i].done_calls, 1);
  for (int i = 0; i < o.nseen; i++) assert_false(pthread_equal(o.seen[i], o.loop_thread));
  assert_true(o.nseen >= 1 && o.nseen <= LOOP_POOL_THREADS);
  /* The owner's own messages still arrive, and nothing else. */
  loop_msg m = {.kind = 7};
  assert_int_equal(loop_post(o.loop, &m), 0);
  loop_run(o.loop, UV_RUN_DEFAULT);
  assert_int_equal(o.messages, 1);
  owner_end(&o);
  free(jobs);
}

/* done may submit again (a chain of items, each started by the previous one's done). */
static void chain_done(void *data, int status) {
  job *j = data;
  done(data, status);
  if (status == 0 && j->o->chain_left > 0) {
    j->o->chain_left--;
    atomic_store(&j->worked, 0);
    assert_int_equal(loop_work_submit(j->o->loop, work, chain_done, j), 0);
  }
}

static void test_done_submits(void **state) {
  (void)state;
  owner o;
  owner_init(&o);
  job j = {.o = &o};
  o.chain_left = 500;
  assert_int_equal(loop_work_submit(o.loop, work, chain_done, &j), 0);
  assert_int_equal(loop_run(o.loop, UV_RUN_DEFAULT), 0);
  assert_int_equal(o.done_ok, 501);
  assert_int_equal(o.chain_left, 0);
  assert_int_equal(o.done_bad_thread, 0);
  owner_end(&o);
}

/* loop_free with work pending (queued, running, finished but not delivered): every item
 * gets exactly one done, 0 if its work ran and UV_ECANCELED if it never started; nothing is
 * leaked (ASan/LSan) and free waits for the items running. */
static void test_free_with_work_pending(void **state) {
  (void)state;
  enum { N = 200 };
  for (int round = 0; round < 3; round++) {
    owner o;
    owner_init(&o);
    job *jobs = calloc(N, sizeof *jobs);
    assert_non_null(jobs);
    for (int i = 0; i < N; i++) {
      jobs[i].o = &o;
      jobs[i].sleep_us = 200;
      assert_int_equal(loop_work_submit(o.loop, work, done, &jobs[i]), 0);
    }
    /* round 0: mostly not handed over (a batch goes at 32); 1: handed over, some finished;
     * 2: some delivered. */
    if (round >= 1) loop_run(o.loop, UV_RUN_NOWAIT);
    if (round == 2) {
      struct timespec ts = {0, 5 * 1000000};
      nanosleep(&ts, NULL);
      loop_run(o.loop, UV_RUN_NOWAIT);
    }
    loop_free(o.loop, NULL);
    o.loop = NULL;
    assert_int_equal(o.done_ok + o.done_cancelled, N);
    assert_int_equal(o.done_before_work, 0);
    assert_int_equal(o.done_bad_thread, 0);
    for (int i = 0; i < N; i++) {
      assert_int_equal(jobs[i].done_calls, 1);
      assert_int_equal(jobs[i].status != 0, !atomic_load(&jobs[i].worked));
    }
    if (round == 0) assert_true(o.done_cancelled > N / 2);
    owner_end(&o);
    free(jobs);
  }
}

/* loop_discard runs the done of items finished by then (they are not the owner's). */
static size_t discarded;
static void count_discard(void *data, loop_msg *m) {
  (void)data;
  (void)m;
  discarded++;
}

static void test_discard(void **state) {
  (void)state;
  owner o;
  owner_init(&o);
  job j = {.o = &o};
  assert_int_equal(loop_work_submit(o.loop, work, done, &j), 0);
  loop_run(o.loop, UV_RUN_NOWAIT); /* hands it over */
  while (!atomic_load(&j.worked)) sched_yield();
  struct timespec ts = {0, 2 * 1000000};
  nanosleep(&ts, NULL); /* the post follows the flag */
  discarded = 0;
  loop_discard(o.loop, count_discard, NULL);
  loop_free(o.loop, NULL);
  o.loop = NULL;
  assert_int_equal(j.done_calls, 1);
  assert_int_equal(discarded, 0);
  owner_end(&o);
}

/* Misuse: NULL arguments are refused; a done run by loop_free cannot submit again. */
static void resubmit_done(void *data, int status) {
  job *j = data;
  done(data, status);
  j->status = loop_work_submit(j->o->loop, work, done, j) == UV_ECANCELED ? 1000 : -1;
}

static void test_misuse(void **state) {
  (void)state;
  owner o;
  owner_init(&o);
  job j = {.o = &o};
  assert_int_equal(loop_work_submit(NULL, work, done, &j), UV_EINVAL);
  assert_int_equal(loop_work_submit(o.loop, NULL, done, &j), UV_EINVAL);
  assert_int_equal(loop_work_submit(o.loop, work, NULL, &j), UV_EINVAL);
  assert_int_equal(loop_work_pending(NULL), 0);
  assert_null(*loop_pool_slot(o.loop)); /* refused calls made no pool */
  assert_int_equal(loop_work_submit(o.loop, work, resubmit_done, &j), 0);
  loop_free(o.loop, NULL);
  o.loop = NULL;
  assert_int_equal(j.done_calls, 1);
  assert_int_equal(j.status, 1000);
  owner_end(&o);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lazy),
      cmocka_unit_test(test_many_jobs),
      cmocka_unit_test(test_done_submits),
      cmocka_unit_test(test_free_with_work_pending),
      cmocka_unit_test(test_discard),
      cmocka_unit_test(test_misuse),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
