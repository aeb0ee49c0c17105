/* timers.c: the timers extension's native side: the monotonic clock, timers (loop/'s timer
 * heap), immediates, and the microtask checkpoint that follows each timer callback. */
#include <stdbool.h>

#include "ext/ext.h"
#include "runtime_internal.h"

#define RT(c) mrt_op_runtime(c)

/* Fast API paths (V8 calls them straight from optimised code): the clock, and starting and
 * clearing a timer, the hot calls of timer-heavy code. In the startup snapshot through its
 * external references (builtin.c). They find their runtime through the running isolate. */
static double fast_hrtime(void *recv) {
  (void)recv;
  return (double)uv_hrtime();
}

static double fast_timer_start(void *recv, double ms, bool repeat) {
  (void)recv;
  mrt_runtime *rt = shim_fast_host_data();
  return loop_timer_start(rt->loop, ms, repeat);
}

static void fast_timer_clear(void *recv, double id) {
  (void)recv;
  mrt_runtime *rt = shim_fast_host_data();
  loop_timer_clear(rt->loop, id);
}

static void op_hrtime(mrt_op_call *c) { mrt_op_return_number(c, (double)uv_hrtime()); }

static void op_run_microtasks(mrt_op_call *c) {
  mrt_op_return_boolean(c, rt_checkpoint(RT(c)) != 0);
}

/* After a timer callback: an interval is re-armed first (behind the timers its callback
 * made, ahead of those its microtasks make, as in Node), then the checkpoint runs. Returns
 * true when an error is pending (the batch ends). */
static void op_timer_done(mrt_op_call *c) {
  mrt_runtime *rt = RT(c);
  double id = mrt_op_arg_number(c, 0);
  if (id > 0) loop_timer_rearm(rt->loop, id);
  int failed = rt_checkpoint(rt) != 0;
  loop_timer_callback_starts(rt->loop);
  mrt_op_return_boolean(c, failed);
}

static void op_timer_start(mrt_op_call *c) {
  mrt_op_return_number(c, loop_timer_start(RT(c)->loop, mrt_op_arg_number(c, 0),
                                           mrt_op_arg_boolean(c, 1)));
}

static void op_timer_clear(mrt_op_call *c) {
  loop_timer_clear(RT(c)->loop, mrt_op_arg_number(c, 0));
}

static void op_timer_ref(mrt_op_call *c) {
  loop_timer_set_ref(RT(c)->loop, mrt_op_arg_number(c, 0), mrt_op_arg_boolean(c, 1));
}

static void op_immediates_pending(mrt_op_call *c) {
  double n = mrt_op_arg_number(c, 0);
  loop_set_immediates(RT(c)->loop, n > 0 ? (size_t)n : 0, 1);
}

const mrt_op_decl rt_timers_ops[RT_TIMERS_NOPS] = {
    {.name = "hrtime", .fn = op_hrtime, .fast = fast_hrtime, .fast_ret = MRT_CTYPE_FLOAT64},
    {.name = "runMicrotasks", .fn = op_run_microtasks},
    {.name = "timerStart",
     .fn = op_timer_start,
     .fast = fast_timer_start,
     .fast_ret = MRT_CTYPE_FLOAT64,
     .fast_argc = 2,
     .fast_args = {MRT_CTYPE_FLOAT64, MRT_CTYPE_BOOL}},
    {.name = "timerDone", .fn = op_timer_done},
    {.name = "timerClear",
     .fn = op_timer_clear,
     .fast = fast_timer_clear,
     .fast_ret = MRT_CTYPE_VOID,
     .fast_argc = 1,
     .fast_args = {MRT_CTYPE_FLOAT64}},
    {.name = "timerRef", .fn = op_timer_ref},
    {.name = "immediatesPending", .fn = op_immediates_pending},
};

