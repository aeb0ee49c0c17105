/*
 * timers.c: slab of nodes, one FIFO list per duration, a min-heap of lists. See timers.h.
 */
#include "timers.h"

#include <stdlib.h>
#include <string.h>

#define NO_SLOT UINT32_MAX
#define SLOT_MASK ((UINT64_C(1) << TIMER_SLOT_BITS) - 1)
#define MAX_GEN ((UINT64_C(1) << (53 - TIMER_SLOT_BITS)) - 1)
#define MAX_DELAY ((uint64_t)1 << 40) /* callers clamp to 2^31-1; this only avoids overflow */

void timers_init(timers *t) {
  memset(t, 0, sizeof(*t));
  t->free_head = NO_SLOT;
  t->lists_free = NO_SLOT;
}

void timers_destroy(timers *t) {
  free(t->nodes);
  free(t->lists);
  free(t->lookup);
  free(t->heap);
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

static inline uint64_t id_of(const timers *t, uint32_t slot) {
  return ((uint64_t)t->nodes[slot].gen << TIMER_SLOT_BITS) | slot;
}

/* The node of a live id, or NULL. */
static inline timer_node *node_of(const timers *t, uint64_t id) {
  uint64_t slot = id & SLOT_MASK;
  if (slot >= t->nodes_hwm) return NULL;
  timer_node *n = &t->nodes[slot];
  if (n->state == TIMER_FREE || n->gen != id >> TIMER_SLOT_BITS) return NULL;
  return n;
}

/* ---- heap of lists, keyed by their head's (deadline, seq) ----------------------------- */

static inline int list_less(const timers *t, uint32_t a, uint32_t b) {
  const timer_node *x = &t->nodes[t->lists[a].head], *y = &t->nodes[t->lists[b].head];
  return x->deadline < y->deadline || (x->deadline == y->deadline && x->seq < y->seq);
}

static inline void heap_set(timers *t, uint32_t i, uint32_t li) {
  t->heap[i] = li;
  t->lists[li].heap_idx = i;
}

static void sift_up(timers *t, uint32_t i) {
  uint32_t li = t->heap[i];
  while (i > 0) {
    uint32_t p = (i - 1) / 2;
    if (!list_less(t, li, t->heap[p])) break;
    heap_set(t, i, t->heap[p]);
    i = p;
  }
  heap_set(t, i, li);
}

static void sift_down(timers *t, uint32_t i) {
  uint32_t li = t->heap[i], n = t->heap_n;
  for (;;) {
    uint32_t c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && list_less(t, t->heap[c + 1], t->heap[c])) c++;
    if (!list_less(t, t->heap[c], li)) break;
    heap_set(t, i, t->heap[c]);
    i = c;
  }
  heap_set(t, i, li);
}

static void heap_remove(timers *t, uint32_t i) {
  uint32_t last = --t->heap_n;
  if (i == last) return;
  heap_set(t, i, t->heap[last]);
  if (i > 0 && list_less(t, t->heap[i], t->heap[(i - 1) / 2])) sift_up(t, i);
  else sift_down(t, i);
}

/* ---- duration -> list ------------------------------------------------------------------- */

static inline uint32_t lookup_home(const timers *t, uint64_t duration) {
  return (uint32_t)((duration * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & t->lookup_mask;
}

static uint32_t lookup_find(const timers *t, uint64_t duration) {
  if (!t->lookup) return NO_SLOT;
  for (uint32_t i = lookup_home(t, duration); t->lookup[i]; i = (i + 1) & t->lookup_mask) {
    if (t->lists[t->lookup[i] - 1].duration == duration) return t->lookup[i] - 1;
  }
  return NO_SLOT;
}

static void lookup_put(timers *t, uint32_t li) {
  uint32_t i = lookup_home(t, t->lists[li].duration);
  while (t->lookup[i]) i = (i + 1) & t->lookup_mask;
  t->lookup[i] = li + 1;
}

/* Keeps the load factor <= 1/2. */
static int lookup_reserve(timers *t) {
  uint32_t cap = t->lookup ? t->lookup_mask + 1 : 0;
  if ((uint64_t)(t->lookup_n + 1) * 2 <= cap) return 0;
  uint32_t ncap = cap ? cap * 2 : 16, *old = t->lookup;
  if (ncap < cap) return -1;
  t->lookup = calloc(ncap, sizeof(*t->lookup));
  if (!t->lookup) {
    t->lookup = old;
    return -1;
  }
  t->lookup_mask = ncap - 1;
  for (uint32_t i = 0; i < cap; i++)
    if (old[i]) lookup_put(t, old[i] - 1);
  free(old);
  return 0;
}

/* Backward-shift deletion: no tombstones, lookups never slow down with churn. */
static void lookup_del(timers *t, uint32_t li) {
  uint32_t i = lookup_home(t, t->lists[li].duration), m = t->lookup_mask;
  while (t->lookup[i] != li + 1) i = (i + 1) & m;
  for (uint32_t j = i;;) {
    j = (j + 1) & m;
    if (!t->lookup[j]) break;
    uint32_t k = lookup_home(t, t->lists[t->lookup[j] - 1].duration);
    if ((i <= j) ? (i < k && k <= j) : (i < k || k <= j)) continue;
    t->lookup[i] = t->lookup[j];
    i = j;
  }
  t->lookup[i] = 0;
  t->lookup_n--;
}

/* The list of a duration, made if needed; NO_SLOT when out of memory. */
static uint32_t list_for(timers *t, uint64_t duration) {
  uint32_t li = lookup_find(t, duration);
  if (li != NO_SLOT) return li;
  if (lookup_reserve(t)) return NO_SLOT;
  if (t->lists_free != NO_SLOT) {
    li = t->lists_free;
    t->lists_free = t->lists[li].next_free;
  } else {
    if (grow((void **)&t->lists, &t->lists_cap, t->lists_hwm + 1, sizeof(*t->lists), 8))
      return NO_SLOT;
    /* The heap holds at most every list: with room for all, no append can fail (a held
     * interval's list is appended to without reserving). */
    if (grow((void **)&t->heap, &t->heap_cap, t->lists_cap, sizeof(*t->heap), 8))
      return NO_SLOT;
    li = t->lists_hwm++;
  }
  timer_list *l = &t->lists[li];
  l->duration = duration;
  l->head = l->tail = NO_SLOT;
  l->heap_idx = NO_SLOT;
  l->holds = 0;
  lookup_put(t, li);
  t->lookup_n++;
  return li;
}

/* Appends a node (its deadline is the list's latest). The heap has room: reserved. */
static void list_append(timers *t, uint32_t li, uint32_t slot) {
  timer_list *l = &t->lists[li];
  timer_node *n = &t->nodes[slot];
  n->list = li;
  n->next = NO_SLOT;
  n->prev = l->tail;
  if (l->tail != NO_SLOT) {
    t->nodes[l->tail].next = slot;
    l->tail = slot;
    return;
  }
  l->head = l->tail = slot;
  t->heap[t->heap_n] = li;
  sift_up(t, t->heap_n++);
}

static void list_release(timers *t, uint32_t li) {
  timer_list *l = &t->lists[li];
  lookup_del(t, li);
  l->next_free = t->lists_free;
  t->lists_free = li;
}

/* Unlinks a pending node; an emptied list leaves the heap, and is released unless a firing
 * interval will return to it. */
static void list_unlink(timers *t, uint32_t slot) {
  timer_node *n = &t->nodes[slot];
  uint32_t li = n->list;
  timer_list *l = &t->lists[li];
  if (n->prev != NO_SLOT) t->nodes[n->prev].next = n->next;
  else l->head = n->next;
  if (n->next != NO_SLOT) t->nodes[n->next].prev = n->prev;
  else l->tail = n->prev;
  if (n->prev != NO_SLOT) return; /* the head, and so the list's key, is unchanged */
  if (l->head != NO_SLOT) {
    sift_down(t, l->heap_idx); /* the new head is later */
    return;
  }
  heap_remove(t, l->heap_idx);
  l->heap_idx = NO_SLOT;
  if (l->holds == 0) list_release(t, li);
}

/* ---- slab ---------------------------------------------------------------------------- */

static void node_free(timers *t, uint32_t slot) {
  timer_node *n = &t->nodes[slot];
  n->state = TIMER_FREE;
  /* A slot whose generations are used up is retired, so an id is never handed out twice. */
  if (n->gen >= MAX_GEN) return;
  n->next = t->free_head;
  t->free_head = slot;
}

uint64_t timers_start(timers *t, uint64_t now, uint64_t delay, int repeat) {
  uint32_t slot;
  /* Reserve everything first so a failure leaves no half-made timer behind. */
  if (t->free_head == NO_SLOT) {
    if (t->nodes_hwm > SLOT_MASK) return 0;
    if (t->nodes_hwm == t->nodes_cap &&
        grow((void **)&t->nodes, &t->nodes_cap, t->nodes_cap + 1, sizeof(*t->nodes), 16))
      return 0;
  }
  if (grow((void **)&t->heap, &t->heap_cap, t->heap_n + 1, sizeof(*t->heap), 8)) return 0;
  if (delay < 1) delay = 1;
  if (delay > MAX_DELAY) delay = MAX_DELAY;
  uint32_t li = list_for(t, delay);
  if (li == NO_SLOT) return 0;

  if (t->free_head != NO_SLOT) {
    slot = t->free_head;
    t->free_head = t->nodes[slot].next;
  } else {
    slot = t->nodes_hwm++;
    t->nodes[slot].gen = 0;
  }
  timer_node *n = &t->nodes[slot];
  n->gen++;
  n->interval = repeat ? delay : 0;
  n->state = TIMER_PENDING;
  n->ref = 1;
  n->deadline = now + delay;
  n->seq = t->next_seq++;
  t->pending++;
  t->nref++;
  list_append(t, li, slot);
  return id_of(t, slot);
}

int timers_clear(timers *t, uint64_t id) {
  timer_node *n = node_of(t, id);
  if (n == NULL) return -1;
  switch (n->state) {
  case TIMER_PENDING: {
    uint32_t slot = (uint32_t)(n - t->nodes);
    list_unlink(t, slot);
    t->pending--;
    if (n->ref) t->nref--;
    node_free(t, slot);
    return 0;
  }
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

/* Moves a due timer into the batch; -1 if the batch cannot grow (out of memory). */
static int pop_one(timers *t, uint32_t slot) {
  timer_node *n = &t->nodes[slot];
  if (t->batch_n == t->batch_cap) {
    uint32_t cap = t->batch_cap;
    if (grow((void **)&t->batch_ids, &cap, t->batch_n + 1, sizeof(double), 64)) return -1;
    cap = t->batch_cap;
    if (grow((void **)&t->batch_slots, &cap, t->batch_n + 1, sizeof(uint32_t), 64)) return -1;
    t->batch_cap = cap;
  }
  t->batch_ids[t->batch_n] = (double)id_of(t, slot);
  t->batch_slots[t->batch_n] = slot;
  t->batch_n++;
  if (n->interval) {
    t->lists[n->list].holds++; /* it comes back to this list: keep it */
    t->batch_intervals++;
  }
  list_unlink(t, slot);
  n->state = TIMER_FIRING;
  t->pending--;
  if (n->ref) t->nref--;
  return 0;
}

size_t timers_pop_due(timers *t, uint64_t now) {
  t->batch_n = 0;
  t->batch_intervals = 0;
  while (t->heap_n > 0) {
    uint32_t li = t->heap[0];
    if (t->nodes[t->lists[li].head].deadline > now) break;
    /* As Node does, every due timer of the list with the earliest deadline goes first, then
     * the next list's: a later deadline of this duration may precede an earlier one of
     * another duration. (The list is not released under us: no list is made meanwhile.) */
    do {
      if (pop_one(t, t->lists[li].head)) return t->batch_n;
    } while (t->lists[li].head != NO_SLOT && t->nodes[t->lists[li].head].deadline <= now);
  }
  return t->batch_n;
}

/* Drops a firing interval's hold on its list; the list goes if nothing else uses it. */
static void list_unhold(timers *t, uint32_t li) {
  timer_list *l = &t->lists[li];
  if (--l->holds == 0 && l->head == NO_SLOT) list_release(t, li);
}

int timers_rearm(timers *t, uint64_t id, uint64_t start) {
  timer_node *n = node_of(t, id);
  if (n == NULL || n->state != TIMER_FIRING || !n->interval) return -1;
  /* interval >= 1 and start is not before the batch's pop: not due again in this batch. */
  n->deadline = start + n->interval;
  n->seq = t->next_seq++;
  n->state = TIMER_PENDING;
  t->pending++;
  if (n->ref) t->nref++;
  t->lists[n->list].holds--;
  list_append(t, n->list, (uint32_t)(n - t->nodes));
  return 0;
}

void timers_end_batch(timers *t, uint64_t now) {
  for (uint32_t i = 0; i < t->batch_n; i++) {
    uint32_t slot = t->batch_slots[i];
    timer_node *n = &t->nodes[slot];
    /* The id check skips timers re-armed and then cleared in the batch whose slot was
     * reused since. */
    if ((double)id_of(t, slot) != t->batch_ids[i]) continue;
    if (n->state == TIMER_FIRING && n->interval) {
      timers_rearm(t, (uint64_t)t->batch_ids[i], now);
    } else if (n->state == TIMER_FIRING || n->state == TIMER_CANCELLED) {
      if (n->interval) list_unhold(t, n->list);
      node_free(t, slot);
    }
  }
  t->batch_n = 0;
  t->batch_intervals = 0;
}
