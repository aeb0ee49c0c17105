/* messaging.c: the native side of structuredClone's postMessage form and of MessagePort /
 * BroadcastChannel delivery (core/ext/messaging/clone.js, messaging.js).
 *
 * Messages travel as the structured clone's bytes (shim/clone.cc); the ports' queues are in
 * JS. Delivery is a macrotask: the first message of a batch posts one task through the
 * runtime's handle (the loop's ring, as a thread would post), which calls JS's deliver
 * function; it dispatches what is queued, a microtask checkpoint after each message, as node
 * does. A later cross-thread transport posts the same task from the sending thread. Live
 * ports keep the loop alive through one embedder ref held while JS counts any. */
#include <stdlib.h>

#include "ext/ext.h"
#include "runtime_internal.h"

#define SC(c) rt_op_shim_call(c)

typedef struct rt_messaging {
  mrt_runtime_handle *handle; /* made on first post */
  shim_global *deliver;       /* JS: runs the queued messages */
  int posted;                 /* a delivery task is queued */
  int refs;                   /* the embedder ref is held */
} rt_messaging;

static rt_messaging *ST(mrt_op_call *c) { return mrt_op_data(c); }

static void op_structured_clone(mrt_op_call *c) {
  shim_call_return_structured_clone(SC(c), 0, 1, 2);
}
/* serialize(value, transfer, hooks, shareable): shareable true lets SharedArrayBuffers through
 * (to a worker: they come back as a 4th element). */
static void op_serialize(mrt_op_call *c) { shim_call_return_serialized(SC(c), 0, 1, 2, 3); }
static void op_deserialize(mrt_op_call *c) {
  shim_call_return_deserialized(SC(c), 0, 1, 2, 3, 4);
}
static void op_platform_base(mrt_op_call *c) { shim_call_return_platform_base(SC(c)); }

/* The delivery task: a macrotask on the runtime's thread (a checkpoint follows it). An error
 * the JS lets through (an uncaught exception in a listener's report) ends the run, as a
 * timer callback's does. */
static void deliver_task(mrt_runtime *rt, void *data, int status) {
  rt_messaging *m = data;
  if (status != MRT_OK || !m->deliver) return;
  m->posted = 0;
  shim_exception exc = {0};
  if (shim_call_function(rt->iso, m->deliver, NULL, 0, NULL, NULL, &exc) != 0) {
    rt_raise(rt, &exc);
  }
}

/* messagesPending(deliver): a delivery task is queued unless one is already. */
static void op_messages_pending(mrt_op_call *c) {
  rt_messaging *m = ST(c);
  mrt_runtime *rt = mrt_op_runtime(c);
  if (m->posted) return;
  if (!m->deliver) {
    m->deliver = shim_call_arg(SC(c), 0);
    if (!m->deliver) return mrt_op_throw(c, "ENOMEM", "out of memory");
  }
  if (!m->handle && !(m->handle = mrt_runtime_get_handle(rt))) {
    return mrt_op_throw(c, "ENOMEM", "out of memory");
  }
  if (mrt_handle_post(m->handle, deliver_task, m) != MRT_OK) {
    return mrt_op_throw(c, "ENOMEM", "out of memory");
  }
  m->posted = 1;
}

/* messagesRef(on): live ports keep the loop alive (one ref for all of them). */
static void op_messages_ref(mrt_op_call *c) {
  rt_messaging *m = ST(c);
  int on = mrt_op_arg_boolean(c, 0);
  if (on == m->refs) return;
  if (on ? mrt_ref(mrt_op_runtime(c)) : mrt_unref(mrt_op_runtime(c))) return;
  m->refs = on;
}

static const mrt_op_decl ops[] = {
    {.name = "structuredClone", .fn = op_structured_clone},
    {.name = "serialize", .fn = op_serialize},
    {.name = "deserialize", .fn = op_deserialize},
    {.name = "platformBase", .fn = op_platform_base},
    {.name = "messagesPending", .fn = op_messages_pending},
    {.name = "messagesRef", .fn = op_messages_ref},
};

int rt_messaging_init(mrt_runtime *rt, void **state) {
  rt_messaging *m = calloc(1, sizeof *m);
  if (!m) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  *state = m;
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
    mrt_op_decl d = ops[i];
    d.data = m;
    int rc = rt_register_builtin(rt, &d);
    if (rc) return rc;
  }
  return MRT_OK;
}

void rt_messaging_close(mrt_runtime *rt, void *state) {
  (void)rt;
  rt_messaging *m = state;
  if (!m) return;
  shim_release(m->deliver); /* while the isolate lives */
  m->deliver = NULL;
}

void rt_messaging_free(mrt_runtime *rt, void *state) {
  (void)rt;
  rt_messaging *m = state;
  if (!m) return;
  mrt_handle_release(m->handle);
  free(m);
}
