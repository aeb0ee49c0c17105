/*
 * loop.c: lifecycle, phases and run of mrt's event loop. See loop.h.
 *
 * Handles owned here (all on the loop's own uv_loop_t):
 *  timer  the single uv_timer_t armed for the earliest deadline of `timers` (timers.c);
 *         referenced iff some pending timer is referenced;
 *  idle   does nothing when it runs; while active, uv_run's poll does not block. Active
 *         while immediates are queued or messages wait; referenced while referenced
 *         immediates are queued or messages wait;
 *  check  always active, never referenced: drains messages and runs immediates;
 *  wakeup a uv_poll_t on an eventfd that other threads write to wake the loop for
 *         loop_post and loop_wake (coalesced, below); referenced iff loop_ref count > 0;
 *  wake_timer  loop_wake_after's delay; never referenced.
 *
 * Order of one loop turn (libuv's uv_run, with what mrt does in each phase):
 *  1. timers   uv time updated; timer_cb pops every timer due at that time, calls
 *              hooks.on_timers once with the batch (the owner re-arms each interval after
 *              its callback: loop_timer_rearm), then re-arms the
 *              uv_timer (at least 1 ms ahead, as Node does, so timers made in the batch
 *              never join it);
 *  2. pending  deferred I/O callbacks (core's);
 *  3. idle     (ours does nothing; it only keeps poll from blocking);
 *  4. prepare  (core's, if any);
 *  5. poll     I/O callbacks (core's TCP/fs); wakeup_cb: drain messages (local + ring) and
 *              call hooks.on_messages once, then hooks.on_wake if a wake-up is pending;
 *              wake_timer's callback (in the timers phase) calls hooks.on_wake;
 *  6. check    check_cb: drain messages again while any arrive (local posts made by timer
 *              callbacks, by I/O callbacks of this turn or by the delivery itself, ring
 *              posts since), at most LOCAL_ROUNDS batches, then hooks.on_wake if a wake-up
 *              is pending, then hooks.on_immediates if immediates are queued;
 *  7. closing  close callbacks.
 * (This is libuv 1.44, Debian 12's. From 1.45 uv_run runs timers at the end of a turn
 * instead, plus once before the first turn in UV_RUN_DEFAULT; a NOWAIT turn still fires
 * due timers, but local posts from a timer batch are then drained in the next turn.)
 * So messages posted locally during a timer batch or an I/O callback are delivered in the
 * same turn, after poll, before immediates (as Node runs I/O callbacks before setImmediate).
 * Messages posted while a drain is being delivered go to the next drain: in the check phase
 * that is the next of at most LOCAL_ROUNDS rounds (an awaited op that completes at once costs
 * no poll of the OS), after which they wait for the next turn (poll does not block
 * meanwhile), so posting cannot starve timers or I/O.
 * After loop_stop no hook is called until loop_run returns; the work stays queued.
 *
 * Waking the loop from other threads. A post from another thread (loop_post, loop_wake)
 * writes the eventfd only if no wake-up is pending already (`signaled`): one write per
 * batch the loop takes. This is uv_async_send's scheme without its cost: libuv's receiver
 * spins (uv__async_spin) while a sender is between its flag and its write, which on 2 busy
 * cores took 40-50% of the CPU of a worker round trip.
 * No wake-up is lost (a Dekker pair; seq_cst fences on both sides):
 *   loop thread, wakeup_cb: L0 read the eventfd;  L1 signaled = 0;  L2 fence;  L3 drain.
 *   producer:               Q1 push item (or set wake_req);  Q2 fence;  Q3 load signaled;
 *                           1: skip; 0: exchange it to 1 and, if it was 0, write the eventfd.
 * If Q2 comes before L2 in the fences' total order, the drain at L3 sees the item; if L2
 * comes first, Q3 reads 0 (or 1 set by another producer after L1, which writes the eventfd
 * itself), so the eventfd is written after L1, hence after L0's read, and wakes the loop
 * again. A producer whose slot is not at the ring's head relies on the head's producer
 * doing the same after it publishes.
 * (Waking only a parked loop, i.e. skipping the write while the loop is awake and letting a
 * prepare handle look at the ring before poll blocks, was tried: the round trip was as fast,
 * but fsread's throughput fell to 0.5-0.6x, for a reason not found yet.)
 */
#include "loop.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "loop_internal.h"
#include "pool.h"
#include "ring.h"
#include "timers.h"

#define DEFAULT_RING_CAPACITY 1024
#define MAX_SAFE_ID 9007199254740992.0 /* 2^53 */

typedef struct msgbuf {
  loop_msg *items;
  size_t n, cap;
} msgbuf;

struct loop {
  uv_loop_t uv;
  uv_timer_t timer;
  uv_idle_t idle;
  uv_check_t check;
  uv_poll_t wakeup;
  uv_timer_t wake_timer;
  int wake_fd; /* eventfd: written by other threads, once per pending wake-up */
  loop_hooks hooks;

  timers timers;
  uint64_t armed_deadline; /* valid while armed */
  uint64_t callback_start; /* in a batch: when the current timer callback started */

  msgbuf bufs[2];
  msgbuf *local; /* loop_post_local appends here; the other buffer is being delivered */

  size_t imm_count;
  unsigned refs;
  uint8_t armed, in_batch, imm_ref, idle_active, stop_req, closing, delivering;

  loop_pool *pool; /* pool.c: made by the first loop_work_submit */

  /* Shared with other threads, on their own cache line: loop_wake's request, and whether the
   * eventfd was written and not yet read (see the top of this file). */
  _Alignas(64) atomic_int wake_req;
  atomic_int signaled;

  ring ring; /* last: it is cache-line aligned and large */
};

/* ---- helpers ------------------------------------------------------------------------- */

static int id_of(double id, uint64_t *out) {
  if (!(id >= 1 && id < MAX_SAFE_ID)) return 0;
  *out = (uint64_t)id;
  return (double)*out == id;
}

static void timer_ref_update(loop_t *loop) {
  if (loop->timers.nref > 0) uv_ref((uv_handle_t *)&loop->timer);
  else uv_unref((uv_handle_t *)&loop->timer);
}

static void timer_cb(uv_timer_t *h);

/* Arms the uv_timer for the earliest deadline. A timer already armed earlier is left alone:
 * at worst it wakes once for nothing and re-arms, cheaper than re-arming on every clear. */
static void timer_arm(loop_t *loop, uint64_t min_timeout) {
  uint64_t d, now, timeout;
  if (!timers_next(&loop->timers, &d)) {
    if (loop->armed) uv_timer_stop(&loop->timer);
    loop->armed = 0;
    return;
  }
  if (loop->armed && loop->armed_deadline <= d) return;
  now = uv_now(&loop->uv);
  timeout = d > now ? d - now : 0;
  if (timeout < min_timeout) timeout = min_timeout;
  uv_timer_start(&loop->timer, timer_cb, timeout, 0);
  loop->armed = 1;
  loop->armed_deadline = now + timeout;
}

static int msgs_waiting(loop_t *loop) {
  return loop->local->n > 0 || ring_ready(&loop->ring);
}

static int wake_pending(loop_t *loop) {
  return atomic_load_explicit(&loop->wake_req, memory_order_relaxed) != 0;
}

/* Messages or a wake-up wait: the loop is alive and must not block. */
static int work_waiting(loop_t *loop) { return msgs_waiting(loop) || wake_pending(loop); }

static void idle_cb(uv_idle_t *h) { (void)h; }

static void idle_update(loop_t *loop) {
  int msgs = work_waiting(loop);
  int active = loop->imm_count > 0 || msgs;
  int ref = (loop->imm_count > 0 && loop->imm_ref) || msgs;
  if (active != loop->idle_active) {
    if (active) uv_idle_start(&loop->idle, idle_cb);
    else uv_idle_stop(&loop->idle);
    loop->idle_active = (uint8_t)active;
  }
  if (ref) uv_ref((uv_handle_t *)&loop->idle);
  else uv_unref((uv_handle_t *)&loop->idle);
}

static int buf_grow(msgbuf *b) {
  size_t cap = b->cap ? b->cap * 2 : 64;
  loop_msg *p = realloc(b->items, cap * sizeof(*p));
  if (p == NULL) return -1;
  b->items = p;
  b->cap = cap;
  return 0;
}

/* ---- phases -------------------------------------------------------------------------- */

static void timer_cb(uv_timer_t *h) {
  loop_t *loop = h->data;
  loop->armed = 0; /* libuv stopped it before calling us */
  if (loop->closing) return;
  if (!loop->stop_req) {
    /* uv_now is the time taken at the start of this turn: everything due then fires now,
     * in (deadline, creation) order, as one batch. */
    size_t n = timers_pop_due(&loop->timers, uv_now(&loop->uv));
    if (n > 0) {
      loop->in_batch = 1;
      loop->callback_start = uv_now(&loop->uv);
      if (loop->hooks.on_timers) loop->hooks.on_timers(loop->hooks.data, loop->timers.batch_ids, n);
      uv_update_time(&loop->uv);
      timers_end_batch(&loop->timers, uv_now(&loop->uv));
      loop->in_batch = 0;
    }
  }
  timer_arm(loop, 1);
  timer_ref_update(loop);
}

/* Delivers every message waiting now (local first, then at most one lap of the ring, so
 * busy producers cannot keep the loop thread here) in one on_messages call. */
static void drain(loop_t *loop) {
  msgbuf *b = loop->local;
  size_t limit = ring_capacity(&loop->ring);
  if (loop->delivering) return;
  /* Swap buffers: posts made by the hook go to the other (empty) one, no copying. */
  loop->local = b == &loop->bufs[0] ? &loop->bufs[1] : &loop->bufs[0];
  loop->delivering = 1; /* neither a done callback below nor the hook may drain again */
  while (limit-- > 0) {
    if (b->n == b->cap && buf_grow(b)) break;
    if (!ring_pop(&loop->ring, &b->items[b->n])) break;
    /* A pool item: its done runs now (results it posts go to the other buffer). */
    if (b->items[b->n].kind == LOOP_MSG_POOL) pool_finished(loop, &b->items[b->n]);
    else b->n++;
  }
  if (b->n > 0) {
    if (loop->hooks.on_messages) loop->hooks.on_messages(loop->hooks.data, b->items, b->n);
    b->n = 0;
  }
  loop->delivering = 0;
  idle_update(loop);
}

size_t loop_deliver_local(loop_t *loop) {
  size_t n = loop->local->n;
  if (n == 0 || loop->delivering || loop->closing || loop->stop_req) return 0;
  drain(loop);
  return n;
}

/* Takes a pending wake-up and calls the owner. A loop_wake from now on (also by the hook
 * itself) is a new request. */
static void run_wake(loop_t *loop) {
  if (!wake_pending(loop) || !atomic_exchange(&loop->wake_req, 0)) return;
  if (loop->hooks.on_wake) loop->hooks.on_wake(loop->hooks.data);
  idle_update(loop);
}

/* Another thread wrote the eventfd: the ring or a wake-up has work (L1-L3 at the top of
 * this file: posts from now on signal again). */
static void wakeup_cb(uv_poll_t *h, int status, int events) {
  loop_t *loop = h->data;
  uint64_t count;
  (void)status, (void)events;
  /* Read first, then clear: a write landing between a clear and the read would be consumed
   * with the flag left set, and every later post would skip its write (a hang). */
  while (read(loop->wake_fd, &count, sizeof(count)) < 0 && errno == EINTR) continue;
  atomic_store_explicit(&loop->signaled, 0, memory_order_relaxed);
  atomic_thread_fence(memory_order_seq_cst);
  if (loop->closing || loop->stop_req) return;
  drain(loop);
  if (!loop->stop_req) run_wake(loop);
}

static void wake_timer_cb(uv_timer_t *h) {
  loop_t *loop = h->data;
  if (loop->closing) return;
  /* As a loop_wake: stopped, it waits for the next run; else it runs now. */
  atomic_store(&loop->wake_req, 1);
  if (!loop->stop_req) run_wake(loop);
}

/* Results that complete on the loop thread while their batch is delivered (an awaited op
 * completing at once) are delivered in the same phase, up to this many batches, so that a
 * round trip costs no poll of the OS; then the loop moves on (timers, I/O). */
#define LOCAL_ROUNDS 64

static void check_cb(uv_check_t *h) {
  loop_t *loop = h->data;
  if (loop->closing || loop->stop_req) return;
  for (int i = 0; i < LOCAL_ROUNDS && msgs_waiting(loop) && !loop->stop_req; i++) drain(loop);
  if (!loop->stop_req) run_wake(loop);
  if (loop->imm_count > 0 && !loop->stop_req && loop->hooks.on_immediates)
    loop->hooks.on_immediates(loop->hooks.data);
}

/* ---- lifecycle ----------------------------------------------------------------------- */

static void close_any(uv_handle_t *h, void *arg) {
  (void)arg;
  if (!uv_is_closing(h)) uv_close(h, NULL);
}

int loop_new_ex(const loop_hooks *hooks, size_t ring_capacity, loop_t **out) {
  loop_t *loop;
  int err;
  *out = NULL;
  /* aligned_alloc: the ring's producer counters sit on their own cache lines. */
  loop = aligned_alloc(64, (sizeof(*loop) + 63) & ~(size_t)63);
  if (loop == NULL) return UV_ENOMEM;
  memset(loop, 0, sizeof(*loop));
  if (hooks) loop->hooks = *hooks;
  timers_init(&loop->timers);
  loop->local = &loop->bufs[0];
  atomic_init(&loop->signaled, 0);
  loop->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (loop->wake_fd < 0) {
    err = -errno;
    free(loop);
    return err;
  }
  if (ring_init(&loop->ring, ring_capacity, sizeof(loop_msg))) {
    close(loop->wake_fd);
    free(loop);
    return UV_ENOMEM;
  }
  err = uv_loop_init(&loop->uv);
  if (err) {
    ring_destroy(&loop->ring);
    close(loop->wake_fd);
    free(loop);
    return err;
  }
  uv_timer_init(&loop->uv, &loop->timer);
  uv_idle_init(&loop->uv, &loop->idle);
  uv_check_init(&loop->uv, &loop->check);
  uv_timer_init(&loop->uv, &loop->wake_timer);
  err = uv_poll_init(&loop->uv, &loop->wakeup, loop->wake_fd);
  if (!err) err = uv_poll_start(&loop->wakeup, UV_READABLE, wakeup_cb);
  loop->timer.data = loop->idle.data = loop->check.data = loop->wakeup.data = loop;
  loop->wake_timer.data = loop;
  if (err) {
    /* Only the poll handle can fail (epoll_ctl); close the rest. */
    uv_walk(&loop->uv, close_any, NULL);
    uv_run(&loop->uv, UV_RUN_DEFAULT);
    uv_loop_close(&loop->uv);
    ring_destroy(&loop->ring);
    close(loop->wake_fd);
    free(loop);
    return err;
  }
  uv_check_start(&loop->check, check_cb);
  /* None of ours keeps the loop alive by itself; the ref state follows the counters. */
  uv_unref((uv_handle_t *)&loop->timer);
  uv_unref((uv_handle_t *)&loop->idle);
  uv_unref((uv_handle_t *)&loop->check);
  uv_unref((uv_handle_t *)&loop->wakeup);
  uv_unref((uv_handle_t *)&loop->wake_timer);
  *out = loop;
  return 0;
}

int loop_new(const loop_hooks *hooks, loop_t **out) {
  return loop_new_ex(hooks, DEFAULT_RING_CAPACITY, out);
}

/* A message taken off the ring at teardown: a pool item's done runs, the rest is dropped. */
static void drop_ring_item(loop_t *loop, loop_msg *m, void (*drop)(loop_msg *msg)) {
  if (m->kind == LOOP_MSG_POOL) pool_finished(loop, m);
  else if (drop) drop(m);
}

void loop_free(loop_t *loop, void (*drop)(loop_msg *msg)) {
  loop_msg m;
  size_t i;
  if (loop == NULL) return;
  loop->closing = 1;
  /* The pool's threads first (they post and wake through handles closed below); every item
   * gets its done while the loop's handles still exist. */
  pool_stop(loop->pool);
  while (ring_pop(&loop->ring, &m)) drop_ring_item(loop, &m, drop);
  /* Ours and anything the owner left open: close callbacks must run before the memory
   * goes, and uv_loop_close refuses a loop with open handles. */
  uv_walk(&loop->uv, close_any, NULL);
  uv_run(&loop->uv, UV_RUN_DEFAULT);
  uv_loop_close(&loop->uv);
  close(loop->wake_fd);

  for (i = 0; i < 2; i++) {
    msgbuf *b = &loop->bufs[i];
    if (drop)
      for (size_t k = 0; k < b->n; k++) drop(&b->items[k]);
    free(b->items);
  }
  /* Producers have stopped (the caller's duty), so no slot is mid-write: this empties it. */
  while (ring_pop(&loop->ring, &m)) drop_ring_item(loop, &m, drop);
  ring_destroy(&loop->ring);
  pool_free(loop->pool);
  timers_destroy(&loop->timers);
  free(loop);
}

void loop_discard(loop_t *loop, void (*fn)(void *data, loop_msg *msg), void *data) {
  loop_msg m;
  for (size_t i = 0; i < 2; i++) {
    msgbuf *b = &loop->bufs[i];
    for (size_t k = 0; k < b->n; k++) fn(data, &b->items[k]);
    b->n = 0;
  }
  while (ring_pop(&loop->ring, &m)) {
    if (m.kind == LOOP_MSG_POOL) pool_finished(loop, &m);
    else fn(data, &m);
  }
  idle_update(loop);
}

uv_loop_t *loop_uv(loop_t *loop) { return &loop->uv; }

/* ---- run ----------------------------------------------------------------------------- */

int loop_alive(loop_t *loop) {
  return uv_loop_alive(&loop->uv) || work_waiting(loop);
}

int loop_run(loop_t *loop, uv_run_mode mode) {
  /* Work queued while stopped, or posted from another thread without a ref. */
  idle_update(loop);
  for (;;) {
    uv_run(&loop->uv, mode);
    if (mode != UV_RUN_DEFAULT || loop->stop_req || !loop_alive(loop)) break;
    idle_update(loop);
  }
  loop->stop_req = 0;
  return loop_alive(loop);
}

void loop_stop(loop_t *loop) {
  loop->stop_req = 1;
  uv_stop(&loop->uv);
}

/* ---- timers -------------------------------------------------------------------------- */

double loop_timer_start(loop_t *loop, double delay_ms, int repeat) {
  uint64_t delay, id;
  /* Integer ms, rounded up: the timer fires once now - start >= delay_ms, as in Node. */
  if (!(delay_ms >= 1)) delay = 1;
  else if (delay_ms >= 1e12) delay = (uint64_t)1e12;
  else {
    delay = (uint64_t)delay_ms;
    if ((double)delay < delay_ms) delay++;
  }
  /* Start from the current time, not the turn's cached one (Node's getLibuvNow does the
   * same): a timer made late in a long callback must not fire early. */
  uv_update_time(&loop->uv);
  id = timers_start(&loop->timers, uv_now(&loop->uv), delay, repeat);
  if (id == 0) return 0;
  if (!loop->in_batch) timer_arm(loop, 0); /* in a batch, timer_cb re-arms afterwards */
  timer_ref_update(loop);
  return (double)id;
}

int loop_timer_clear(loop_t *loop, double id) {
  uint64_t u;
  int r;
  if (!id_of(id, &u)) return -1;
  r = timers_clear(&loop->timers, u);
  if (r == 0) {
    if (!loop->in_batch && loop->timers.pending == 0) timer_arm(loop, 0); /* stops it */
    timer_ref_update(loop);
  }
  return r;
}

int loop_timer_rearm(loop_t *loop, double id) {
  uint64_t u;
  if (!loop->in_batch || !id_of(id, &u)) return -1;
  return timers_rearm(&loop->timers, u, loop->callback_start);
}

void loop_timer_callback_starts(loop_t *loop) {
  /* Only an interval's re-arm reads the time: no clock read for batches without one. */
  if (!loop->in_batch || loop->timers.batch_intervals == 0) return;
  uv_update_time(&loop->uv);
  loop->callback_start = uv_now(&loop->uv);
}

int loop_timer_active(loop_t *loop, double id) {
  uint64_t u;
  return id_of(id, &u) && timers_active(&loop->timers, u);
}

void loop_timer_set_ref(loop_t *loop, double id, int ref) {
  uint64_t u;
  if (!id_of(id, &u)) return;
  timers_set_ref(&loop->timers, u, ref);
  timer_ref_update(loop);
}

size_t loop_timer_count(loop_t *loop) { return loop->timers.pending; }

/* ---- immediates, messages, refs ------------------------------------------------------ */

void loop_set_immediates(loop_t *loop, size_t count, int referenced) {
  loop->imm_count = count;
  loop->imm_ref = referenced != 0;
  idle_update(loop);
}

/* Q2-Q3 at the top of this file, after the item or request is published (Q1). Only the
 * first poster since the loop last read the eventfd writes it: wake-ups coalesce. */
static void signal_loop(loop_t *loop) {
  static const uint64_t one = 1;
  atomic_thread_fence(memory_order_seq_cst);
  if (atomic_load_explicit(&loop->signaled, memory_order_relaxed)) return;
  if (atomic_exchange_explicit(&loop->signaled, 1, memory_order_relaxed)) return;
  /* EAGAIN only if the counter is near 2^64: it is readable anyway. */
  while (write(loop->wake_fd, &one, sizeof(one)) < 0 && errno == EINTR) continue;
}

int loop_post(loop_t *loop, const loop_msg *msg) {
  if (ring_push(&loop->ring, msg) < 0) return -1;
  signal_loop(loop);
  return 0;
}

int loop_post_local(loop_t *loop, const loop_msg *msg) {
  msgbuf *b = loop->local;
  if (b->n == b->cap && buf_grow(b)) return -1;
  b->items[b->n++] = *msg;
  if (b->n == 1 && !loop->delivering) idle_update(loop);
  return 0;
}

void loop_wake(loop_t *loop) {
  /* Only the first request since the last run_wake signals. */
  if (atomic_exchange(&loop->wake_req, 1) == 0) signal_loop(loop);
}

void loop_wake_after(loop_t *loop, int64_t delay_ms) {
  if (delay_ms < 0) {
    uv_timer_stop(&loop->wake_timer);
    return;
  }
  /* From the current time, not the turn's cached one: never early. */
  uv_update_time(&loop->uv);
  uv_timer_start(&loop->wake_timer, wake_timer_cb, (uint64_t)delay_ms, 0);
}

void loop_ref(loop_t *loop) {
  if (loop->refs++ == 0) uv_ref((uv_handle_t *)&loop->wakeup);
}

void loop_unref(loop_t *loop) {
  if (loop->refs > 0 && --loop->refs == 0) uv_unref((uv_handle_t *)&loop->wakeup);
}

/* ---- embedding ----------------------------------------------------------------------- */

int loop_backend_fd(loop_t *loop) { return uv_backend_fd(&loop->uv); }

int loop_backend_timeout(loop_t *loop) {
  if (loop->imm_count > 0 || work_waiting(loop)) return 0;
  /* uv_backend_timeout says 0 for a loop with nothing alive: an outer poll would spin. */
  if (!uv_loop_alive(&loop->uv)) return -1;
  return uv_backend_timeout(&loop->uv);
}

uint64_t loop_now(loop_t *loop) { return uv_now(&loop->uv); }
uint64_t loop_hrtime(void) { return uv_hrtime(); }

/* ---- internal, for tests ------------------------------------------------------------- */

size_t loop_timer_slab_capacity(loop_t *loop) { return loop->timers.nodes_cap; }
size_t loop_timer_heap_capacity(loop_t *loop) { return loop->timers.heap_cap; }
size_t loop_ring_capacity(loop_t *loop) { return ring_capacity(&loop->ring); }
loop_pool **loop_pool_slot(loop_t *loop) { return &loop->pool; }
int loop_closing(loop_t *loop) { return loop->closing; }
