/*
 * ring.h: a bounded multi-producer/single-consumer queue of fixed-size items.
 *
 * The fast path is Dmitry Vyukov's bounded queue: an array of slots, each with a sequence
 * number; a producer claims a position with one CAS on the shared enqueue counter, writes
 * the item, then publishes it by storing the slot's sequence. The single consumer needs no
 * atomic read-modify-write at all.
 *
 * When the ring is full, ring_push never fails or blocks: the item goes on an overflow
 * Treiber stack (one malloc), tagged with the enqueue position at which the producer found
 * the ring full. The consumer merges overflow items back in by that tag, which keeps every
 * producer's items in its posting order (see ring.c for the argument).
 *
 * Threading: ring_push from any thread; everything else from the one consumer thread.
 */
#ifndef MRT_LOOP_RING_H
#define MRT_LOOP_RING_H

#include <stdatomic.h>
#include <stddef.h>

typedef struct ring_ovf ring_ovf;

typedef struct ring {
  /* Written by producers: each on its own cache line. */
  _Alignas(64) _Atomic size_t enq;
  _Alignas(64) _Atomic(ring_ovf *) ovf;
  /* Consumer-only state. */
  _Alignas(64) size_t deq;
  ring_ovf *held;      /* overflow items taken off the stack, sorted by tag */
  ring_ovf *held_tail; /* its last item: a new batch usually appends (O(1), not a walk) */
  size_t mask, item_size, stride;
  unsigned char *slots;
} ring;

/* capacity is rounded up to a power of two (>= 2). Returns 0 or -1 (out of memory). */
int ring_init(ring *r, size_t capacity, size_t item_size);
/* Frees the ring and any overflow items still queued (consume them first if they matter). */
void ring_destroy(ring *r);
static inline size_t ring_capacity(const ring *r) { return r->mask + 1; }

/* Any thread. 0: queued in the ring; 1: queued in the overflow list; -1: out of memory. */
int ring_push(ring *r, const void *item);

/* Consumer. Copies the next item to out and returns 1, or returns 0 if none is available
 * yet (a producer may still be writing the next one in order; it will be available soon). */
int ring_pop(ring *r, void *out);
/* Consumer. 1 if ring_pop would (probably) return an item; cheap, no side effects. */
int ring_ready(const ring *r);

#endif /* MRT_LOOP_RING_H */
