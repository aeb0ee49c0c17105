/* async_ops.c: exact accounting of async op calls in flight, and the runtime's shell after
 * mrt_runtime_free.
 *
 * Every async call is an entry keyed by its promise id from the moment it starts until its
 * result is delivered: a completion whose id is not in flight (never handed out, delivered
 * already) or that repeats one already posted is refused and counted, so it can neither
 * settle another call's promise nor release the loop ref another call holds.
 *
 * Threadsafe completions may still arrive after the runtime was freed. While the embedder's
 * ops are out, mrt_runtime_free keeps the struct itself (not its isolate, loop or buffers) as
 * a shell: a late completion sees `dead`, settles its entry under shell_lock and drops its
 * result; the last one frees the shell. Ops that never complete keep it (a small leak,
 * never a use after free). */
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "runtime_internal.h"

/* Robin Hood hashing: ids are handed out in sequence, so the low bits spread them with no
 * hashing and nearly every entry sits at its home slot; a lookup stops at the first entry
 * closer to its home than the probe, and a removal shifts back only displaced entries (plain
 * linear probing would scan the whole run of consecutive ids on every removal). */
static uint32_t distance(const async_table *t, uint32_t slot, uint32_t id) {
  return (slot - (id & t->mask)) & t->mask;
}

static async_slot *find(const async_table *t, uint32_t id) {
  if (!t->mask) return NULL;
  for (uint32_t i = id & t->mask, d = 0;; i = (i + 1) & t->mask, d++) {
    if (t->slots[i].id == id) return &t->slots[i];
    if (t->slots[i].id == 0 || distance(t, i, t->slots[i].id) < d) return NULL;
  }
}

/* Inserts s; 1 if its id was there already (nothing changed). */
static int put(async_table *t, async_slot s) {
  for (uint32_t i = s.id & t->mask, d = 0;; i = (i + 1) & t->mask, d++) {
    if (t->slots[i].id == 0) {
      t->slots[i] = s;
      return 0;
    }
    if (t->slots[i].id == s.id) return 1;
    uint32_t resident = distance(t, i, t->slots[i].id);
    if (resident < d) { /* the richer resident moves on */
      async_slot tmp = t->slots[i];
      t->slots[i] = s;
      s = tmp;
      d = resident;
    }
  }
}

static int grow(async_table *t) {
  uint32_t cap = t->mask ? (t->mask + 1) * 2 : 64;
  async_slot *old = t->slots, *slots = calloc(cap, sizeof *slots);
  uint32_t old_cap = t->mask ? t->mask + 1 : 0;
  if (!slots) return -1;
  t->slots = slots;
  t->mask = cap - 1;
  for (uint32_t i = 0; i < old_cap; i++)
    if (old[i].id) put(t, old[i]);
  free(old);
  return 0;
}

static void remove_slot(async_table *t, async_slot *s) {
  uint32_t hole = (uint32_t)(s - t->slots);
  for (uint32_t i = (hole + 1) & t->mask;
       t->slots[i].id && distance(t, i, t->slots[i].id) > 0; i = (i + 1) & t->mask) {
    t->slots[hole] = t->slots[i];
    hole = i;
  }
  t->slots[hole].id = 0;
  t->count--;
}

int rt_async_started(mrt_runtime *rt, uint32_t id, uint32_t op, int embedder) {
  async_table *t = &rt->inflight;
  if ((t->count + 1) * 2 > t->mask + 1 && grow(t) != 0) return -1;
  /* An id comes round again only after 2^31 calls; the older call keeps its entry. */
  if (put(t, (async_slot){id, op, 0, (uint8_t)(embedder != 0)})) return 0;
  t->count++;
  t->embedder += embedder != 0;
  loop_ref(rt->loop);
  return 0;
}

int rt_async_mark_completed(mrt_runtime *rt, uint32_t id) {
  async_slot *s = find(&rt->inflight, id);
  if (!s || s->completed) return -1;
  s->completed = 1;
  return 0;
}

void rt_async_unmark_completed(mrt_runtime *rt, uint32_t id) {
  async_slot *s = find(&rt->inflight, id);
  if (s) s->completed = 0;
}

static int take(async_table *t, uint32_t id, uint32_t *op) {
  async_slot *s = find(t, id);
  if (!s) return -1;
  if (op) *op = s->op;
  t->embedder -= s->embedder;
  remove_slot(t, s);
  return 0;
}

int rt_async_finish(mrt_runtime *rt, uint32_t id, uint32_t *op) {
  if (take(&rt->inflight, id, op) != 0) return -1;
  loop_unref(rt->loop);
  return 0;
}

void rt_async_close_begin(mrt_runtime *rt) {
  pthread_mutex_lock(&rt->shell_lock);
  atomic_store(&rt->dead, 1);
  /* A completion that saw the runtime alive finishes its post before the loop goes. */
  while (atomic_load(&rt->posting)) sched_yield();
}

/* A result still queued at free: its call is over (the result is dropped). */
static void settle_queued(void *data, loop_msg *msg) {
  mrt_runtime *rt = data;
  if (msg->kind >= 0) take(&rt->inflight, msg->id, NULL); /* an op result */
  rt_drop_message(msg);
}

void rt_async_close_queued(mrt_runtime *rt) {
  if (rt->loop) loop_discard(rt->loop, settle_queued, rt);
}

void rt_async_cancel(mrt_runtime *rt) {
  async_table *t = &rt->inflight;
  size_t n = 0;
  async_slot *out = t->count ? malloc(t->count * sizeof *out) : NULL;
  if (!out) return; /* nothing in flight (or out of memory: the calls keep the shell) */
  for (uint32_t i = 0; t->mask && i <= t->mask; i++) {
    if (t->slots[i].id && rt->ops[t->slots[i].op].decl.cancel) out[n++] = t->slots[i];
  }
  /* Taken before the hook runs: a completion it makes is refused, not delivered. */
  for (size_t i = 0; i < n; i++) {
    take(t, out[i].id, NULL);
    const mrt_op_decl *d = &rt->ops[out[i].op].decl;
    d->cancel(d->data, out[i].id);
  }
  free(out);
}

static void free_shell(mrt_runtime *rt) {
  pthread_mutex_destroy(&rt->shell_lock);
  free(rt->inflight.slots);
  free(rt);
}

void rt_async_close_end(mrt_runtime *rt) {
  int keep = rt->inflight.embedder > 0;
  atomic_store(&rt->dead, 2);
  pthread_mutex_unlock(&rt->shell_lock);
  if (!keep) free_shell(rt);
}

int rt_async_complete_closing(mrt_runtime *rt, uint32_t id) {
  take(&rt->inflight, id, NULL);
  return MRT_ESTATE;
}

int rt_async_complete_dead(mrt_runtime *rt, uint32_t id) {
  pthread_mutex_lock(&rt->shell_lock);
  if (take(&rt->inflight, id, NULL) != 0) rt->rejected_completions++;
  int last = rt->inflight.embedder == 0;
  pthread_mutex_unlock(&rt->shell_lock);
  if (last) free_shell(rt);
  return MRT_ESTATE;
}
