/* broadcast.c: BroadcastChannel between the runtimes of the process (main and workers).
 *
 * A runtime with open channels of a name subscribes once for that name (JS counts its own
 * channels and delivers among them itself, messaging_impl.js). The subscriptions of a name
 * form a topic; posting reads the topic's current list of subscriptions, an immutable
 * snapshot, without a lock, and pushes a copy of the message onto each subscription's
 * lock-free queue (wire.h), whose drain task goes through its runtime's handle when the
 * push finds it idle. Subscribing and unsubscribing take a mutex, publish a new snapshot,
 * and wait until no poster is still reading the old one before freeing it (and, on
 * unsubscribe, the subscription's handle): posters announce themselves in `readers`. */
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

typedef struct bc_sub bc_sub;

typedef struct bc_list {
  size_t n;
  bc_sub *subs[];
} bc_list;

typedef struct bc_topic {
  struct bc_topic *next;
  char *name;
  size_t name_len;
  _Atomic(bc_list *) list; /* never NULL while the topic lives */
  atomic_int readers;      /* posters between loading list and their last use of it */
} bc_topic;

struct bc_sub {
  atomic_int refs;           /* the subscription's, and one per drain task in flight */
  atomic_int closed;
  bc_topic *topic;
  mrt_runtime_handle *owner; /* a reference: posters use it while the sub is listed */
  double rid;                /* its resource in the owner */
  wk_inbox inbox;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static bc_topic *topics; /* under lock */

static void sub_release(bc_sub *s) {
  if (atomic_fetch_sub(&s->refs, 1) != 1) return;
  wk_msgs_free(atomic_load(&s->inbox.head));
  free(s);
}

/* The topic's list without `drop` and with `add` (either may be NULL); lock held. */
static bc_list *list_with(const bc_list *old, bc_sub *drop, bc_sub *add) {
  bc_list *l = malloc(sizeof *l + (old->n + 1) * sizeof(bc_sub *));
  if (!l) return NULL;
  l->n = 0;
  for (size_t i = 0; i < old->n; i++) {
    if (old->subs[i] != drop) l->subs[l->n++] = old->subs[i];
  }
  if (add) l->subs[l->n++] = add;
  return l;
}

/* Publishes l in t; the old list is returned once no poster reads it. */
static bc_list *publish(bc_topic *t, bc_list *l) {
  bc_list *old = atomic_exchange(&t->list, l);
  while (atomic_load(&t->readers)) sched_yield();
  return old;
}

static void sub_resource_close(mrt_runtime *rt, void *ptr) {
  (void)rt;
  bc_sub *s = ptr;
  bc_topic *t = s->topic;
  atomic_store(&s->closed, 1);
  pthread_mutex_lock(&lock);
  bc_list *old = atomic_load(&t->list);
  bc_list *l = list_with(old, s, NULL);
  if (!l) { /* out of memory: s stays listed, drained into nothing (closed) */
    pthread_mutex_unlock(&lock);
    return;
  }
  free(publish(t, l));
  if (l->n == 0) { /* the last one: no poster can reach the topic any more */
    for (bc_topic **p = &topics; *p; p = &(*p)->next) {
      if (*p == t) {
        *p = t->next;
        break;
      }
    }
    free(l);
    free(t->name);
    free(t);
  }
  pthread_mutex_unlock(&lock);
  mrt_handle_release(s->owner);
  sub_release(s);
}

static const mrt_resource_kind sub_kind = {.name = "broadcastChannel", .close = sub_resource_close};

static void drain_task(mrt_runtime *rt, void *data, int status) {
  bc_sub *s = data;
  if (status == MRT_OK && !atomic_load(&s->closed)) {
    wk_msg *list = inbox_take(&s->inbox);
    if (list) wk_deliver(rt, wk_state_of(rt)->bc_dispatch, list, s->rid);
  }
  sub_release(s);
}

/* The topic of a name, made when missing; lock held. */
static bc_topic *topic_of(const char *name, size_t len) {
  for (bc_topic *t = topics; t; t = t->next) {
    if (t->name_len == len && memcmp(t->name, name, len) == 0) return t;
  }
  bc_topic *t = calloc(1, sizeof *t);
  bc_list *l = calloc(1, sizeof *l);
  if (!t || !l || !(t->name = malloc(len + 1))) {
    free(t);
    free(l);
    return NULL;
  }
  memcpy(t->name, name, len);
  t->name[len] = 0;
  t->name_len = len;
  atomic_init(&t->list, l);
  t->next = topics;
  topics = t;
  return t;
}

/* bcSubscribe(name) -> rid */
static void op_subscribe(mrt_op_call *c) {
  mrt_runtime *rt = mrt_op_runtime(c);
  size_t len = 0;
  const char *name = mrt_op_arg_string(c, 0, &len);
  bc_sub *s = name ? calloc(1, sizeof *s) : NULL;
  if (!s || !(s->owner = mrt_runtime_get_handle(rt))) {
    free(s);
    return mrt_op_throw(c, "ENOMEM", "out of memory");
  }
  atomic_init(&s->refs, 1);
  pthread_mutex_lock(&lock);
  bc_topic *t = topic_of(name, len);
  bc_list *l = t ? list_with(atomic_load(&t->list), NULL, s) : NULL;
  int rid = l ? mrt_resource_add(rt, &sub_kind, s) : -1;
  if (rid < 0) {
    free(l);
    if (t && atomic_load(&t->list)->n == 0) { /* made for this one: unlink it again */
      topics = t->next; /* topic_of put a new topic first */
      free(atomic_load(&t->list));
      free(t->name);
      free(t);
    }
    pthread_mutex_unlock(&lock);
    mrt_handle_release(s->owner);
    free(s);
    return mrt_op_throw(c, "ENOMEM", "out of memory");
  }
  s->topic = t;
  s->rid = rid;
  free(publish(t, l));
  pthread_mutex_unlock(&lock);
  mrt_op_return_number(c, rid);
}

/* bcUnsubscribe(rid) */
static void op_unsubscribe(mrt_op_call *c) {
  mrt_resource_close(mrt_op_runtime(c), mrt_op_arg_number(c, 0), &sub_kind);
}

/* bcPost(rid, bytes): a copy to every other runtime's subscription of the same name. No
 * lock: the topic lives while this runtime's own subscription does. */
static void op_post(mrt_op_call *c) {
  bc_sub *self = mrt_resource_get(mrt_op_runtime(c), mrt_op_arg_number(c, 0), &sub_kind);
  void *data;
  size_t len;
  if (!self) return;
  if (mrt_op_arg_buffer(c, 1, &data, &len) != MRT_OK) {
    return mrt_op_throw(c, "ERR_INVALID_ARG_TYPE", "message bytes expected");
  }
  bc_topic *t = self->topic;
  int nomem = 0;
  atomic_fetch_add(&t->readers, 1);
  bc_list *l = atomic_load(&t->list);
  for (size_t i = 0; i < l->n; i++) {
    bc_sub *s = l->subs[i];
    if (s == self || atomic_load(&s->closed)) continue;
    wk_msg *m = calloc(1, sizeof *m);
    if (!m || !(m->bytes = malloc(len ? len : 1))) {
      free(m);
      nomem = 1;
      break;
    }
    m->kind = WK_MESSAGE;
    memcpy(m->bytes, data, len);
    m->len = len;
    if (inbox_push(&s->inbox, m)) {
      atomic_fetch_add(&s->refs, 1);
      int rc = mrt_handle_post(s->owner, drain_task, s); /* MRT_ESTATE: the task released it */
      if (rc != MRT_OK && rc != MRT_ESTATE) sub_release(s);
    }
  }
  atomic_fetch_sub(&t->readers, 1);
  if (nomem) mrt_op_throw(c, "ENOMEM", "out of memory");
}

/* setBroadcastDispatch(fn): the JS that receives other runtimes' broadcasts. */
static void op_set_dispatch(mrt_op_call *c) {
  wk_state *s = mrt_op_data(c);
  if (!s->bc_dispatch) s->bc_dispatch = rt_op_function_arg(c, 0);
}

const mrt_op_decl bc_binding_fns[] = {
    {.name = "bcSubscribe", .fn = op_subscribe},
    {.name = "bcUnsubscribe", .fn = op_unsubscribe},
    {.name = "bcPost", .fn = op_post},
    {.name = "setBroadcastDispatch", .fn = op_set_dispatch},
};
const size_t bc_binding_nfns = sizeof bc_binding_fns / sizeof bc_binding_fns[0];
