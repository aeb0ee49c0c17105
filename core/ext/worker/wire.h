/* wire.h: a message between runtimes on different threads (a worker's, a MessagePort's
 * whose peer lives elsewhere, a BroadcastChannel's), the lock-free queue it waits in, and
 * its handing to JS. Shared by worker.c, port.c and broadcast.c (one extension: "worker").
 *
 * A message is the structured clone's bytes plus the memory of its transferred
 * ArrayBuffers (moved, no copy), its SharedArrayBuffers (shared) and its transferred
 * MessagePorts' ends (port.c; each attaches to the receiving runtime when delivered). */
#ifndef MRT_EXT_WORKER_WIRE_H
#define MRT_EXT_WORKER_WIRE_H

#include <stdatomic.h>
#include <stddef.h>

#include "ext/ext.h"
#include "runtime_internal.h"

/* What a message is: a posted value, an uncaught error (a worker's), the end of a worker's
 * thread, the closing of a port's peer. */
enum { WK_MESSAGE = 0, WK_ERROR = 1, WK_EXIT = 2, WK_CLOSE = 3 };

typedef struct mp_end mp_end;

/* One message, one allocation plus its bytes and buffers. */
typedef struct wk_msg {
  struct wk_msg *next;
  int kind;
  void *bytes; /* WK_MESSAGE: the clone's bytes; WK_ERROR: "name\0message\0file\0stack\0" */
  size_t len;
  int line, column;
  shim_store **shared; /* the SharedArrayBuffers' memory (shared, not moved) */
  size_t nshared;
  mp_end **ports;      /* transferred ports' ends, detached from the sender (owned) */
  size_t nports;
  size_t nbufs;
  shim_store *bufs[];  /* the transferred ArrayBuffers' memory (moved) */
} wk_msg;

/* A queue: lock-free, any number of producers (a port's sender may change threads), one
 * consumer. */
typedef struct wk_inbox {
  _Atomic(wk_msg *) head; /* newest first */
  atomic_int scheduled;   /* a drain task is posted (or will be) */
} wk_inbox;

/* Sender: 1 when the inbox was idle (the caller posts the drain task). */
static inline int inbox_push(wk_inbox *q, wk_msg *m) {
  wk_msg *head = atomic_load_explicit(&q->head, memory_order_relaxed);
  do {
    m->next = head;
  } while (!atomic_compare_exchange_weak(&q->head, &head, m));
  return !atomic_exchange(&q->scheduled, 1);
}

/* Receiver: everything queued, oldest first. A push racing with this posts another task. */
static inline wk_msg *inbox_take(wk_inbox *q) {
  atomic_store(&q->scheduled, 0);
  wk_msg *m = atomic_exchange(&q->head, NULL), *fifo = NULL;
  while (m) {
    wk_msg *next = m->next;
    m->next = fifo;
    fifo = m;
    m = next;
  }
  return fifo;
}

/* The worker extension's state in each runtime. */
typedef struct wk_worker wk_worker;
typedef struct wk_state {
  mrt_runtime *rt;
  shim_global *dispatch;      /* JS: worker events for this runtime (parent or worker side) */
  shim_global *port_dispatch; /* JS: messages to this runtime's cross-thread ports */
  shim_global *bc_dispatch;   /* JS: BroadcastChannel messages from other runtimes */
  wk_worker *self;            /* this runtime is that worker's, or NULL */
  int self_ref;               /* the worker's loop is held (it listens for messages) */
} wk_state;

wk_state *wk_state_of(mrt_runtime *rt);

void wk_msg_free(wk_msg *m); /* its ports' ends are closed */
void wk_msgs_free(wk_msg *list);
/* Appends b to the list a (either may be NULL). */
wk_msg *wk_msgs_append(wk_msg *a, wk_msg *b);

/* The message in an op's arguments [from, argc): bytes (a Uint8Array, copied), the
 * SharedArrayBuffers it holds (an array, or undefined), the count of ports it transfers
 * (at most 64), their rids in this runtime (detached from it here), then the transferred
 * ArrayBuffers (detached: their memory moves). NULL (an error thrown) on failure. */
wk_msg *wk_take_message(mrt_op_call *c, int from);

/* Hands a list of messages to dispatch(id, batch) on rt's thread, batch flat: per message
 * its kind, then WK_MESSAGE: the counts of buffers, shared buffers and ports, the bytes, the
 * buffers, the shared buffers, the ports (rids in rt, attached here); WK_ERROR: name,
 * message, file, stack, line, column; others nothing. The list is freed. An error the JS
 * lets through is raised (it ends the loop run, as a timer callback's would). */
void wk_deliver(mrt_runtime *rt, shim_global *dispatch, wk_msg *list, double id);

/* port.c */
/* Attaches an end to rt: a resource (its rid), messages to it delivered there. -1: closed. */
double mp_attach(mrt_runtime *rt, mp_end *end);
/* Detaches rt's port rid from it (for a message in transit); NULL if it is not one. */
mp_end *mp_detach(mrt_runtime *rt, double rid);
/* Closes an end not attached (a dropped message's): its peer learns of it. */
void mp_close_loose(mp_end *end);
extern const mrt_op_decl mp_binding_fns[];
extern const size_t mp_binding_nfns;
/* broadcast.c */
extern const mrt_op_decl bc_binding_fns[];
extern const size_t bc_binding_nfns;

#endif
