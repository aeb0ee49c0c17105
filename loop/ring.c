/*
 * ring.c: bounded MPSC ring with an unbounded overflow. See ring.h.
 *
 * Per-producer order across ring and overflow. A producer P that finds the ring full at
 * position `pos` pushes its item o to the overflow stack with o.after = pos. Then:
 *  - every earlier ring item of P has a position < pos (P's own CAS moved enq past it, and
 *    P reads enq after that);
 *  - every later ring item of P gets a position >= pos (enq only grows).
 * So the consumer delivers o after all ring positions < o.after and before the ring item at
 * o.after: overflow items are held (sorted by tag) until deq reaches their tag. The consumer
 * also checks the stack before delivering each ring item: if P pushed o and then published
 * a later ring item r, having seen r (acquire on r's sequence) it is guaranteed to see o on
 * the stack, so o is never overtaken. Items of different producers have no order to keep.
 *
 * The common path on the consumer is one acquire load of the slot sequence, one load of the
 * (almost always NULL) overflow head, a copy and one release store.
 */
#include "ring.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct ring_ovf {
  ring_ovf *next;
  size_t after;
  _Alignas(16) unsigned char item[];
};

#define SLOT_SEQ(r, pos) ((_Atomic size_t *)((r)->slots + ((pos) & (r)->mask) * (r)->stride))
#define SLOT_ITEM(r, pos) ((r)->slots + ((pos) & (r)->mask) * (r)->stride + sizeof(size_t))

int ring_init(ring *r, size_t capacity, size_t item_size) {
  size_t cap = 2, i;
  while (cap < capacity) {
    if (cap > SIZE_MAX / 4) return -1;
    cap *= 2;
  }
  memset(r, 0, sizeof(*r));
  r->mask = cap - 1;
  r->item_size = item_size;
  r->stride = (sizeof(size_t) + item_size + 7) & ~(size_t)7;
  r->slots = malloc(cap * r->stride);
  if (r->slots == NULL) return -1;
  for (i = 0; i < cap; i++) atomic_init(SLOT_SEQ(r, i), i);
  atomic_init(&r->enq, 0);
  atomic_init(&r->ovf, NULL);
  return 0;
}

void ring_destroy(ring *r) {
  ring_ovf *o = atomic_exchange_explicit(&r->ovf, NULL, memory_order_acquire), *next;
  for (; o != NULL; o = next) next = o->next, free(o);
  for (o = r->held; o != NULL; o = next) next = o->next, free(o);
  free(r->slots);
  memset(r, 0, sizeof(*r));
}

static int overflow_push(ring *r, const void *item, size_t after) {
  ring_ovf *o = malloc(sizeof(*o) + r->item_size), *head;
  if (o == NULL) return -1;
  o->after = after;
  memcpy(o->item, item, r->item_size);
  head = atomic_load_explicit(&r->ovf, memory_order_relaxed);
  do o->next = head;
  while (!atomic_compare_exchange_weak_explicit(&r->ovf, &head, o, memory_order_release,
                                                memory_order_relaxed));
  return 1;
}

int ring_push(ring *r, const void *item) {
  size_t pos = atomic_load_explicit(&r->enq, memory_order_relaxed);
  for (;;) {
    size_t seq = atomic_load_explicit(SLOT_SEQ(r, pos), memory_order_acquire);
    intptr_t dif = (intptr_t)(seq - pos);
    if (dif == 0) {
      if (atomic_compare_exchange_weak_explicit(&r->enq, &pos, pos + 1, memory_order_relaxed,
                                                memory_order_relaxed))
        break;
    } else if (dif < 0) {
      /* The slot still holds the item from one lap ago: full. */
      return overflow_push(r, item, pos);
    } else {
      pos = atomic_load_explicit(&r->enq, memory_order_relaxed);
    }
  }
  memcpy(SLOT_ITEM(r, pos), item, r->item_size);
  atomic_store_explicit(SLOT_SEQ(r, pos), pos + 1, memory_order_release);
  return 0;
}

/* Stable merge of two lists sorted by `after` (a's items first on ties: pushed earlier). */
static ring_ovf *merge(ring_ovf *a, ring_ovf *b) {
  ring_ovf head, *t = &head;
  while (a && b) {
    if ((intptr_t)(b->after - a->after) < 0) t->next = b, b = b->next;
    else t->next = a, a = a->next;
    t = t->next;
  }
  t->next = a ? a : b;
  return head.next;
}

static ring_ovf *sort(ring_ovf *l) {
  ring_ovf *slow = l, *fast, *b;
  if (l == NULL || l->next == NULL) return l;
  for (fast = l->next; fast && fast->next; fast = fast->next->next) slow = slow->next;
  b = slow->next;
  slow->next = NULL;
  return merge(sort(l), sort(b));
}

/* Takes the whole overflow stack into the held list, which stays sorted by `after` and,
 * for equal tags, in push order. Sorting (rather than keeping push order) matters: two
 * producers may push in one order with tags in the other, and an item must not wait behind
 * another producer's item with a later tag. Per producer, tags never decrease.
 * While the ring stays full every pop takes a small batch; tags grow with enq, so a batch
 * almost always belongs after the held tail: appending there keeps a pop O(batch), where
 * merging from the head walked the whole held list each time (O(held) per pop). */
static void overflow_take(ring *r) {
  ring_ovf *o = atomic_exchange_explicit(&r->ovf, NULL, memory_order_acquire), *rev = NULL;
  ring_ovf *batch, *batch_tail;
  while (o != NULL) {
    ring_ovf *next = o->next;
    o->next = rev;
    rev = o;
    o = next;
  }
  batch = sort(rev);
  if (batch == NULL) return;
  for (batch_tail = batch; batch_tail->next != NULL; batch_tail = batch_tail->next) {
  }
  if (r->held == NULL) {
    r->held = batch;
  } else if ((intptr_t)(batch->after - r->held_tail->after) >= 0) {
    r->held_tail->next = batch; /* ties: held items were pushed earlier, they go first */
  } else {
    /* merge() ends with the larger tag, the batch's on ties */
    ring_ovf *held_tail = r->held_tail;
    r->held = merge(r->held, batch);
    if ((intptr_t)(batch_tail->after - held_tail->after) < 0) batch_tail = held_tail;
  }
  r->held_tail = batch_tail;
}

static inline int held_due(const ring *r) {
  return r->held != NULL && (intptr_t)(r->held->after - r->deq) <= 0;
}

static void held_pop(ring *r, void *out) {
  ring_ovf *h = r->held;
  memcpy(out, h->item, r->item_size);
  r->held = h->next;
  if (r->held == NULL) r->held_tail = NULL;
  free(h);
}

int ring_pop(ring *r, void *out) {
  size_t seq;
  if (held_due(r)) {
    held_pop(r, out);
    return 1;
  }
  seq = atomic_load_explicit(SLOT_SEQ(r, r->deq), memory_order_acquire);
  /* Anything on the stack may have been pushed before this slot's item by the same
   * producer: take it now (after the sequence load, so nothing pushed before is missed),
   * and deliver what is due first. Not reloading seq afterwards keeps this wait-free. */
  if (atomic_load_explicit(&r->ovf, memory_order_relaxed) != NULL) {
    overflow_take(r);
    if (held_due(r)) {
      held_pop(r, out);
      return 1;
    }
  }
  if (seq != r->deq + 1) return 0; /* empty, or the producer of `deq` is mid-write */
  memcpy(out, SLOT_ITEM(r, r->deq), r->item_size);
  atomic_store_explicit(SLOT_SEQ(r, r->deq), r->deq + r->mask + 1, memory_order_release);
  r->deq++;
  return 1;
}

int ring_ready(const ring *r) {
  if (held_due(r)) return 1;
  if (atomic_load_explicit(SLOT_SEQ(r, r->deq), memory_order_acquire) == r->deq + 1) return 1;
  return atomic_load_explicit(&r->ovf, memory_order_relaxed) != NULL;
}
