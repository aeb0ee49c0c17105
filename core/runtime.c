/* runtime.c: runtime lifecycle, options, scripts. */
#include <stdlib.h>
#include <string.h>

#include "runtime_internal.h"

const char *mrt_version(void) { return MRT_VERSION_STRING; }

const char *mrt_v8_version(void) { return shim_v8_version(); }

void mrt_options_init(mrt_options *opts) { memset(opts, 0, sizeof *opts); }

void mrt_set_user_data(mrt_runtime *rt, void *data) { rt->user_data = data; }
void *mrt_get_user_data(mrt_runtime *rt) { return rt->user_data; }
int mrt_exit_code(mrt_runtime *rt) { return rt->exit_code; }

int mrt_runtime_new(const mrt_options *opts, mrt_runtime **out) {
  if (!out) return MRT_EINVAL;
  *out = NULL;
  mrt_runtime *rt = calloc(1, sizeof *rt);
  if (!rt) return MRT_ENOMEM;
  if (opts) rt->opts = *opts;
  rt->values.next = rt->values.prev = &rt->values;
  rt->exit_code = -1;
  alloc_stats_init(&rt->array_buffers);

  if (shim_platform_init(rt->opts.v8_flags) != 0) {
    free(rt);
    return MRT_EV8INIT;
  }
  shim_host host = {
      .data = rt,
      .native_call = rt_op_dispatch,
      .promise_reject = rt_on_promise_reject,
      .uncaught = rt_on_uncaught,
      .near_heap_limit = rt_on_near_heap_limit,
  };
  const size_t MB = 1024 * 1024;
  shim_isolate_params params = {
      .max_heap_bytes = rt->opts.max_heap_mb * MB,
      .initial_heap_bytes = rt->opts.initial_heap_mb * MB,
      .max_young_bytes = rt->opts.max_young_mb * MB,
      .array_buffers = &rt->array_buffers,
      .host = &host,
  };
  rt->iso = shim_isolate_new(&params);
  if (!rt->iso) {
    free(rt);
    return MRT_ENOMEM;
  }
  shim_heap_stats hs;
  shim_heap_stats_get(rt->iso, &hs);
  rt->heap_limit_mb = rt->opts.max_heap_mb ? rt->opts.max_heap_mb : hs.limit / MB;

  int rc = rt_loop_init(rt);
  if (!rc) rc = rt_ops_init(rt);
  if (!rc && !(rt->opts.flags & MRT_RUNTIME_BARE)) rc = rt_bootstrap(rt);
  if (rc) {
    mrt_runtime_free(rt);
    return rc;
  }
  *out = rt;
  return MRT_OK;
}

void mrt_runtime_free(mrt_runtime *rt) {
  if (!rt) return;
  mrt_flush(rt);
  rt_release_values(rt);
  shim_global *globals[] = {rt->P, rt->js_run_timers, rt->js_run_immediates, rt->js_settle,
                            rt->js_async_op, rt->timer_ids_array};
  for (size_t i = 0; i < sizeof globals / sizeof globals[0]; i++) shim_release(globals[i]);
  for (size_t i = 0; i < rt->nrejections; i++) {
    shim_release(rt->rejections[i].promise);
    shim_release(rt->rejections[i].reason);
  }
  free(rt->rejections);
  shim_exception_clear(&rt->pending);
  rt_ops_free(rt);
  shim_isolate_free(rt->iso);
  /* After the isolate: no JS can post work any more. Closes the loop's handles. */
  if (rt->loop) loop_free(rt->loop, rt_drop_message);
  rt_clear_error(rt);
  free(rt->out);
  free(rt);
}

int mrt_execute_script(mrt_runtime *rt, const char *name, const char *source, size_t len,
                       mrt_value **result) {
  if (!rt || !source) return MRT_EINVAL;
  shim_exception exc = {0};
  shim_global *out = NULL;
  rt->depth++;
  int rc = shim_run_script(rt->iso, name, source, len, result ? &out : NULL, &exc);
  rt->depth--;
  if (rc != 0) rt_raise(rt, &exc);
  rc = rt_take_pending(rt);
  if (rc) {
    shim_release(out);
    return rc;
  }
  if (result) *result = rt_wrap(rt, out);
  return MRT_OK;
}
