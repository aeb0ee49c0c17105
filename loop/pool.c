/*
 * pool.c: the loop's worker pool. See pool.h.
 *
 * Hand-over: items submitted on the loop thread collect in a local list (no lock) and go to
 * the shared queue in one batch from a prepare handle (right before the loop polls) or
 * once 32 collect, waking only as many sleeping threads as there are new items. Threads
 * take items under the lock and look for the next one before sleeping.
 *
 * Completion: a thread posts the finished item on the loop's completion ring (loop_post:
 * lock-free, wakes the loop); loop.c passes such messages to pool_finished while draining,
 * which runs done on the loop thread. So a result costs no lock and no second wake-up path.
 */
#include "pool.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>

#include "loop_internal.h"

#define FLUSH_AT 32
#define FREE_ITEMS_MAX 256

typedef struct pool_item {
  struct pool_item *next;
  loop_work_fn work;
  loop_done_fn done;
  void *data;
} pool_item;

struct loop_pool {
  loop_t *loop;
  /* Shared with the threads, under mu. */
  pthread_mutex_t mu;
  pthread_cond_t cv;
  pool_item *head, *tail;
  size_t queued;
  int sleeping, stop;
  /* Loop thread only. */
  int nthreads;
  pthread_t threads[LOOP_POOL_THREADS];
  uv_prepare_t flush;
  pool_item *lhead, *ltail; /* submitted this turn */
  size_t lcount;
  size_t pending; /* submitted, done not run yet */
  int referenced; /* the prepare handle keeps the loop alive (pending > 0) */
  pool_item *free_items;
  size_t nfree;
};

/* ---- threads --------------------------------------------------------------------------- */

static void post_finished(loop_pool *p, pool_item *it) {
  loop_msg m = {0};
  m.kind = LOOP_MSG_POOL;
  m.ptr = it;
  /* Only the ring's overflow allocates; a post must not be lost (its done would never run
   * and the loop would stay alive), so wait for memory rather than drop it. */
  while (loop_post(p->loop, &m) != 0) {
    struct timespec ts = {0, 1000000};
    nanosleep(&ts, NULL);
  }
}

static void *worker(void *arg) {
  loop_pool *p = arg;
  pthread_mutex_lock(&p->mu);
  for (;;) {
    while (!p->head && !p->stop) {
      p->sleeping++;
      pthread_cond_wait(&p->cv, &p->mu);
      p->sleeping--;
    }
    if (p->stop) break; /* items still queued are cancelled by pool_stop */
    pool_item *it = p->head;
    p->head = it->next;
    if (!p->head) p->tail = NULL;
    p->queued--;
    pthread_mutex_unlock(&p->mu);
    it->work(it->data);
    post_finished(p, it);
    pthread_mutex_lock(&p->mu);
  }
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

/* Loop thread. Threads take no signals (as libuv's). */
static int start_thread(loop_pool *p) {
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  int rc = pthread_create(&p->threads[p->nthreads], NULL, worker, p);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (rc != 0) return -1;
  p->nthreads++;
  return 0;
}

/* ---- hand-over --------------------------------------------------------------------------- */

static void flush(loop_pool *p) {
  if (!p->lcount) return;
  pthread_mutex_lock(&p->mu);
  if (p->tail) p->tail->next = p->lhead;
  else p->head = p->lhead;
  p->tail = p->ltail;
  p->queued += p->lcount;
  size_t sleeping = (size_t)p->sleeping, queued = p->queued;
  size_t wake = p->lcount < sleeping ? p->lcount : sleeping;
  if (wake == sleeping && wake > 1) pthread_cond_broadcast(&p->cv);
  else
    while (wake--) pthread_cond_signal(&p->cv);
  pthread_mutex_unlock(&p->mu);
  p->lhead = p->ltail = NULL;
  p->lcount = 0;
  /* More queued than idle threads: start threads up to the limit (the first submit starts
   * one at least, so the queue is never left without a thread). A thread just started and
   * not yet asleep may make this start one too many; the limit bounds it. */
  for (size_t idle = sleeping; queued > idle && p->nthreads < LOOP_POOL_THREADS; idle++)
    if (start_thread(p) != 0) break;
}

static void flush_cb(uv_prepare_t *h) { flush(h->data); }

static void ref_update(loop_pool *p) {
  int want = p->pending > 0;
  if (want == p->referenced) return;
  if (want) uv_ref((uv_handle_t *)&p->flush);
  else uv_unref((uv_handle_t *)&p->flush);
  p->referenced = want;
}

static loop_pool *pool_get(loop_t *loop) {
  loop_pool **slot = loop_pool_slot(loop);
  if (*slot) return *slot;
  loop_pool *p = calloc(1, sizeof *p);
  if (!p) return NULL;
  p->loop = loop;
  if (pthread_mutex_init(&p->mu, NULL) != 0) {
    free(p);
    return NULL;
  }
  if (pthread_cond_init(&p->cv, NULL) != 0) {
    pthread_mutex_destroy(&p->mu);
    free(p);
    return NULL;
  }
  uv_prepare_init(loop_uv(loop), &p->flush);
  p->flush.data = p;
  uv_prepare_start(&p->flush, flush_cb);
  uv_unref((uv_handle_t *)&p->flush);
  *slot = p;
  return p;
}

int loop_work_submit(loop_t *loop, loop_work_fn work, loop_done_fn done, void *data) {
  if (!loop || !work || !done) return UV_EINVAL;
  if (loop_closing(loop)) return UV_ECANCELED;
  loop_pool *p = pool_get(loop);
  if (!p) return UV_ENOMEM;
  if (p->nthreads == 0) { /* the first item: at least one thread, or refuse now */
    if (start_thread(p) != 0) return UV_EAGAIN;
  }
  pool_item *it = p->free_items;
  if (it) {
    p->free_items = it->next;
    p->nfree--;
  } else if (!(it = malloc(sizeof *it))) {
    return UV_ENOMEM;
  }
  it->next = NULL;
  it->work = work;
  it->done = done;
  it->data = data;
  if (p->ltail) p->ltail->next = it;
  else p->lhead = it;
  p->ltail = it;
  p->pending++;
  ref_update(p);
  if (++p->lcount >= FLUSH_AT) flush(p); /* a long turn must not starve the threads */
  return 0;
}

size_t loop_work_pending(loop_t *loop) {
  loop_pool *p = loop ? *loop_pool_slot(loop) : NULL;
  return p ? p->pending : 0;
}

/* ---- completion and shutdown --------------------------------------------------------------- */

static void finish(loop_pool *p, pool_item *it, int status) {
  loop_done_fn done = it->done;
  void *data = it->data;
  /* Recycled before done runs: done may submit again. */
  if (p->nfree < FREE_ITEMS_MAX) {
    it->next = p->free_items;
    p->free_items = it;
    p->nfree++;
  } else {
    free(it);
  }
  p->pending--;
  ref_update(p);
  done(data, status);
}

void pool_finished(loop_t *loop, loop_msg *msg) {
  finish(*loop_pool_slot(loop), msg->ptr, 0);
}

void pool_stop(loop_pool *p) {
  if (!p) return;
  pthread_mutex_lock(&p->mu);
  p->stop = 1;
  pthread_cond_broadcast(&p->cv);
  pthread_mutex_unlock(&p->mu);
  for (int i = 0; i < p->nthreads; i++) pthread_join(p->threads[i], NULL);
  p->nthreads = 0;
  /* Never started: cancelled, in submission order (the shared queue is older). */
  pool_item *lists[2] = {p->head, p->lhead};
  p->head = p->tail = p->lhead = p->ltail = NULL;
  p->queued = p->lcount = 0;
  for (int k = 0; k < 2; k++) {
    for (pool_item *it = lists[k]; it;) {
      pool_item *next = it->next;
      finish(p, it, UV_ECANCELED);
      it = next;
    }
  }
}

void pool_free(loop_pool *p) {
  if (!p) return;
  while (p->free_items) {
    pool_item *it = p->free_items;
    p->free_items = it->next;
    free(it);
  }
  pthread_cond_destroy(&p->cv);
  pthread_mutex_destroy(&p->mu);
  free(p);
}
