/* Unit tests of loop/ through loop.h (plus loop_internal.h knobs). No assertion depends on
 * how fast the machine is: waits are only lower bounds ("at least this late"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "loop.h"
#include "loop_internal.h"

/* ---- a recording owner --------------------------------------------------------------- */

enum { EV_TIMER = 1, EV_MSG, EV_IMM, EV_WAKE };

typedef struct ctx ctx;
typedef void (*on_fire_fn)(ctx *c, double id);

struct ctx {
  loop_t *loop;
  /* event log */
  int *ev;
  double *ev_id;
  size_t nev, cap;
  size_t timer_batches, msg_batches, imm_calls;
  size_t skipped;
  on_fire_fn on_fire;
  void (*on_msg)(ctx *c, loop_msg *m);
  void (*on_imm)(ctx *c);
  void (*on_wake)(ctx *c);
  atomic_size_t wakes;
  uint64_t wake_ns; /* when the last wake-up ran */
  /* scratch for individual tests */
  double a, b, c;
  size_t n, limit;
  size_t fire_batch[8];
  /* thread test */
  uint32_t next[8];
  size_t received, expected;
};

static void log_ev(ctx *c, int kind, double id) {
  if (c->nev == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 256;
    c->ev = realloc(c->ev, c->cap * sizeof(int));
    c->ev_id = realloc(c->ev_id, c->cap * sizeof(double));
  }
  c->ev[c->nev] = kind;
  c->ev_id[c->nev] = id;
  c->nev++;
}

static void hook_timers(void *data, const double *ids, size_t n) {
  ctx *c = data;
  c->timer_batches++;
  for (size_t i = 0; i < n; i++) {
    /* The owner's duty: skip what an earlier callback of the batch cleared. */
    if (!loop_timer_active(c->loop, ids[i])) {
      c->skipped++;
      continue;
    }
    log_ev(c, EV_TIMER, ids[i]);
    if (c->on_fire) c->on_fire(c, ids[i]);
  }
}

static void hook_messages(void *data, loop_msg *msgs, size_t n) {
  ctx *c = data;
  c->msg_batches++;
  for (size_t i = 0; i < n; i++) {
    log_ev(c, EV_MSG, msgs[i].number);
    if (c->on_msg) c->on_msg(c, &msgs[i]);
  }
}

static void hook_immediates(void *data) {
  ctx *c = data;
  c->imm_calls++;
  log_ev(c, EV_IMM, 0);
  if (c->on_imm) c->on_imm(c);
}

static void hook_wake(void *data) {
  ctx *c = data;
  c->wake_ns = loop_hrtime();
  log_ev(c, EV_WAKE, 0);
  atomic_fetch_add(&c->wakes, 1);
  if (c->on_wake) c->on_wake(c);
}

static int setup(void **state) {
  ctx *c = calloc(1, sizeof(*c));
  loop_hooks h = {c, hook_timers, hook_immediates, hook_messages, hook_wake};
  if (loop_new(&h, &c->loop) != 0) return -1;
  *state = c;
  return 0;
}

static int teardown(void **state) {
  ctx *c = *state;
  loop_free(c->loop, NULL);
  free(c->ev);
  free(c->ev_id);
  free(c);
  return 0;
}

static void sleep_ms(int ms) {
  struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) != 0) {
  }
}

static size_t count_kind(ctx *c, int kind) {
  size_t n = 0;
  for (size_t i = 0; i < c->nev; i++) n += c->ev[i] == kind;
  return n;
}

/* ---- timers -------------------------------------------------------------------------- */

static void test_equal_delays_fire_in_creation_order(void **state) {
  ctx *c = *state;
  double ids[50];
  for (int i = 0; i < 50; i++) ids[i] = loop_timer_start(c->loop, 3, 0);
  for (int i = 1; i < 50; i++) assert_true(ids[i] > ids[i - 1]);
  assert_int_equal(loop_timer_count(c->loop), 50);
  assert_int_equal(loop_run(c->loop, UV_RUN_DEFAULT), 0);
  assert_int_equal(c->nev, 50);
  for (int i = 0; i < 50; i++) assert_true(c->ev_id[i] == ids[i]);
  assert_int_equal(loop_timer_count(c->loop), 0);
}

static void test_different_delays_fire_by_deadline(void **state) {
  ctx *c = *state;
  uint64_t t0 = loop_hrtime();
  double a = loop_timer_start(c->loop, 200, 0);
  double b = loop_timer_start(c->loop, 1, 0);
  double d = loop_timer_start(c->loop, 100, 0);
  loop_run(c->loop, UV_RUN_DEFAULT);
  assert_int_equal(c->nev, 3);
  assert_true(c->ev_id[0] == b && c->ev_id[1] == d && c->ev_id[2] == a);
  assert_true(loop_hrtime() - t0 >= 199 * 1000000ull); /* never early (ms granularity) */
}

static void test_fractional_delay_rounds_up(void **state) {
  ctx *c = *state;
  uint64_t t0;
  loop_timer_start(c->loop, 1.5, 0);
  t0 = loop_now(c->loop); /* loop_timer_start updated the loop time */
  loop_run(c->loop, UV_RUN_DEFAULT);
  assert_int_equal(c->nev, 1);
  assert_true(loop_now(c->loop) - t0 >= 2);
}

static void test_clear_before_fire(void **state) {
  ctx *c = *state;
  double a = loop_timer_start(c->loop, 5, 0);
  double b = loop_timer_start(c->loop, 5, 0);
  assert_true(loop_timer_active(c->loop, a));
  assert_int_equal(loop_timer_clear(c->loop, a), 0);
  assert_int_equal(loop_timer_clear(c->loop, a), -1);
  assert_false(loop_timer_active(c->loop, a));
  loop_run(c->loop, UV_RUN_DEFAULT);
  assert_int_equal(c->nev, 1);
  assert_true(c->ev_id[0] == b);
}

static void test_clear_fired_or_unknown(void **state) {
  ctx *c = *state;
  double a = loop_timer_start(c->loop, 1, 0);
  loop_run(c->loop, UV_RUN_DEFAULT);
  assert_int_equal(c->nev, 1);
  assert_int_equal(loop_timer_clear(c->loop, a), -1);
  assert_false(loop_timer_active(c->loop, a));
  assert_int_equal(loop_timer_clear(c->loop, 0), -1);
  assert_int_equal(loop_timer_clear(c->loop, -3), -1);
  assert_int_equal(loop_timer_clear(c->loop, 1.5), -1);
  assert_int_equal(loop_timer_clear(c->loop, NAN), -1);
  assert_int_equal(loop_timer_clear(c->loop, INFINITY), -1);
  assert_int_equal(loop_timer_clear(c->loop, 9007199254740992.0), -1);
  assert_int_equal(loop_timer_clear(c->loop, 123456), -1);
  loop_timer_set_ref(c->loop, 123456, 0); /* harmless */
  loop_timer_set_ref(c->loop, NAN, 0);
  assert_int_equal(loop_alive(c->loop), 0);
}

/* The first callback of a batch clears the second: it must not run. */
static void clear_b(ctx *c, double id) {
  if (id == c->a) assert_int_equal(loop_timer_clear(c->loop, c->b), 0);
}

static void test_clear_later_timer_of_same_batch(void **state) {
  ctx *c = *state;
  c->a = loop_timer_start(c->loop, 5, 0);
  c->b = loop_timer_start(c->loop, 5, 0);
  c->c = loop_timer_start(c->loop, 5, 0);
  /* Make them one batch even if their deadlines differ by a ms. */
  sleep_ms(20);
  c->on_fire = clear_b;
  loop_run(c->loop, UV_RUN_DEFAULT);
  assert_int_equal(c->timer_batches, 1);
  assert_int_equal(c->nev, 2);
  assert_true(c->ev_id[0] == c->a && c->ev_id[1] == c->c);
  assert_int_equal(c->skipped, 1);
  assert_int_equal(loop_timer_count(c->loop), 0);
}

static void interval_cb(ctx *c, double id) {
  assert_true(id == c->a);
  if (++c->n == 5) assert_int_equal(loop_timer_clear(c->loop, id), 0);
}

static void test_interval_rearms_and_clears_from_hook(void **state) {
  ctx *c = *state;
  c->a = loop_timer_start(c->loop, 2, 1);
  c->on_fire = interval_cb;
  assert_int_equal(loop_run(c->loop, UV_RUN_DEFAULT), 0);
  assert_int_equal(c->n, 5);
  assert_int_equal(c->nev, 5);
  assert_int_equal(c->timer_batches, 5); /* one firing per batch: re-armed >= 1 ms later */
  assert_false(loop_timer_active(c->loop, c->a));
}

/* A timer made during a batch with delay 1 never joins that batch, even if the callback is
 * slow; and setTimeout-in-setTimeout chains make progress. */
static void chain_cb(ctx *c, double id) {
  c->fire_batch[c->n < 8 ? c->n : 7] = c->timer_batches;
  if (++c->n < 4) {
    loop_timer_start(c->loop, 1, 0);
    sleep_ms(3); /* the new timer is overdue when the batch ends */
  }
}

static void test_timer_made_in_batch_waits_for_next_batch(void **state) {
  ctx *c = *state;
  loop_timer_start(c->loop, 1, 0);
  c->on_fire = chain_cb;
  loop_run(c->loop, UV_RUN_DEFAULT);
  assert_int_equal(c->n, 4);
  for (int i = 0; i < 4; i++) assert_int_equal(c->fire_batch[i], (size_t)i + 1);
}

static void test_unrefd_timer_does_not_keep_loop_alive(void **state) {
  ctx *c = *state;
  double a = loop_timer_start(c->loop, 1000, 0);
  assert_int_equal(loop_alive(c->loop), 1);
  loop_timer_set_ref(c->loop, a, 0);
  assert_int_equal(loop_alive(c->loop), 0);
  assert_int_equal(loop_run(c->loop, UV_RUN_DEFAULT), 0);
  assert_int_equal(c->nev, 0);
  assert_true(loop_timer_active(c->loop, a));
  loop_timer_set_ref(c->loop, a, 1);
  assert_int_equal(loop_alive(c->loop), 1);
  loop_timer_clear(c->loop, a);
  assert_int_equal(loop_alive(c->loop), 0);
}

/* An unref'd timer still fires while something else keeps the loop alive. */
static void test_unrefd_timer_fires_while_loop_alive(void **state) {
  ctx *c = *state;
  double u = loop_timer_start(c->loop, 5, 0);
  double r;
  loop_timer_set_ref(c->loop, u, 0);
  r = loop_timer_start(c->loop, 60, 0);
  loop_run(c->loop, UV_RUN_DEFAULT);
  assert_int_equal(c->nev, 2);
  assert_true(c->ev_id[0] == u && c->ev_id[1] == r);
}

static void test_100k_timers_fire_once_in_order(void **state) {
  enum { N = 100000 };
  ctx *c = *state;
  double *ids = malloc(N * sizeof(double));
  uint64_t *deadline = malloc(N * sizeof(uint64_t));
  size_t *order = malloc(N * sizeof(size_t));
  for (size_t i = 0; i < N; i++) {
    double delay = (double)(1 + (i * 7919) % 20);
    ids[i] = loop_timer_start(c->loop, delay, 0);
    deadline[i] = loop_now(c->loop) + (uint64_t)delay; /* start updates loop time */
  }
  loop_run(c->loop, UV_RUN_DEFAULT);
  assert_int_equal(c->nev, N);
  /* On a fresh loop the slot part of an id (timers.h) is the creation index. */
  for (size_t i = 0; i < N; i++) order[i] = (size_t)((uint64_t)c->ev_id[i] & 0xFFFFFF);
  /* Each delay's timers fire in creation order (deadline order within a delay); across
   * delays a batch runs one delay's due timers before the next's, as Node does (the exact
   * order is checked against a model in test_loop_timers). No timer fires twice. */
  size_t last[21];
  for (int d = 0; d <= 20; d++) last[d] = SIZE_MAX;
  for (size_t i = 0; i < N; i++) {
    size_t q = order[i], d = 1 + (q * 7919) % 20;
    assert_true(last[d] == SIZE_MAX || (last[d] < q && deadline[last[d]] <= deadline[q]));
    last[d] = q;
  }
  /* exactly once: N events, each delay's ids strictly increasing => a permutation */
  assert_int_equal(loop_timer_count(c->loop), 0);
  free(ids);
  free(deadline);
  free(order);
}

static void test_slab_reuse_1m(void **state) {
  ctx *c = *state;
  double live[64];
  size_t cap0 = 0, heap0 = 0;
  for (int i = 0; i < 64; i++) live[i] = loop_timer_start(c->loop, 10000, 0);
  for (int i = 0; i < 1000000; i++) {
    double id = loop_timer_start(c->loop, 5000, 0);
    assert_int_equal(loop_timer_clear(c->loop, id), 0);
    if ((i & 1023) == 0) {
      int k = (i >> 10) & 63;
      assert_int_equal(loop_timer_clear(c->loop, live[k]), 0);
      live[k] = loop_timer_start(c->loop, 10000, 0);
    }
    if (i == 1000) { /* warmed up: 65 nodes at most were ever live at once */
      cap0 = loop_timer_slab_capacity(c->loop);
      heap0 = loop_timer_heap_capacity(c->loop);
    }
  }
  assert_int_equal(loop_timer_slab_capacity(c->loop), cap0);
  assert_int_equal(loop_timer_heap_capacity(c->loop), heap0);
  assert_true(cap0 <= 128 && heap0 <= 128);
  assert_int_equal(loop_timer_count(c->loop), 64);
  for (int i = 0; i < 64; i++) assert_int_equal(loop_timer_clear(c->loop, live[i]), 0);
  assert_int_equal(loop_alive(c->loop), 0);
}

/* ---- immediates ---------------------------------------------------------------------- */

static void imm_three_times(ctx *c) {
  if (c->imm_calls == 3) loop_set_immediates(c->loop, 0, 0);
}

static void test_immediates_run_without_blocking(void **state) {
  ctx *c = *state;
  /* A far referenced timer: if poll blocked, ONCE would sleep 60 s (test timeout). */
  double far = loop_timer_start(c->loop, 60000, 0);
  c->on_imm = imm_three_times;
  loop_set_immediates(c->loop, 1, 1);
  assert_int_equal(loop_backend_timeout(c->loop), 0);
  for (int i = 0; i < 3; i++) assert_int_equal(loop_run(c->loop, UV_RUN_ONCE), 1);
  assert_int_equal(c->imm_calls, 3);
  assert_int_equal(loop_run(c->loop, UV_RUN_NOWAIT), 1); /* count is 0 now: no call */
  assert_int_equal(c->imm_calls, 3);
  assert_true(loop_backend_timeout(c->loop) > 0);
  loop_timer_clear(c->loop, far);
  assert_int_equal(loop_alive(c->loop), 0);
}

static void test_immediates_ref(void **state) {
  ctx *c = *state;
  loop_set_immediates(c->loop, 2, 1);
  assert_int_equal(loop_alive(c->loop), 1);
  loop_set_immediates(c->loop, 2, 0);
  assert_int_equal(loop_alive(c->loop), 0);
  /* Unreferenced immediates still run on a turn that happens for another reason. */
  loop_timer_start(c->loop, 1, 0);
  loop_run(c->loop, UV_RUN_DEFAULT);
  assert_true(c->imm_calls >= 1);
  loop_set_immediates(c->loop, 0, 0);
  assert_int_equal(loop_alive(c->loop), 0);
}

/* ---- messages ------------------------------------------------------------------------ */

static void post_from_timer(ctx *c, double id) {
  loop_msg m = {0};
  m.number = 7;
  assert_int_equal(loop_post_local(c->loop, &m), 0);
  loop_set_immediates(c->loop, 1, 1);
}

static void imm_once(ctx *c) { loop_set_immediates(c->loop, 0, 0); }

/* Local posts from a timer callback are delivered in the same turn, after the timers and
 * before the immediates (as Node runs I/O callbacks before setImmediate). */
static void test_post_local_same_turn(void **state) {
  ctx *c = *state;
  loop_timer_start(c->loop, 1, 0);
  sleep_ms(5);
  c->on_fire = post_from_timer;
  c->on_imm = imm_once;
  assert_int_equal(loop_run(c->loop, UV_RUN_NOWAIT), 0);
  assert_int_equal(c->nev, 3);
  assert_int_equal(c->ev[0], EV_TIMER);
  assert_int_equal(c->ev[1], EV_MSG);
  assert_int_equal(c->ev[2], EV_IMM);
}

static void repost(ctx *c, loop_msg *m) {
  if (m->number < 3) {
    loop_msg n = *m;
    n.number += 1;
    assert_int_equal(loop_post_local(c->loop, &n), 0);
  }
}

static void test_post_local_outside_run(void **state) {
  ctx *c = *state;
  loop_msg m = {0};
  for (int i = 0; i < 3; i++) {
    m.number = i;
    assert_int_equal(loop_post_local(c->loop, &m), 0);
  }
  assert_int_equal(loop_alive(c->loop), 1);
  assert_int_equal(loop_backend_timeout(c->loop), 0);
  c->on_msg = repost;
  /* Reposts made by the hook are delivered in the same check phase, batch after batch
   * (at most LOCAL_ROUNDS of them): 0,1,2 then 1,2,3 then 2,3 then 3, all in one turn. */
  assert_int_equal(loop_run(c->loop, UV_RUN_NOWAIT), 0);
  assert_int_equal(c->nev, 9);
  assert_int_equal(c->msg_batches, 4);
  assert_int_equal(loop_run(c->loop, UV_RUN_DEFAULT), 0);
  assert_int_equal(c->msg_batches, 4);
  for (int i = 0; i < 3; i++) assert_true(c->ev_id[i] == i);
}

typedef struct {
  loop_t *loop;
  uint32_t producer;
  uint32_t count;
  int delay_ms;
} post_arg;

static void *post_thread(void *p) {
  post_arg *a = p;
  loop_msg m = {0};
  if (a->delay_ms) sleep_ms(a->delay_ms);
  m.kind = (int32_t)a->producer;
  for (uint32_t i = 0; i < a->count; i++) {
    m.id = i;
    m.number = i;
    while (loop_post(a->loop, &m) != 0) {
    }
  }
  return NULL;
}

static void check_producer_order(ctx *c, loop_msg *m) {
  assert_true(m->kind >= 0 && m->kind < 8);
  assert_int_equal(m->id, c->next[m->kind]);
  c->next[m->kind]++;
  if (++c->received == c->expected) loop_unref(c->loop);
}

static void run_threads(ctx *c, int nthreads, uint32_t per) {
  pthread_t th[8];
  post_arg args[8];
  c->on_msg = check_producer_order;
  c->expected = (size_t)nthreads * per;
  loop_ref(c->loop); /* the producers' outstanding work */
  for (int i = 0; i < nthreads; i++) {
    args[i] = (post_arg){c->loop, (uint32_t)i, per, 0};
    assert_int_equal(pthread_create(&th[i], NULL, post_thread, &args[i]), 0);
  }
  assert_int_equal(loop_run(c->loop, UV_RUN_DEFAULT), 0);
  for (int i = 0; i < nthreads; i++) pthread_join(th[i], NULL);
  assert_int_equal(c->received, c->expected);
  for (int i = 0; i < nthreads; i++) assert_int_equal(c->next[i], per);
  assert_int_equal(loop_alive(c->loop), 0);
}

static void test_post_4_threads(void **state) { run_threads(*state, 4, 100000); }

static int setup_tiny_ring(void **state) {
  ctx *c = calloc(1, sizeof(*c));
  loop_hooks h = {c, hook_timers, hook_immediates, hook_messages, hook_wake};
  if (loop_new_ex(&h, 8, &c->loop) != 0) return -1;
  *state = c;
  return 0;
}

static void test_post_4_threads_tiny_ring(void **state) {
  ctx *c = *state;
  assert_int_equal(loop_ring_capacity(c->loop), 8);
  run_threads(c, 4, 100000);
  assert_true(c->msg_batches > 1);
}

/* ---- run, refs, stop ----------------------------------------------------------------- */

static void test_ref_unref(void **state) {
  ctx *c = *state;
  assert_int_equal(loop_alive(c->loop), 0);
  loop_ref(c->loop);
  loop_ref(c->loop);
  assert_int_equal(loop_alive(c->loop), 1);
  loop_unref(c->loop);
  assert_int_equal(loop_alive(c->loop), 1);
  loop_unref(c->loop);
  assert_int_equal(loop_alive(c->loop), 0);
  loop_unref(c->loop); /* extra unref: no underflow */
  loop_ref(c->loop);
  assert_int_equal(loop_alive(c->loop), 1);
  loop_unref(c->loop);
  assert_int_equal(loop_run(c->loop, UV_RUN_DEFAULT), 0);
}

/* A thread that posts later keeps the loop waiting through loop_ref. */
static void test_ref_waits_for_late_post(void **state) {
  ctx *c = *state;
  pthread_t th;
  post_arg a = {c->loop, 0, 1, 30};
  c->on_msg = check_producer_order;
  c->expected = 1;
  loop_ref(c->loop);
  pthread_create(&th, NULL, post_thread, &a);
  assert_int_equal(loop_run(c->loop, UV_RUN_DEFAULT), 0);
  pthread_join(th, NULL);
  assert_int_equal(c->received, 1);
}

static void test_nowait_turn(void **state) {
  ctx *c = *state;
  double far;
  /* Not due: NOWAIT returns at once, work pending. */
  far = loop_timer_start(c->loop, 60000, 0);
  assert_int_equal(loop_run(c->loop, UV_RUN_NOWAIT), 1);
  assert_int_equal(c->nev, 0);
  loop_timer_clear(c->loop, far);
  /* Due by the time of the turn: fires in that one turn. */
  loop_timer_start(c->loop, 2, 0);
  loop_timer_start(c->loop, 3, 0);
  sleep_ms(10);
  assert_int_equal(loop_run(c->loop, UV_RUN_NOWAIT), 0);
  assert_int_equal(c->nev, 2);
  assert_int_equal(c->timer_batches, 1);
  /* Nothing alive: NOWAIT is a no-op. */
  assert_int_equal(loop_run(c->loop, UV_RUN_NOWAIT), 0);
}

static void stop_in_timer(ctx *c, double id) {
  loop_stop(c->loop);
  loop_set_immediates(c->loop, 1, 1);
}

/* After loop_stop in a hook, no other hook runs until loop_run returns; the next run
 * picks the queued work up. */
static void test_stop_from_hook(void **state) {
  ctx *c = *state;
  loop_msg m = {0};
  loop_timer_start(c->loop, 1, 0);
  loop_timer_start(c->loop, 30, 0);
  c->on_fire = stop_in_timer;
  assert_int_equal(loop_run(c->loop, UV_RUN_DEFAULT), 1);
  assert_int_equal(c->nev, 1);
  assert_int_equal(c->imm_calls, 0);
  c->on_fire = NULL;
  c->on_imm = imm_once;
  assert_int_equal(loop_post_local(c->loop, &m), 0);
  assert_int_equal(loop_run(c->loop, UV_RUN_DEFAULT), 0);
  assert_int_equal(c->imm_calls, 1);
  assert_int_equal(count_kind(c, EV_TIMER), 2);
  assert_int_equal(count_kind(c, EV_MSG), 1);
}

static void test_backend(void **state) {
  ctx *c = *state;
  loop_msg m = {0};
  double t;
  int to;
  assert_true(loop_backend_fd(c->loop) >= 0);
  t = loop_timer_start(c->loop, 500, 0);
  /* Before its first turn libuv answers 0 (its watchers are not registered with the
   * backend yet): an embedder runs one NOWAIT turn first. */
  assert_int_equal(loop_run(c->loop, UV_RUN_NOWAIT), 1);
  to = loop_backend_timeout(c->loop);
  assert_true(to > 0 && to <= 500);
  loop_set_immediates(c->loop, 1, 0);
  assert_int_equal(loop_backend_timeout(c->loop), 0);
  loop_set_immediates(c->loop, 0, 0);
  assert_true(loop_backend_timeout(c->loop) > 0);
  assert_int_equal(loop_post(c->loop, &m), 0); /* ring message pending */
  assert_int_equal(loop_backend_timeout(c->loop), 0);
  assert_int_equal(loop_alive(c->loop), 1);
  loop_run(c->loop, UV_RUN_NOWAIT);
  assert_int_equal(c->msg_batches, 1);
  assert_true(loop_backend_timeout(c->loop) > 0);
  loop_timer_clear(c->loop, t);
  assert_true(loop_now(c->loop) > 0 || loop_hrtime() > 0);
}

/* ---- teardown with pending work ------------------------------------------------------ */

static void foreign_cb(uv_timer_t *t) { (void)t; }

static size_t dropped;
static void drop(loop_msg *m) {
  free(m->ptr);
  dropped++;
}

static void test_free_with_pending_work(void **state) {
  ctx c = {0};
  loop_hooks h = {&c, hook_timers, hook_immediates, hook_messages, hook_wake};
  uv_timer_t foreign;
  loop_msg m = {0};
  (void)state;
  assert_int_equal(loop_new_ex(&h, 4, &c.loop), 0);
  for (int i = 0; i < 5; i++) loop_timer_start(c.loop, 1000 + i, i & 1);
  for (int i = 0; i < 3; i++) {
    m.ptr = malloc(16);
    assert_int_equal(loop_post_local(c.loop, &m), 0);
  }
  for (int i = 0; i < 10; i++) { /* more than the ring holds: overflow too */
    m.ptr = malloc(16);
    assert_int_equal(loop_post(c.loop, &m), 0);
  }
  /* A handle the owner forgot: closed by loop_free. */
  uv_timer_init(loop_uv(c.loop), &foreign);
  assert_int_equal(uv_timer_start(&foreign, foreign_cb, 1000, 0), 0);
  dropped = 0;
  loop_free(c.loop, drop);
  assert_int_equal(dropped, 13);
  free(c.ev);
  free(c.ev_id);
}

/* Two loops are independent (each its own uv_loop_t). */
static void test_two_loops(void **state) {
  ctx *c = *state, d = {0};
  loop_hooks h = {&d, hook_timers, hook_immediates, hook_messages, hook_wake};
  assert_int_equal(loop_new(&h, &d.loop), 0);
  assert_ptr_not_equal(loop_uv(c->loop), loop_uv(d.loop));
  assert_ptr_not_equal(loop_uv(c->loop), uv_default_loop());
  loop_timer_start(c->loop, 1, 0);
  loop_timer_start(d.loop, 1, 0);
  loop_run(d.loop, UV_RUN_DEFAULT);
  assert_int_equal(d.nev, 1);
  assert_int_equal(c->nev, 0);
  assert_int_equal(loop_alive(c->loop), 1);
  loop_run(c->loop, UV_RUN_DEFAULT);
  assert_int_equal(c->nev, 1);
  loop_free(d.loop, NULL);
  free(d.ev);
  free(d.ev_id);
  uv_loop_close(uv_default_loop());
}

/* ---- wake-ups ------------------------------------------------------------------------ */

static void test_wake_requests_coalesce(void **state) {
  ctx *c = *state;
  assert_int_equal(loop_alive(c->loop), 0);
  loop_wake(c->loop);
  loop_wake(c->loop);
  loop_wake(c->loop);
  /* Pending, it keeps the loop alive and polling must not block. */
  assert_int_equal(loop_alive(c->loop), 1);
  assert_int_equal(loop_backend_timeout(c->loop), 0);
  assert_int_equal(loop_run(c->loop, UV_RUN_DEFAULT), 0);
  assert_int_equal(atomic_load(&c->wakes), 1);
  assert_int_equal(loop_alive(c->loop), 0);
}

static void wake_again(ctx *c) {
  if (atomic_load(&c->wakes) < 5) loop_wake(c->loop);
}

/* A request made by the hook itself is a new one: it runs again, without blocking. */
static void test_wake_from_hook(void **state) {
  ctx *c = *state;
  c->on_wake = wake_again;
  loop_wake(c->loop);
  assert_int_equal(loop_run(c->loop, UV_RUN_DEFAULT), 0);
  assert_int_equal(atomic_load(&c->wakes), 5);
}

static void wake_stop(ctx *c) {
  loop_stop(c->loop);
  loop_wake(c->loop);
}

static void stop_cb(ctx *c, double id) {
  (void)id;
  loop_stop(c->loop);
}

/* A wake-up requested while the loop is stopped (by the hook, or a loop_wake_after delay
 * that ends then) waits for the next run. */
static void test_wake_survives_stop(void **state) {
  ctx *c = *state;
  c->on_wake = wake_stop;
  loop_wake(c->loop);
  assert_int_equal(loop_run(c->loop, UV_RUN_DEFAULT), 1);
  assert_int_equal(atomic_load(&c->wakes), 1);
  c->on_wake = NULL;
  assert_int_equal(loop_run(c->loop, UV_RUN_DEFAULT), 0);
  assert_int_equal(atomic_load(&c->wakes), 2);
  /* Both due in the same timers phase; the timer (earlier) stops the loop. */
  c->on_fire = stop_cb;
  loop_timer_start(c->loop, 1, 0);
  loop_wake_after(c->loop, 1);
  sleep_ms(5);
  assert_int_equal(loop_run(c->loop, UV_RUN_DEFAULT), 1);
  assert_int_equal(atomic_load(&c->wakes), 2);
  assert_int_equal(loop_run(c->loop, UV_RUN_DEFAULT), 0);
  assert_int_equal(atomic_load(&c->wakes), 3);
}

enum { WAKE_ROUNDS = 2000 };

static void unref_on_msg(ctx *c, loop_msg *m) {
  (void)m;
  loop_unref(c->loop);
}

static void unref_after_rounds(ctx *c) {
  if (atomic_load(&c->wakes) == WAKE_ROUNDS) loop_unref(c->loop);
}

/* Each round the thread requests a wake-up and waits (at most 5 s) until the loop ran it:
 * a lost request would leave the loop asleep. Then the ref is dropped. */
static void *wake_thread(void *p) {
  ctx *c = p;
  for (size_t r = 1; r <= WAKE_ROUNDS; r++) {
    uint64_t t0 = loop_hrtime();
    loop_wake(c->loop);
    while (atomic_load(&c->wakes) < r) {
      if (loop_hrtime() - t0 > 5000000000ull) { /* lost: end the run by a message */
        loop_msg m = {0};
        c->limit = r;
        loop_post(c->loop, &m);
        return NULL;
      }
    }
  }
  return NULL;
}

static void test_wake_from_thread_never_lost(void **state) {
  ctx *c = *state;
  pthread_t th;
  c->on_wake = unref_after_rounds;
  c->on_msg = unref_on_msg;
  loop_ref(c->loop);
  assert_int_equal(pthread_create(&th, NULL, wake_thread, c), 0);
  assert_int_equal(loop_run(c->loop, UV_RUN_DEFAULT), 0);
  pthread_join(th, NULL);
  assert_int_equal(c->limit, 0);
  assert_int_equal(atomic_load(&c->wakes), WAKE_ROUNDS);
}

static void test_wake_after(void **state) {
  ctx *c = *state;
  /* Alone it does not keep the loop alive. */
  loop_wake_after(c->loop, 50);
  assert_int_equal(loop_alive(c->loop), 0);
  assert_int_equal(loop_run(c->loop, UV_RUN_DEFAULT), 0);
  assert_int_equal(atomic_load(&c->wakes), 0);
  /* While a timer keeps it alive, it runs no earlier than asked, before the later timer. */
  uint64_t t0 = loop_hrtime();
  loop_wake_after(c->loop, 50);
  double t = loop_timer_start(c->loop, 150, 0);
  loop_run(c->loop, UV_RUN_DEFAULT);
  assert_int_equal(atomic_load(&c->wakes), 1);
  assert_true(c->wake_ns - t0 >= 49 * 1000000ull);
  assert_int_equal(c->nev, 2);
  assert_true(c->ev[0] == EV_WAKE && c->ev[1] == EV_TIMER && c->ev_id[1] == t);
  /* A later request replaces the earlier one; a negative delay cancels. */
  t0 = loop_hrtime();
  loop_wake_after(c->loop, 5);
  loop_wake_after(c->loop, 60);
  loop_timer_start(c->loop, 120, 0);
  loop_run(c->loop, UV_RUN_DEFAULT);
  assert_int_equal(atomic_load(&c->wakes), 2);
  assert_true(c->wake_ns - t0 >= 59 * 1000000ull);
  loop_wake_after(c->loop, 5);
  loop_wake_after(c->loop, -1);
  loop_timer_start(c->loop, 40, 0);
  loop_run(c->loop, UV_RUN_DEFAULT);
  assert_int_equal(atomic_load(&c->wakes), 2);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void) {
  const struct CMUnitTest tests[] = {
      T(test_equal_delays_fire_in_creation_order),
      T(test_different_delays_fire_by_deadline),
      T(test_fractional_delay_rounds_up),
      T(test_clear_before_fire),
      T(test_clear_fired_or_unknown),
      T(test_clear_later_timer_of_same_batch),
      T(test_interval_rearms_and_clears_from_hook),
      T(test_timer_made_in_batch_waits_for_next_batch),
      T(test_unrefd_timer_does_not_keep_loop_alive),
      T(test_unrefd_timer_fires_while_loop_alive),
      T(test_100k_timers_fire_once_in_order),
      T(test_slab_reuse_1m),
      T(test_immediates_run_without_blocking),
      T(test_immediates_ref),
      T(test_post_local_same_turn),
      T(test_post_local_outside_run),
      T(test_post_4_threads),
      cmocka_unit_test_setup_teardown(test_post_4_threads_tiny_ring, setup_tiny_ring, teardown),
      T(test_ref_unref),
      T(test_ref_waits_for_late_post),
      T(test_nowait_turn),
      T(test_stop_from_hook),
      T(test_backend),
      cmocka_unit_test(test_free_with_pending_work),
      T(test_two_loops),
      T(test_wake_requests_coalesce),
      T(test_wake_from_hook),
      T(test_wake_survives_stop),
      T(test_wake_from_thread_never_lost),
      T(test_wake_after),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
