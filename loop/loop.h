/*
 * loop.h: mrt's event loop layer. Knows libuv, not V8.
 *
 * One loop per runtime (its own uv_loop_t, so several runtimes can live in one process).
 * It owns:
 *  - the timers: one structure (a heap keyed by deadline, then creation order) behind a single
 *    uv_timer_t armed for the earliest deadline; timer nodes come from a slab with a free list;
 *  - the immediates flag: whether the JS side has immediates queued (keeps the loop from
 *    blocking and runs the check phase);
 *  - the completion ring: a lock-free multi-producer/single-consumer ring through which any
 *    thread posts fixed-size messages, with an eventfd written once per pending wake-up;
 *  - wake-ups for an outside scheduler (loop_wake, loop_wake_after), e.g. V8's task queue;
 *  - ref accounting: the loop is alive while any referenced timer, immediate, handle or
 *    explicit ref is pending.
 *
 * Ready work is handed to the owner (core/) in batches through loop_hooks, from inside
 * loop_run. A hook may call loop_stop() to make loop_run return early (e.g. after an
 * uncaught exception).
 */
#ifndef MRT_LOOP_H
#define MRT_LOOP_H

#include <stddef.h>
#include <stdint.h>
#include <uv.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct loop loop_t;

/* A fixed-size message posted to the loop thread (by this thread or any other). */
typedef struct loop_msg {
  uint32_t id;    /* e.g. an async op's promise id */
  int32_t kind;   /* owner-defined; INT32_MIN is the pool's (pool.h) */
  double number;  /* owner-defined inline payload */
  void *ptr;      /* owner-defined out-of-line payload (ownership passes with the msg) */
  size_t len;
} loop_msg;

typedef struct loop_hooks {
  void *data;
  /* Due timers, in firing order (deadline, then creation). The owner re-arms each interval
   * right after its callback (loop_timer_rearm), so that it queues behind the timers the
   * callback created, as in Node; intervals not re-armed during the hook are re-armed when
   * it returns. A timer cleared by an earlier callback of the same batch is the owner's to
   * skip (loop_timer_active tells: during the hook, timers of the batch stay active until
   * delivered or cleared; one-shot ones are released when the hook returns).
   * `ids` is valid only during the call. */
  void (*on_timers)(void *data, const double *ids, size_t n);
  /* The check phase, when immediates are pending (after I/O polling). */
  void (*on_immediates)(void *data);
  /* Messages drained from the ring and from loop_post_local, in posting order per producer
   * (loop_post and loop_post_local count as different producers). `msgs` is valid only
   * during the call; posts made by the hook are delivered by the next drain (in the check
   * phase, up to 64 drains follow each other in the same turn). */
  void (*on_messages)(void *data, loop_msg *msgs, size_t n);
  /* Work the loop cannot see asked for a turn (loop_wake, loop_wake_after): e.g. the JS
   * engine's own task queue. In the poll phase (after on_messages) or the check phase
   * (before on_immediates), or when a loop_wake_after delay is up. */
  void (*on_wake)(void *data);
} loop_hooks;

int loop_new(const loop_hooks *hooks, loop_t **out);
/* Stops the worker pool (pool.h: each submitted item gets its done), closes every handle (the
 * owner's too, with no close callback: close yours first) and frees the loop. Undelivered
 * messages are passed to drop (may be NULL). The owner's threads must have stopped posting. */
void loop_free(loop_t *loop, void (*drop)(loop_msg *msg));
/* Passes every message still queued (local and ring) to fn instead of delivering it, e.g.
 * to settle accounts before loop_free (pool items finished by then get their done). Loop
 * thread only; the owner's threads must have stopped posting. */
void loop_discard(loop_t *loop, void (*fn)(void *data, loop_msg *msg), void *data);
uv_loop_t *loop_uv(loop_t *loop);

/* Runs the loop. UV_RUN_DEFAULT until nothing is alive or loop_stop; UV_RUN_NOWAIT for one
 * non-blocking turn. Returns 1 if work is still pending afterwards, 0 if not. */
int loop_run(loop_t *loop, uv_run_mode mode);
void loop_stop(loop_t *loop);
/* 1 while any referenced work is pending. */
int loop_alive(loop_t *loop);

/* Timers. delay_ms is already coerced (>= 1, Node's rules) by the caller; a fraction rounds
 * up. The deadline counts from the current time (uv_update_time), as Node does. Ids are
 * positive integers below 2^53, increasing, never reused within a loop's life; 0 means out
 * of memory. */
double loop_timer_start(loop_t *loop, double delay_ms, int repeat);
/* Removes a pending timer; 0 if it was pending, -1 if unknown or already fired. */
int loop_timer_clear(loop_t *loop, double id);
int loop_timer_active(loop_t *loop, double id);
/* During on_timers: re-arms an interval of the batch after its callback, from the time the
 * callback started. 0 if re-armed, -1 if not an interval waiting for it (cleared, etc.). */
int loop_timer_rearm(loop_t *loop, double id);
/* During on_timers: the next timer callback starts now (call after each callback and its
 * microtasks; the start is what an interval's next deadline counts from). */
void loop_timer_callback_starts(loop_t *loop);
/* Node's timer.ref()/unref(): an unreferenced timer does not keep the loop alive. */
void loop_timer_set_ref(loop_t *loop, double id, int ref);
size_t loop_timer_count(loop_t *loop);

/* Tells the loop whether the owner has immediates queued (count > 0). */
void loop_set_immediates(loop_t *loop, size_t count, int referenced);

/* Posting messages. loop_post from any thread (lock-free; wakes the loop). loop_post_local
 * from the loop thread only (no wake-up needed, no atomics). Both return 0, or -1 if the
 * message could not be queued (out of memory). */
int loop_post(loop_t *loop, const loop_msg *msg);
int loop_post_local(loop_t *loop, const loop_msg *msg);

/* Delivers the messages posted with loop_post_local (and whatever the ring holds) now,
 * outside loop_run, in one on_messages call; returns how many local messages there were.
 * The owner's fast lane: results that completed on the loop thread reach JS without a
 * poll of the OS. */
size_t loop_deliver_local(loop_t *loop);

/* Wake-ups for work queued somewhere the loop cannot see (the owner's scheduler).
 * loop_wake from any thread: hooks.on_wake runs soon on the loop thread. Requests made before
 * it runs coalesce into one call; it never fails and never allocates (a flag and the eventfd
 * handle), so no wake-up is lost. While one is pending the loop is alive and does not block.
 * After loop_stop it stays pending for the next run. */
void loop_wake(loop_t *loop);
/* Loop thread: hooks.on_wake runs once delay_ms (>= 0) have passed; replaces the previous
 * request of this kind; delay_ms < 0 cancels it. It does not keep the loop alive. */
void loop_wake_after(loop_t *loop, int64_t delay_ms);

/* Explicit refs (outstanding work the loop cannot see, e.g. a thread that will post).
 * Loop thread only. */
void loop_ref(loop_t *loop);
void loop_unref(loop_t *loop);

/* For embedders with their own poll loop. The timeout is in ms: 0 when work is ready,
 * the next timer's delay, or -1 when nothing is pending (nothing to wake up for). */
int loop_backend_fd(loop_t *loop);
int loop_backend_timeout(loop_t *loop);

/* The loop's clock in ms (uv_now; updated at the start of each turn) and a fresh
 * high-resolution reading in ns. */
uint64_t loop_now(loop_t *loop);
uint64_t loop_hrtime(void);

#ifdef __cplusplus
}
#endif
#endif /* MRT_LOOP_H */
