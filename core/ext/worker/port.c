/* port.c: MessagePorts whose peer lives in another runtime (another thread).
 *
 * A channel crossing threads is a pair of ends in C (mp_pair). Each end has an inbox (the
 * lock-free queue of wire.h) that its peer's holder pushes onto, and an owner: the runtime
 * it is attached to (a resource there, its rid the JS port's handle), or none while it
 * travels inside a message. The push that finds the inbox idle posts one drain task to the
 * owner through its runtime handle (the loop's lock-free ring): no lock on that path. JS
 * makes the pair when a port first leaves its runtime (messaging_impl.js): the end that
 * stays backs its peer port there.
 *
 * Transfer keeps order: detaching an end takes what its inbox holds into `pending` (after
 * the messages JS had queued for it, which JS hands back first: portPend); the runtime that
 * attaches it next delivers pending first, then the inbox. A sender that reads the owner
 * announces itself in `posting`, so the detaching thread releases the owner's handle only
 * once no sender can still use it. Closing an end (close(), its runtime freed, a message
 * holding it dropped) tells the peer (WK_CLOSE): a port whose peer is gone no longer keeps
 * its loop alive. */
#include <sched.h>
#include <stdlib.h>

#include "wire.h"

typedef struct mp_pair mp_pair;

struct mp_end {
  mp_pair *pair;
  int index;
  wk_inbox inbox;                        /* messages to this end */
  _Atomic(mrt_runtime_handle *) owner;   /* a reference; NULL in transit or closed */
  _Atomic(mrt_runtime *) owner_rt;       /* its drain tasks check they are still its */
  atomic_int posting;                    /* senders between reading owner and posting */
  atomic_int closed;
  double rid;                            /* its resource in the owner (the owner's thread) */
  wk_msg *pending;                       /* handed over with a transfer (oldest first) */
};

struct mp_pair {
  atomic_int refs; /* per end not closed yet, per drain task in flight */
  mp_end end[2];
};

static void pair_release(mp_pair *p) {
  if (atomic_fetch_sub(&p->refs, 1) != 1) return;
  for (int i = 0; i < 2; i++) {
    wk_msgs_free(p->end[i].pending);
    wk_msgs_free(atomic_load(&p->end[i].inbox.head));
  }
  free(p);
}

static mp_end *peer_of(mp_end *e) { return &e->pair->end[1 - e->index]; }

/* Stops posting to e's owner: NULL from now on, the old handle released once no sender is
 * between reading it and posting with it. */
static void drop_owner(mp_end *e) {
  atomic_store(&e->owner_rt, NULL);
  mrt_runtime_handle *h = atomic_exchange(&e->owner, NULL);
  if (!h) return;
  while (atomic_load(&e->posting)) sched_yield();
  mrt_handle_release(h);
}

static void drain_task(mrt_runtime *rt, void *data, int status);

/* Posts e's drain task to its owner, if it has one (any thread). */
static void post_drain(mp_end *e) {
  atomic_fetch_add(&e->posting, 1);
  mrt_runtime_handle *h = atomic_load(&e->owner);
  if (h) {
    atomic_fetch_add(&e->pair->refs, 1);
    /* MRT_ESTATE: the task was called already (with that status) and released it. */
    int rc = mrt_handle_post(h, drain_task, e);
    if (rc != MRT_OK && rc != MRT_ESTATE) pair_release(e->pair);
  }
  atomic_fetch_sub(&e->posting, 1);
}

/* A message to e (from its peer's holder, any thread); dropped when e is closed. */
static void send_to(mp_end *e, wk_msg *m) {
  if (atomic_load(&e->closed)) {
    wk_msg_free(m);
    return;
  }
  if (inbox_push(&e->inbox, m)) post_drain(e);
}

/* The end is done with: its messages are dropped, its peer told; the holder's reference
 * goes. */
static void end_close(mp_end *e) {
  if (atomic_exchange(&e->closed, 1)) return;
  drop_owner(e);
  wk_msg *pending = e->pending;
  e->pending = NULL;
  wk_msgs_free(wk_msgs_append(pending, inbox_take(&e->inbox)));
  mp_end *peer = peer_of(e);
  wk_msg *m = calloc(1, sizeof *m);
  if (m) {
    m->kind = WK_CLOSE;
    send_to(peer, m);
  }
  pair_release(e->pair);
}

static void port_resource_close(mrt_runtime *rt, void *ptr) {
  (void)rt;
  end_close(ptr);
}

static const mrt_resource_kind port_kind = {.name = "messagePort", .close = port_resource_close};

/* On the owner's thread: what waits for e goes to JS (portDispatch(rid, batch)). A task
 * posted before e moved on finds another owner and does nothing. */
static void drain_task(mrt_runtime *rt, void *data, int status) {
  mp_end *e = data;
  if (status == MRT_OK && atomic_load(&e->owner_rt) == rt && !atomic_load(&e->closed)) {
    wk_msg *pending = e->pending;
    e->pending = NULL;
    wk_msg *list = wk_msgs_append(pending, inbox_take(&e->inbox));
    if (list) wk_deliver(rt, wk_state_of(rt)->port_dispatch, list, e->rid);
  }
  pair_release(e->pair);
}

double mp_attach(mrt_runtime *rt, mp_end *e) {
  int rid = mrt_resource_add(rt, &port_kind, e);
  mrt_runtime_handle *h = rid < 0 ? NULL : mrt_runtime_get_handle(rt);
  if (!h) {
    if (rid >= 0) mrt_resource_close(rt, rid, &port_kind);
    else end_close(e);
    return -1;
  }
  e->rid = rid;
  atomic_store(&e->owner_rt, rt);
  atomic_store(&e->owner, h);
  /* Whatever came before (pending, or an inbox whose last drain task went elsewhere). */
  atomic_store(&e->inbox.scheduled, 1);
  post_drain(e);
  return rid;
}

mp_end *mp_detach(mrt_runtime *rt, double rid) {
  void *ptr = NULL;
  if (mrt_resource_take(rt, rid, &port_kind, &ptr) != MRT_OK || !ptr) return NULL;
  mp_end *e = ptr;
  drop_owner(e);
  e->pending = wk_msgs_append(e->pending, inbox_take(&e->inbox));
  return e;
}

void mp_close_loose(mp_end *e) { end_close(e); }

/* ---------------------------------------------------------------- ops (workerBinding) */

static mp_end *end_arg(mrt_op_call *c) {
  return mrt_resource_get(mrt_op_runtime(c), mrt_op_arg_number(c, 0), &port_kind);
}

/* portPair() -> [rid0, rid1]: a new channel, both ends attached here. */
static void op_port_pair(mrt_op_call *c) {
  mrt_runtime *rt = mrt_op_runtime(c);
  mp_pair *p = calloc(1, sizeof *p);
  if (!p) return mrt_op_throw(c, "ENOMEM", "out of memory");
  atomic_init(&p->refs, 2);
  for (int i = 0; i < 2; i++) {
    p->end[i].pair = p;
    p->end[i].index = i;
    p->end[i].rid = -1;
  }
  double r0 = mp_attach(rt, &p->end[0]);
  double r1 = mp_attach(rt, &p->end[1]);
  if (r0 < 0 || r1 < 0) {
    if (r0 >= 0) mrt_resource_close(rt, r0, &port_kind);
    if (r1 >= 0) mrt_resource_close(rt, r1, &port_kind);
    return mrt_op_throw(c, "ENOMEM", "out of memory");
  }
  mrt_value *arr = mrt_array(rt, 2);
  mrt_value *a = mrt_number(rt, r0), *b = mrt_number(rt, r1);
  if (arr && a && b && mrt_set_index(rt, arr, 0, a) == MRT_OK &&
      mrt_set_index(rt, arr, 1, b) == MRT_OK) {
    mrt_op_return_value(c, arr);
  } else {
    mrt_op_throw(c, "ENOMEM", "out of memory");
  }
  mrt_value_free(rt, a);
  mrt_value_free(rt, b);
  mrt_value_free(rt, arr);
}

/* portPost(rid, bytes, shared, nports, ...ports, ...buffers): to the peer, wherever it is.
 * A message carrying the peer itself can never arrive: it is dropped (its ports closed). */
static void op_port_post(mrt_op_call *c) {
  mp_end *e = end_arg(c);
  if (!e) return;
  wk_msg *m = wk_take_message(c, 1);
  if (!m) return;
  mp_end *peer = peer_of(e);
  for (size_t i = 0; i < m->nports; i++) {
    if (m->ports[i] == peer) {
      wk_msg_free(m);
      return;
    }
  }
  send_to(peer, m);
}

/* portPend(rid, bytes, shared, nports, ...ports, ...buffers): a message JS had queued for
 * this end and not delivered, handed back before the end is transferred. */
static void op_port_pend(mrt_op_call *c) {
  mp_end *e = end_arg(c);
  if (!e) return;
  wk_msg *m = wk_take_message(c, 1);
  if (m) e->pending = wk_msgs_append(e->pending, m);
}

/* portClose(rid) */
static void op_port_close(mrt_op_call *c) {
  mrt_resource_close(mrt_op_runtime(c), mrt_op_arg_number(c, 0), &port_kind);
}

/* setPortDispatch(fn): the JS that receives messages to this runtime's ports. */
static void op_set_port_dispatch(mrt_op_call *c) {
  wk_state *s = mrt_op_data(c);
  if (!s->port_dispatch) s->port_dispatch = rt_op_function_arg(c, 0);
}

const mrt_op_decl mp_binding_fns[] = {
    {.name = "portPair", .fn = op_port_pair},
    {.name = "portPost", .fn = op_port_post},
    {.name = "portPend", .fn = op_port_pend},
    {.name = "portClose", .fn = op_port_close},
    {.name = "setPortDispatch", .fn = op_set_port_dispatch},
};
const size_t mp_binding_nfns = sizeof mp_binding_fns / sizeof mp_binding_fns[0];
