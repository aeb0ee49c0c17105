/*
 * timers.h: the timer store behind loop.c's single uv_timer_t. Pure data structure, no
 * libuv: time is passed in, so it is unit-testable with a fake clock.
 *
 *  - nodes live in a slab (one array, grown geometrically, free list of slot indices);
 *  - pending nodes are ordered by a 4-ary min-heap of (deadline, seq) keys;
 *  - ids are a monotonically increasing counter (never reused, < 2^53), mapped to slots
 *    by a small open-addressing table (linear probing, backward-shift deletion), so
 *    clear/active/set_ref are O(1) expected (+ O(log n) heap removal for clear).
 *
 * A batch (timers_pop_due .. timers_end_batch) hands out due timers in firing order.
 * One-shot timers of a batch stay findable ("firing") until timers_end_batch, so that a
 * callback of the batch can clear a later one and the owner can tell (timers_active).
 * Intervals are re-armed at pop time (deadline = now + interval, fresh seq, same id).
 */
#ifndef MRT_LOOP_TIMERS_H
#define MRT_LOOP_TIMERS_H

#include <stddef.h>
#include <stdint.h>

enum { TIMER_FREE = 0, TIMER_PENDING, TIMER_FIRING, TIMER_CANCELLED };

typedef struct timer_node {
  uint64_t id;        /* 0 while free */
  uint64_t interval;  /* ms; 0 for a one-shot timer */
  uint32_t heap_idx;  /* position in the heap while pending */
  uint32_t next_free; /* free list link while free */
  uint8_t state;
  uint8_t ref;
} timer_node;

typedef struct timer_entry {
  uint64_t deadline;
  uint64_t seq;
  uint32_t slot;
} timer_entry;

typedef struct timer_idx {
  uint64_t id; /* 0 = empty */
  uint32_t slot;
} timer_idx;

typedef struct timers {
  timer_node *nodes;
  uint32_t nodes_cap;
  uint32_t free_head; /* UINT32_MAX when empty */
  uint32_t nodes_hwm; /* slots below this have been used at least once */

  timer_entry *heap;
  uint32_t heap_n, heap_cap;

  timer_idx *index;
  uint32_t index_mask; /* capacity - 1; capacity is a power of two */
  uint32_t index_n;    /* live ids (pending + firing + cancelled) */

  uint32_t nref; /* pending timers that are referenced */
  uint64_t next_id, next_seq;

  /* The current batch: ids handed to the owner and their slots. */
  double *batch_ids;
  uint32_t *batch_slots;
  uint32_t batch_n, batch_cap;
} timers;

void timers_init(timers *t);
void timers_destroy(timers *t);

/* Returns the new id, or 0 if out of memory. */
uint64_t timers_start(timers *t, uint64_t now, uint64_t delay, int repeat);
/* 0 if it was pending (or firing and not yet cleared), -1 otherwise. */
int timers_clear(timers *t, uint64_t id);
int timers_active(const timers *t, uint64_t id);
void timers_set_ref(timers *t, uint64_t id, int ref);

/* Earliest deadline; returns 0 if nothing is pending. */
static inline int timers_next(const timers *t, uint64_t *deadline) {
  if (t->heap_n == 0) return 0;
  *deadline = t->heap[0].deadline;
  return 1;
}

/* Pops every timer with deadline <= now into t->batch_ids (firing order) and returns the
 * count. If the batch array cannot grow (out of memory) it stops early: the rest stays
 * pending and is popped by the next call. */
size_t timers_pop_due(timers *t, uint64_t now);
/* Releases the one-shot timers of the current batch. */
void timers_end_batch(timers *t);

#endif /* MRT_LOOP_TIMERS_H */
