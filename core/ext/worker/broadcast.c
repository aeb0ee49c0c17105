/* broadcast.c: BroadcastChannel between the runtimes of the process (main and workers).
 *
 * A runtime with open channels of a name subscribes once for that name (JS counts its own
 * channels and delivers among them itself, messaging_impl.js). The process-wide list of
 * subscriptions is guarded by a mutex, taken to subscribe, unsubscribe and to walk the list
 * when posting; each subscription's inbox is the lock-free queue of wire.h, drained by one
 * task posted through its runtime's handle when the push finds it idle. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "wire.h"

typedef struct bc_sub {
  struct bc_sub *next;
  atomic_int refs;             /* the list's, and one per drain task in flight */
  atomic_int closed;
  char *name;
  size_t name_len;
  mrt_runtime_handle *owner;   /* a reference, used under the lock only */
  double rid;                  /* its resource in the owner */
  wk_inbox inbox;
} bc_sub;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static bc_sub *subs;

static void sub_release(bc_sub *s) {
  if (atomic_fetch_sub(&s->refs, 1) != 1) return;
  wk_msgs_free(atomic_load(&s->inbox.head));
  free(s->name);
  free(s);
}

static void sub_resource_close(mrt_runtime *rt, void *ptr) {
  (void)rt;
  bc_sub *s = ptr;
  atomic_store(&s->closed, 1);
  pthread_mutex_lock(&lock);
  for (bc_sub **p = &subs; *p; p = &(*p)->next) {
    if (*p == s) {
      *p = s->next;
      break;
    }
  }
  mrt_runtime_handle *h = s->owner;
  s->owner = NULL;
  pthread_mutex_unlock(&lock);
  mrt_handle_release(h);
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

/* bcSubscribe(name) -> rid */
static void op_subscribe(mrt_op_call *c) {
  mrt_runtime *rt = mrt_op_runtime(c);
  size_t len = 0;
  const char *name = mrt_op_arg_string(c, 0, &len);
  bc_sub *s = calloc(1, sizeof *s);
  if (!s || !name || !(s->name = malloc(len + 1)) || !(s->owner = mrt_runtime_get_handle(rt))) {
    if (s) free(s->name);
    free(s);
    return mrt_op_throw(c, "ENOMEM", "out of memory");
  }
  memcpy(s->name, name, len);
  s->name[len] = 0;
  s->name_len = len;
  atomic_init(&s->refs, 1);
  int rid = mrt_resource_add(rt, &sub_kind, s);
  if (rid < 0) {
    mrt_handle_release(s->owner);
    free(s->name);
    free(s);
    return mrt_op_throw(c, "ENOMEM", "out of memory");
  }
  s->rid = rid;
  pthread_mutex_lock(&lock);
  s->next = subs;
  subs = s;
  pthread_mutex_unlock(&lock);
  mrt_op_return_number(c, rid);
}

/* bcUnsubscribe(rid) */
static void op_unsubscribe(mrt_op_call *c) {
  mrt_resource_close(mrt_op_runtime(c), mrt_op_arg_number(c, 0), &sub_kind);
}

/* bcPost(rid, bytes): a copy to every other runtime's subscription of the same name. */
static void op_post(mrt_op_call *c) {
  bc_sub *self = mrt_resource_get(mrt_op_runtime(c), mrt_op_arg_number(c, 0), &sub_kind);
  void *data;
  size_t len;
  if (!self) return;
  if (mrt_op_arg_buffer(c, 1, &data, &len) != MRT_OK) {
    return mrt_op_throw(c, "ERR_INVALID_ARG_TYPE", "message bytes expected");
  }
  int nomem = 0;
  pthread_mutex_lock(&lock);
  for (bc_sub *s = subs; s; s = s->next) {
    if (s == self || s->name_len != self->name_len || memcmp(s->name, self->name, s->name_len) != 0) continue;
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
  pthread_mutex_unlock(&lock);
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
