/* channel.c: mrt_channel, the embedder's way for runtimes on threads (and C) to exchange
 * messages (see mrt.h). The same mechanism as a Worker's messages: a lock-free inbox per
 * end, and one task per burst through the receiving runtime's handle (mrt_handle_post: the
 * loop's lock-free ring and one eventfd write per pending wake-up).
 *
 * A channel has two ends; a message posted at one end goes to the other end's inbox (a
 * multi-producer stack, newest first, taken whole by the receiver and reversed). An end has
 * at most one receiver at a time: a C callback or a JS port, on one runtime's loop. The push
 * that finds an inbox empty schedules a delivery task to that receiver (under the end's
 * lock, which only that transition and attaching or detaching take); with no receiver the
 * messages wait, and attaching schedules them.
 *
 * Lifetimes: the channel is refcounted (embedder's references, each receiver's). A receiver
 * is refcounted too (its end's reference while attached, each task in flight); it is a
 * resource of its runtime, so mrt_runtime_free (or a JS port's close()) detaches it there. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "eventloop.h"
#include "runtime_internal.h"

typedef struct chan_msg {
  struct chan_msg *next;
  int kind;
  size_t len;
  void *bytes; /* malloc'd on its own: a JS delivery hands it to an ArrayBuffer */
} chan_msg;

typedef struct chan_receiver chan_receiver;

typedef struct chan_end {
  _Atomic(chan_msg *) inbox; /* newest first */
  pthread_mutex_t lock;      /* rcv, and the empty -> non-empty inbox's scheduling */
  chan_receiver *rcv;
} chan_end;

struct mrt_channel {
  atomic_int refs;
  chan_end ends[2];
};

struct chan_receiver {
  atomic_int refs;
  mrt_channel *ch; /* a reference */
  int end;
  mrt_runtime *rt; /* the runtime's thread only, while attached */
  mrt_runtime_handle *h;
  mrt_channel_fn fn; /* a C receiver */
  void *data;
  shim_global *port, *dispatch; /* a JS receiver: the port and the glue's dispatch */
  int attached, loop_ref;
  int rid;
};

/* ---------------------------------------------------------------- channel */

mrt_channel *mrt_channel_new(void) {
  mrt_channel *ch = calloc(1, sizeof *ch);
  if (!ch) return NULL;
  atomic_init(&ch->refs, 1);
  for (int i = 0; i < 2; i++) {
    atomic_init(&ch->ends[i].inbox, NULL);
    pthread_mutex_init(&ch->ends[i].lock, NULL);
  }
  return ch;
}

mrt_channel *mrt_channel_retain(mrt_channel *ch) {
  if (ch) atomic_fetch_add(&ch->refs, 1);
  return ch;
}

static void msgs_free(chan_msg *m) {
  while (m) {
    chan_msg *next = m->next;
    free(m->bytes);
    free(m);
    m = next;
  }
}

void mrt_channel_release(mrt_channel *ch) {
  if (!ch || atomic_fetch_sub(&ch->refs, 1) != 1) return;
  for (int i = 0; i < 2; i++) {
    msgs_free(atomic_load(&ch->ends[i].inbox));
    pthread_mutex_destroy(&ch->ends[i].lock);
  }
  free(ch);
}

/* ---------------------------------------------------------------- receivers */

static void receiver_release(chan_receiver *r) {
  if (atomic_fetch_sub(&r->refs, 1) != 1) return;
  mrt_handle_release(r->h);
  mrt_channel_release(r->ch);
  free(r);
}

static chan_msg *inbox_take(chan_end *e) {
  chan_msg *m = atomic_exchange(&e->inbox, NULL), *rev = NULL;
  while (m) { /* newest first: reverse into posting order */
    chan_msg *next = m->next;
    m->next = rev;
    rev = m;
    m = next;
  }
  return rev;
}

static void deliver_js(mrt_runtime *rt, chan_receiver *r, chan_msg *list) {
  size_t n = 0, k = 0;
  for (chan_msg *m = list; m; m = m->next) n += 2;
  shim_batch_item small[64];
  shim_batch_item *items = n <= 64 ? small : malloc(n * sizeof *items);
  if (!items || !r->dispatch) {
    if (items != small) free(items);
    msgs_free(list);
    return;
  }
  for (chan_msg *m = list; m; m = m->next) {
    items[k++] = (shim_batch_item){.kind = SHIM_BATCH_NUMBER, .number = m->kind};
    items[k++] = (shim_batch_item){.kind = SHIM_BATCH_BUFFER, .bytes = m->bytes, .len = m->len};
    m->bytes = NULL;
  }
  shim_global *args[2] = {r->port, shim_batch_array(rt->iso, items, k)};
  for (size_t i = 0; i < k; i++) /* not taken: out of memory */
    if (items[i].kind == SHIM_BATCH_BUFFER) free(items[i].bytes);
  if (items != small) free(items);
  msgs_free(list);
  shim_exception exc = {0};
  int rc = args[1] ? shim_call_function(rt->iso, r->dispatch, NULL, 2, args, NULL, &exc) : 0;
  shim_release(args[1]);
  if (rc != 0) rt_raise(rt, &exc); /* as a timer callback's error: ends the loop run */
}

/* On the receiver's thread: hands everything in its end's inbox to it. */
static void deliver_task(mrt_runtime *rt, void *data, int status) {
  chan_receiver *r = data;
  if (status == MRT_OK && r->attached) {
    chan_msg *list = inbox_take(&r->ch->ends[r->end]);
    if (list && r->fn) {
      chan_msg *m = list;
      /* The callback may detach (then the rest of this batch is dropped, as a closed port's). */
      for (; m && r->attached; m = m->next) {
        mrt_channel_msg pub = {m->kind, m->bytes, m->len};
        r->fn(rt, r->data, &pub);
      }
      msgs_free(list);
    } else if (list) {
      deliver_js(rt, r, list);
    }
  }
  receiver_release(r);
}

/* The end's lock held: a delivery task to its receiver, if it has one. */
static void schedule_locked(chan_end *e) {
  chan_receiver *r = e->rcv;
  if (!r) return;
  atomic_fetch_add(&r->refs, 1);
  int rc = mrt_handle_post(r->h, deliver_task, r);
  /* MRT_ESTATE: the task ran already with that status and released r; the runtime is going
   * and its resource close detaches r. */
  if (rc != MRT_OK && rc != MRT_ESTATE) receiver_release(r);
}

static void detach(mrt_runtime *rt, chan_receiver *r) {
  if (!r->attached) return;
  chan_end *e = &r->ch->ends[r->end];
  pthread_mutex_lock(&e->lock);
  if (e->rcv == r) e->rcv = NULL;
  pthread_mutex_unlock(&e->lock);
  r->attached = 0;
  shim_release(r->port);
  shim_release(r->dispatch);
  r->port = r->dispatch = NULL;
  if (r->loop_ref && !rt->freeing) mrt_unref(rt);
  r->loop_ref = 0;
  receiver_release(r); /* the end's reference */
}

static void receiver_close(mrt_runtime *rt, void *ptr) {
  chan_receiver *r = ptr;
  detach(rt, r);
  receiver_release(r); /* the resource's */
}

static const mrt_resource_kind receiver_kind = {.name = "channelReceiver",
                                                .close = receiver_close};

/* Attaches a new receiver to end; it holds the loop (mrt_ref). MRT_ESTATE when the end has
 * one already (on any runtime). */
static int attach(mrt_runtime *rt, mrt_channel *ch, int end, chan_receiver **out) {
  chan_receiver *r = calloc(1, sizeof *r);
  if (!r) return MRT_ENOMEM;
  r->h = mrt_runtime_get_handle(rt);
  if (!r->h) {
    free(r);
    return MRT_ESTATE;
  }
  atomic_init(&r->refs, 2); /* the resource's and the end's */
  r->ch = mrt_channel_retain(ch);
  r->end = end;
  r->rt = rt;
  r->rid = mrt_resource_add(rt, &receiver_kind, r);
  if (r->rid < 0) {
    int rc = r->rid;
    mrt_handle_release(r->h);
    mrt_channel_release(ch);
    free(r);
    return rc;
  }
  chan_end *e = &ch->ends[end];
  pthread_mutex_lock(&e->lock);
  int busy = e->rcv != NULL;
  if (!busy) {
    e->rcv = r;
    r->attached = 1;
    if (atomic_load(&e->inbox)) schedule_locked(e); /* what waited for a receiver */
  }
  pthread_mutex_unlock(&e->lock);
  if (busy) {
    atomic_fetch_sub(&r->refs, 1); /* no end's reference */
    mrt_resource_close(rt, r->rid, &receiver_kind);
    return MRT_ESTATE;
  }
  mrt_ref(rt);
  r->loop_ref = 1;
  *out = r;
  return MRT_OK;
}

/* ---------------------------------------------------------------- posting */

static int post(mrt_channel *ch, int from, int kind, const void *bytes, size_t len) {
  if (!ch || (from != 0 && from != 1) || (!bytes && len > 0)) return MRT_EINVAL;
  chan_msg *m = malloc(sizeof *m);
  void *copy = malloc(len ? len : 1);
  if (!m || !copy) {
    free(m);
    free(copy);
    return MRT_ENOMEM;
  }
  if (len) memcpy(copy, bytes, len);
  *m = (chan_msg){.kind = kind, .len = len, .bytes = copy};
  chan_end *e = &ch->ends[1 - from];
  chan_msg *head = atomic_load_explicit(&e->inbox, memory_order_relaxed);
  do m->next = head;
  while (!atomic_compare_exchange_weak_explicit(&e->inbox, &head, m, memory_order_release,
                                                memory_order_relaxed));
  if (head == NULL) { /* it was empty: its receiver needs a task */
    pthread_mutex_lock(&e->lock);
    schedule_locked(e);
    pthread_mutex_unlock(&e->lock);
  }
  return MRT_OK;
}

int mrt_channel_post(mrt_channel *ch, int from, const void *bytes, size_t len) {
  return post(ch, from, MRT_CHANNEL_BYTES, bytes, len);
}

/* ---------------------------------------------------------------- C receivers */

int mrt_channel_receive(mrt_runtime *rt, mrt_channel *ch, int end, mrt_channel_fn fn,
                        void *data) {
  if (!rt || !ch || (end != 0 && end != 1)) return MRT_EINVAL;
  if (rt_refuse_thread(rt, "mrt_channel_receive")) return MRT_ESTATE;
  if (!fn) { /* detach this runtime's C receiver of that end */
    chan_end *e = &ch->ends[end];
    pthread_mutex_lock(&e->lock);
    chan_receiver *r = e->rcv;
    int mine = r && r->rt == rt && r->fn;
    pthread_mutex_unlock(&e->lock);
    if (!mine) return MRT_ENOTFOUND;
    return mrt_resource_close(rt, r->rid, &receiver_kind);
  }
  chan_receiver *r;
  /* Set before attaching: a task may be posted at once (it runs on this thread later). */
  int rc = attach(rt, ch, end, &r);
  if (rc == MRT_OK) {
    r->fn = fn;
    r->data = data;
  }
  return rc;
}

/* ---------------------------------------------------------------- JS ports */

/* The glue (channel_port_impl.js), loaded once per runtime; *out a new handle. */
static int glue(mrt_runtime *rt, mrt_value **out) {
  static const char file[] = "core/channel_port_impl.js";
  shim_exception exc = {0};
  shim_global *load = NULL, *g = NULL, *name = shim_string(rt->iso, file, sizeof file - 1);
  int rc = name ? shim_get(rt->iso, rt->P, "loadBuiltin", &load, &exc) : -1;
  if (rc == 0) rc = shim_call_function(rt->iso, load, rt->P, 1, &name, &g, &exc);
  shim_release(name);
  shim_release(load);
  if (rc != 0) {
    shim_exception_clear(&exc);
    return MRT_ENOMEM;
  }
  *out = rt_wrap(rt, g);
  return *out ? MRT_OK : MRT_ENOMEM;
}

static chan_receiver *port_receiver(mrt_op_call *c) {
  chan_receiver *r =
      mrt_resource_get(mrt_op_runtime(c), mrt_op_arg_number(c, 0), &receiver_kind);
  if (!r) mrt_op_throw(c, "TypeError", "the channel port is closed");
  return r;
}

/* post(rid, bytes): a structured clone's bytes, to the other end. */
static void op_port_post(mrt_op_call *c) {
  chan_receiver *r = port_receiver(c);
  void *bytes;
  size_t len;
  if (!r) return;
  if (mrt_op_arg_buffer(c, 1, &bytes, &len) != MRT_OK) {
    mrt_op_throw(c, "TypeError", "bytes expected");
    return;
  }
  if (post(r->ch, r->end, MRT_CHANNEL_CLONE, bytes, len) != MRT_OK)
    mrt_op_throw(c, "RangeError", "out of memory");
}

static void op_port_close(mrt_op_call *c) {
  mrt_resource_close(mrt_op_runtime(c), mrt_op_arg_number(c, 0), &receiver_kind);
}

static void op_port_ref(mrt_op_call *c) {
  chan_receiver *r = port_receiver(c);
  int on = mrt_op_arg_boolean(c, 1);
  if (!r || !r->attached || on == r->loop_ref) return;
  if (on) mrt_ref(r->rt);
  else mrt_unref(r->rt);
  r->loop_ref = on;
}

static int bind_glue(mrt_runtime *rt, mrt_value *g) {
  mrt_value *bound = NULL, *yes = NULL, *bind = NULL;
  int rc = mrt_get(rt, g, "bound", &bound);
  if (rc == MRT_OK) rc = mrt_call(rt, bound, g, 0, NULL, &yes);
  if (rc == MRT_OK && !mrt_value_to_boolean(rt, yes)) {
    mrt_value *fns[3] = {mrt_function(rt, "post", op_port_post, NULL),
                         mrt_function(rt, "close", op_port_close, NULL),
                         mrt_function(rt, "ref", op_port_ref, NULL)};
    rc = fns[0] && fns[1] && fns[2] ? mrt_get(rt, g, "bind", &bind) : MRT_ENOMEM;
    if (rc == MRT_OK) rc = mrt_call(rt, bind, g, 3, fns, NULL);
    for (int i = 0; i < 3; i++) mrt_value_free(rt, fns[i]);
  }
  mrt_value_free(rt, bound);
  mrt_value_free(rt, yes);
  mrt_value_free(rt, bind);
  return rc;
}

mrt_value *mrt_channel_to_js(mrt_runtime *rt, mrt_channel *ch, int end) {
  if (!rt || !ch || (end != 0 && end != 1)) return NULL;
  if (rt_refuse_thread(rt, "mrt_channel_to_js")) return NULL;
  mrt_value *g = NULL, *make = NULL, *dispatch = NULL, *rid = NULL, *port = NULL;
  chan_receiver *r = NULL;
  int rc = glue(rt, &g);
  if (rc == MRT_OK) rc = bind_glue(rt, g);
  if (rc == MRT_OK) rc = mrt_get(rt, g, "make", &make);
  if (rc == MRT_OK) rc = mrt_get(rt, g, "dispatch", &dispatch);
  if (rc == MRT_OK) rc = attach(rt, ch, end, &r);
  if (rc == MRT_OK) {
    rid = mrt_number(rt, r->rid);
    rc = rid ? mrt_call(rt, make, g, 1, &rid, &port) : MRT_ENOMEM;
    if (rc == MRT_OK) {
      r->port = shim_dup(rt->iso, port->g);
      r->dispatch = shim_dup(rt->iso, dispatch->g);
    }
    if (rc != MRT_OK || !r->port || !r->dispatch) {
      mrt_resource_close(rt, r->rid, &receiver_kind);
      mrt_value_free(rt, port);
      port = NULL;
    }
  }
  mrt_value_free(rt, g);
  mrt_value_free(rt, make);
  mrt_value_free(rt, dispatch);
  mrt_value_free(rt, rid);
  return port;
}

/* ---------------------------------------------------------------- values */

int mrt_channel_post_value(mrt_runtime *rt, mrt_channel *ch, int from, const mrt_value *v) {
  if (!rt || !ch || (from != 0 && from != 1) || !v) return MRT_EINVAL;
  if (rt_refuse_thread(rt, "mrt_channel_post_value")) return MRT_ESTATE;
  mrt_value *g = NULL, *encode = NULL, *bytes = NULL;
  void *data;
  size_t len;
  int rc = glue(rt, &g);
  if (rc == MRT_OK) rc = mrt_get(rt, g, "encode", &encode);
  if (rc == MRT_OK) {
    mrt_value *arg = (mrt_value *)v;
    rc = mrt_call(rt, encode, g, 1, &arg, &bytes); /* a DataCloneError is the call's error */
  }
  if (rc == MRT_OK) rc = mrt_buffer_data(rt, bytes, &data, &len);
  if (rc == MRT_OK) rc = post(ch, from, MRT_CHANNEL_CLONE, data, len);
  mrt_value_free(rt, g);
  mrt_value_free(rt, encode);
  mrt_value_free(rt, bytes);
  return rc;
}

int mrt_channel_msg_value(mrt_runtime *rt, const mrt_channel_msg *msg, mrt_value **out) {
  if (!rt || !msg || !out || (!msg->bytes && msg->len)) return MRT_EINVAL;
  if (rt_refuse_thread(rt, "mrt_channel_msg_value")) return MRT_ESTATE;
  *out = NULL;
  mrt_value *buf = mrt_array_buffer(rt, msg->bytes, msg->len, NULL);
  if (!buf) return MRT_ENOMEM;
  if (msg->kind == MRT_CHANNEL_BYTES) {
    *out = buf;
    return MRT_OK;
  }
  mrt_value *g = NULL, *decode = NULL;
  int rc = glue(rt, &g);
  if (rc == MRT_OK) rc = mrt_get(rt, g, "decode", &decode);
  if (rc == MRT_OK) rc = mrt_call(rt, decode, g, 1, &buf, out);
  mrt_value_free(rt, g);
  mrt_value_free(rt, decode);
  mrt_value_free(rt, buf);
  return rc;
}
