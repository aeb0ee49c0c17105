/*
 * pool.h: the loop's worker pool, for blocking work (files now; DNS, compression, crypto
 * later). uv_queue_work's shape: `work` runs on a pool thread, then `done` on the loop
 * thread.
 *
 * One pool per loop, made by the first loop_work_submit (nothing costs until used): up to
 * LOOP_POOL_THREADS threads, each started when queued work finds no idle thread. Work
 * submitted during a turn is handed to the threads in one batch right before the loop polls
 * (one lock for the batch, and only the wake-ups needed). A finished item comes back through
 * the loop's lock-free completion ring (no lock on that path) and its `done` runs when the
 * ring is drained, before the owner's messages of that drain.
 *
 * Pending work (submitted, `done` not yet run) keeps the loop alive.
 *
 * At loop_free (and loop_discard, for items finished by then) nothing is lost: threads
 * finish the item they run and stop; `done` runs for every item, with status 0 if its work
 * ran and UV_ECANCELED if it never started. A work function that can block for ever must
 * be ended by its owner before loop_free (loop_free waits for it).
 */
#ifndef MRT_LOOP_POOL_H
#define MRT_LOOP_POOL_H

#include "loop.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LOOP_POOL_THREADS 4

/* Runs on a pool thread. */
typedef void (*loop_work_fn)(void *data);
/* Runs on the loop thread, once per submitted item: status 0 (work ran) or UV_ECANCELED
 * (the loop was freed before it started). */
typedef void (*loop_done_fn)(void *data, int status);

/* Loop thread. Queues work(data), then done(data, status). 0, or UV_ENOMEM, or UV_EINVAL
 * (NULL work or done), or UV_EAGAIN (no thread could be started), or UV_ECANCELED (loop_free
 * has begun, e.g. a done run by it submits again); on an error neither function is ever
 * called. */
int loop_work_submit(loop_t *loop, loop_work_fn work, loop_done_fn done, void *data);

/* Items submitted whose done has not run yet (loop thread). */
size_t loop_work_pending(loop_t *loop);

/* ---- loop.c's side (not for owners) ----------------------------------------------------- */
typedef struct loop_pool loop_pool;
/* The loop_msg.kind of a finished item on the ring. */
#define LOOP_MSG_POOL INT32_MIN
/* A finished item drained from the ring: runs its done. */
void pool_finished(loop_t *loop, loop_msg *msg);
/* loop_free: stops the threads (each finishes its item) and runs done for items never
 * started (UV_ECANCELED); those finished are on the ring for loop_free to drain. */
void pool_stop(loop_pool *pool);
/* After the handles are closed: frees the pool. */
void pool_free(loop_pool *pool);

#ifdef __cplusplus
}
#endif
#endif /* MRT_LOOP_POOL_H */
