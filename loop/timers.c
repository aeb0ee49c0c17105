/*
 * timers.c: slab + 4-ary min-heap + id index. See timers.h.
 *
 * Why a 4-ary heap: half the depth of a binary heap and the four children of a node share
 * one or two cache lines, so sift-down (the pop path) touches fewer lines.
 * Why an index instead of encoding the slot in the id: ids stay a plain increasing counter
 * (like browsers' and Node's), with no cap on the number of live timers or on how many
 * timers a long-running process may create.
 */
#include "timers.h"

#include <stdlib.h>
#include <string.h>

#define HEAP_D 4
#define NO_SLOT UINT32_MAX
#define MAX_DELAY ((uint64_t)1 << 40) /* callers clamp to 2^31-1; this only avoids overflow */
#define MAX_ID ((uint64_t)1 << 53)

void timers_init(timers *t) {
  memset(t, 0, sizeof(*t));
  t->free_head = NO_SLOT;
  t->next_id = 1;
}

void timers_destroy(timers *t) {
  free(t->nodes);
  free(t->heap);
  free(t->index);
  free(t->batch_ids);
  free(t->batch_slots);
  timers_init(t);
}

/* Geometric growth of an array of `size`-byte items to at least `need` items. */
static int grow(void **p, uint32_t *cap, uint32_t need, size_t size, uint32_t min) {
  uint32_t n;
  void *q;
  if (need <= *cap) return 0;
  n = *cap ? *cap : min;
  while (n < need) {
    if (n > UINT32_MAX / 2) return -1;
    n *= 2;
  }
  q = realloc(*p, (size_t)n * size);
  if (q == NULL) return -1;
  *p = q;
  *cap = n;
  return 0;
}

/* ---- id index ------------------------------------------------------------------------ */

static inline uint32_t idx_home(const timers *t, uint64_t id) {
  /* Fibonacci hashing: sequential ids spread evenly, long-lived ids don't form runs. */
  return (uint32_t)((id * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & t->index_mask;
}

static inline int64_t idx_find(const timers *t, uint64_t id) {
  uint32_t i;
  if (t->index == NULL || id == 0) return -1;
  for (i = idx_home(t, id); t->index[i].id != 0; i = (i + 1) & t->index_mask)
    if (t->index[i].id == id) return i;
  return -1;
}

static void idx_put(timers *t, uint64_t id, uint32_t slot) {
  uint32_t i = idx_home(t, id);
  while (t->index[i].id != 0) i = (i + 1) & t->index_mask;
  t->index[i].id = id;
  t->index[i].slot = slot;
}

/* Keeps the load factor <= 1/2 so probe sequences stay short. */
static int idx_reserve(timers *t) {
  uint32_t cap = t->index ? t->index_mask + 1 : 0, ncap, i;
  timer_idx *old = t->index;
  if ((uint64_t)(t->index_n + 1) * 2 <= cap) return 0;
  ncap = cap ? cap * 2 : 16;
  if (ncap == 0 || ncap < cap) return -1;
  t->index = calloc(ncap, sizeof(*t->index));
  if (t->index == NULL) {
    t->index = old;
    return -1;
  }
  t->index_mask = ncap - 1;
  for (i = 0; i < cap; i++)
    if (old[i].id != 0) idx_put(t, old[i].id, old[i].slot);
  free(old);
  return 0;
}

/* Backward-shift deletion: no tombstones, so lookups never slow down with churn. */
static void idx_del(timers *t, uint32_t i) {
  uint32_t j = i, k, m = t->index_mask;
  for (;;) {
    j = (j + 1) & m;
    if (t->index[j].id == 0) break;
    k = idx_home(t, t->index[j].id);
    /* Move j back to i unless its home lies cyclically in (i, j]. */
    if ((i <= j) ? (i < k && k <= j) : (i < k || k <= j)) continue;
    t->index[i] = t->index[j];
    i = j;
  }
  t->index[i].id = 0;
  t->index_n--;
}

/* ---- heap ---------------------------------------------------------------------------- */

static inline int entry_less(const timer_entry *a, const timer_entry *b) {
  return a->deadline < b->deadline || (a->deadline == b->deadline && a->seq < b->seq);
}

static inline void heap_set(timers *t, uint32_t i, timer_entry e) {
  t->heap[i] = e;
  t->nodes[e.slot].heap_idx = i;
}

static void sift_up(timers *t, uint32_t i) {
  timer_entry e = t->heap[i];
  while (i > 0) {
    uint32_t p = (i - 1) / HEAP_D;
    if (!entry_less(&e, &t->heap[p])) break;
    heap_set(t, i, t->heap[p]);
    i = p;
  }
  heap_set(t, i, e);
}

static void sift_down(timers *t, uint32_t i) {
  timer_entry e = t->heap[i];
  uint32_t n = t->heap_n;
  for (;;) {
    uint32_t c = i * HEAP_D + 1, best, end, k;
    if (c >= n) break;
    best = c;
    end = c + HEAP_D < n ? c + HEAP_D : n;
    for (k = c + 1; k < end; k++)
      if (entry_less(&t->heap[k], &t->heap[best])) best = k;
    if (!entry_less(&t->heap[best], &e)) break;
    heap_set(t, i, t->heap[best]);
    i = best;
  }
  heap_set(t, i, e);
}

static void heap_remove(timers *t, uint32_t i) {
  uint32_t last = --t->heap_n;
  if (i == last) return;
  t->heap[i] = t->heap[last];
  t->nodes[t->heap[i].slot].heap_idx = i;
  if (i > 0 && entry_less(&t->heap[i], &t->heap[(i - 1) / HEAP_D]))
    sift_up(t, i);
  else
    sift_down(t, i);
}

/* ---- slab ---------------------------------------------------------------------------- */

static void node_free(timers *t, uint32_t slot) {
  timer_node *n = &t->nodes[slot];
  int64_t i = idx_find(t, n->id);
  if (i >= 0) idx_del(t, (uint32_t)i);
  n->id = 0;
  n->state = TIMER_FREE;
  n->next_free = t->free_head;
  t->free_head = slot;
}

uint64_t timers_start(timers *t, uint64_t now, uint64_t delay, int repeat) {
  uint32_t slot;
  timer_node *n;
  timer_entry e;

  if (t->next_id >= MAX_ID) return 0; /* ids must stay exact doubles (never in practice) */
  /* Reserve everything first so a failure leaves no half-made timer behind. */
  if (t->free_head == NO_SLOT && t->nodes_hwm == t->nodes_cap &&
      grow((void **)&t->nodes, &t->nodes_cap, t->nodes_cap + 1, sizeof(*t->nodes), 16))
    return 0;
  if (grow((void **)&t->heap, &t->heap_cap, t->heap_n + 1, sizeof(*t->heap), 16)) return 0;
  if (idx_reserve(t)) return 0;

  if (delay < 1) delay = 1;
  if (delay > MAX_DELAY) delay = MAX_DELAY;
  if (t->free_head != NO_SLOT) {
    slot = t->free_head;
    t->free_head = t->nodes[slot].next_free;
  } else {
    slot = t->nodes_hwm++;
  }
  n = &t->nodes[slot];
  n->id = t->next_id++;
  n->interval = repeat ? delay : 0;
  n->state = TIMER_PENDING;
  n->ref = 1;
  t->nref++;
  idx_put(t, n->id, slot);
  t->index_n++;

  e.deadline = now + delay;
  e.seq = t->next_seq++;
  e.slot = slot;
  t->heap[t->heap_n] = e;
  sift_up(t, t->heap_n++);
  return n->id;
}

static timer_node *node_of(const timers *t, uint64_t id) {
  int64_t i = idx_find(t, id);
  return i < 0 ? NULL : &t->nodes[t->index[i].slot];
}

int timers_clear(timers *t, uint64_t id) {
  timer_node *n = node_of(t, id);
  if (n == NULL) return -1;
  switch (n->state) {
  case TIMER_PENDING:
    heap_remove(t, n->heap_idx);
    if (n->ref) t->nref--;
    node_free(t, (uint32_t)(n - t->nodes));
    return 0;
  case TIMER_FIRING:
    /* Part of the batch being delivered: the owner skips it (timers_active says 0). */
    n->state = TIMER_CANCELLED;
    return 0;
  default:
    return -1;
  }
}

int timers_active(const timers *t, uint64_t id) {
  const timer_node *n = node_of(t, id);
  return n != NULL && (n->state == TIMER_PENDING || n->state == TIMER_FIRING);
}

void timers_set_ref(timers *t, uint64_t id, int ref) {
  timer_node *n = node_of(t, id);
  ref = ref != 0;
  if (n == NULL || n->ref == ref) return;
  n->ref = (uint8_t)ref;
  if (n->state == TIMER_PENDING) t->nref += ref ? 1u : (uint32_t)-1;
}

size_t timers_pop_due(timers *t, uint64_t now) {
  t->batch_n = 0;
  while (t->heap_n > 0 && t->heap[0].deadline <= now) {
    uint32_t slot = t->heap[0].slot;
    timer_node *n = &t->nodes[slot];
    if (t->batch_n == t->batch_cap) {
      uint32_t cap = t->batch_cap;
      if (grow((void **)&t->batch_ids, &cap, t->batch_n + 1, sizeof(double), 64)) break;
      cap = t->batch_cap;
      if (grow((void **)&t->batch_slots, &cap, t->batch_n + 1, sizeof(uint32_t), 64)) break;
      t->batch_cap = cap;
    }
    t->batch_ids[t->batch_n] = (double)n->id;
    t->batch_slots[t->batch_n] = slot;
    t->batch_n++;
    if (n->interval) {
      /* Re-arm in place: new deadline and a fresh seq (it goes after timers created
       * earlier with the same deadline), same id. interval >= 1, so not due again now. */
      t->heap[0].deadline = now + n->interval;
      t->heap[0].seq = t->next_seq++;
      sift_down(t, 0);
    } else {
      heap_remove(t, 0);
      n->state = TIMER_FIRING;
      if (n->ref) t->nref--;
    }
  }
  return t->batch_n;
}

void timers_end_batch(timers *t) {
  uint32_t i;
  for (i = 0; i < t->batch_n; i++) {
    timer_node *n = &t->nodes[t->batch_slots[i]];
    /* The id check skips intervals cleared in the batch whose slot was reused since. */
    if ((double)n->id == t->batch_ids[i] &&
        (n->state == TIMER_FIRING || n->state == TIMER_CANCELLED))
      node_free(t, t->batch_slots[i]);
  }
  t->batch_n = 0;
}
