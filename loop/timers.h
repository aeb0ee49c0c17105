/*
 * timers.h: the timer store behind loop.c's single uv_timer_t. Pure data structure, no
 * libuv: time is passed in, so it is unit-testable with a fake clock.
 *
 * Node's layout: one FIFO list per distinct duration, and a small min-heap of the non-empty
 * lists keyed by their head's (deadline, seq). A list's deadlines never decrease (each new
 * timer's deadline is now + duration with a monotonic now), so its head is its earliest.
 * Programs use a handful of durations, so start, clear and pop are O(1) in the number of
 * timers (O(log L) in the number of durations).
 *
 * Nodes live in a slab (one array, grown geometrically, free list of slots). An id encodes
 * its slot and the slot's generation (id = gen << TIMER_SLOT_BITS | slot), so looking an id
 * up is an array index, with no table; ids are never reused (a slot whose generations run
 * out is retired) and stay below 2^53. At most 2^TIMER_SLOT_BITS timers are live at once.
 *
 * A batch (timers_pop_due .. timers_end_batch) hands out due timers in firing order.
 * One-shot timers of a batch stay findable ("firing") until timers_end_batch, so that a
 * callback of the batch can clear a later one and the owner can tell (timers_active).
 * Intervals of a batch are firing too, and re-armed by the owner after their callback
 * (timers_rearm: deadline = the callback's start + interval, fresh seq, same id), so, as in
 * Node, they queue behind the same-delay timers their callback created. An interval the
 * owner did not re-arm (its callback threw) is re-armed by timers_end_batch.
 */
#ifndef MRT_LOOP_TIMERS_H
#define MRT_LOOP_TIMERS_H

#include <stddef.h>
#include <stdint.h>

#define TIMER_SLOT_BITS 24

enum { TIMER_FREE = 0, TIMER_PENDING, TIMER_FIRING, TIMER_CANCELLED };

typedef struct timer_node {
  uint64_t deadline;
  uint64_t seq;       /* creation order: ties of equal deadlines */
  uint64_t interval;  /* ms; 0 for a one-shot timer */
  uint32_t prev, next; /* neighbours in its list while pending; next: free list link */
  uint32_t list;      /* its duration list while pending */
  uint32_t gen;       /* the slot's generation, part of the id */
  uint8_t state;
  uint8_t ref;
} timer_node;

typedef struct timer_list {
  uint64_t duration;
  uint32_t head, tail; /* slots; NO_SLOT when empty */
  uint32_t heap_idx;   /* position in the heap of lists */
  uint32_t next_free;
  uint32_t holds;      /* firing intervals that return to it: kept while empty */
} timer_list;

typedef struct timers {
  timer_node *nodes;
  uint32_t nodes_cap;
  uint32_t free_head; /* UINT32_MAX when empty */
  uint32_t nodes_hwm; /* slots below this have been used at least once */

  timer_list *lists;
  uint32_t lists_cap, lists_free, lists_hwm;
  /* duration -> list + 1 (0 = empty): open addressing, backward-shift deletion */
  uint32_t *lookup;
  uint32_t lookup_mask, lookup_n;

  uint32_t *heap; /* non-empty lists */
  uint32_t heap_n, heap_cap;

  uint32_t pending; /* timers waiting for their deadline */
  uint32_t nref;    /* pending timers that are referenced */
  uint64_t next_seq;

  /* The current batch: ids handed to the owner and their slots. */
  double *batch_ids;
  uint32_t *batch_slots;
  uint32_t batch_n, batch_cap;
  uint32_t batch_intervals; /* intervals in the current batch */
} timers;

void timers_init(timers *t);
void timers_destroy(timers *t);

/* Returns the new id, or 0 if out of memory or out of slots. */
uint64_t timers_start(timers *t, uint64_t now, uint64_t delay, int repeat);
/* 0 if it was pending (or firing and not yet cleared), -1 otherwise. */
int timers_clear(timers *t, uint64_t id);
int timers_active(const timers *t, uint64_t id);
void timers_set_ref(timers *t, uint64_t id, int ref);

/* Earliest deadline; returns 0 if nothing is pending. */
static inline int timers_next(const timers *t, uint64_t *deadline) {
  if (t->heap_n == 0) return 0;
  *deadline = t->nodes[t->lists[t->heap[0]].head].deadline;
  return 1;
}

/* Pops every timer with deadline <= now into t->batch_ids and returns the count. Firing
 * order is Node's: the due timers of the list with the earliest head (deadline, seq), in list
 * order, then those of the next list, and so on. If the batch array cannot grow (out of memory) it stops early: the rest stays
 * pending and is popped by the next call. */
size_t timers_pop_due(timers *t, uint64_t now);
/* Re-arms a firing interval of the batch whose callback started at `start`: it goes to the
 * end of its duration's list. 0 if it was re-armed, -1 if it is not a firing interval
 * (cleared, one-shot, unknown, or already re-armed). Cannot fail otherwise. */
int timers_rearm(timers *t, uint64_t id, uint64_t start);
/* Releases the one-shot and cleared timers of the current batch and re-arms (from `now`)
 * its intervals that were not re-armed. */
void timers_end_batch(timers *t, uint64_t now);

#endif /* MRT_LOOP_TIMERS_H */
