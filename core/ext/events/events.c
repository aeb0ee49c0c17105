/* events.c: the events extension's native side: the kernel's global error hooks
 * (eventloop.h), set from JS only while globalThis has `error` or rejection listeners, and
 * the report of an error nothing cancelled (reportError, a listener's exception). */
#include "eventloop.h"
#include "ext/ext.h"
#include "runtime_internal.h"

#define RT(c) mrt_op_runtime(c)

/* setEventHooks(uncaught | null, rejection | null) */
static void op_set_event_hooks(mrt_op_call *c) {
  rt_set_event_hooks(RT(c), rt_op_function_arg(c, 0), rt_op_function_arg(c, 1));
}

/* reportUncaught(error): reported as an uncaught error; the running JS ends. */
static void op_report_uncaught(mrt_op_call *c) {
  mrt_runtime *rt = RT(c);
  mrt_value *v = mrt_op_arg_value(c, 0);
  if (!v) return;
  shim_exception exc = {0};
  shim_exception_from_value(rt->iso, v->g, &exc);
  mrt_value_free(rt, v);
  rt_report_uncaught(rt, &exc);
}

const mrt_op_decl rt_events_ops[RT_EVENTS_NOPS] = {
    {.name = "setEventHooks", .fn = op_set_event_hooks},
    {.name = "reportUncaught", .fn = op_report_uncaught},
};
