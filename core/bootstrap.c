/* bootstrap.c: runs the runtime's own JS (core/js, embedded at build time). Each file is a
 * classic script evaluating to `function (P)`, called with the private object P that holds
 * the built-in ops (P.ops) and what the files share. core.js comes first: it defines the
 * async-op machinery the other built-in ops need. */
#include <stdio.h>
#include <string.h>

#include "js_files.h"
#include "runtime_internal.h"

static int run_file(mrt_runtime *rt, const mrt_js_file *f) {
  shim_exception exc = {0};
  shim_global *fn = NULL;
  char name[128];
  snprintf(name, sizeof name, "mrt:%s", f->name);
  int rc = shim_run_script(rt->iso, name, f->source, f->len, &fn, &exc);
  if (rc == 0) rc = shim_call_function(rt->iso, fn, NULL, 1, &rt->P, NULL, &exc);
  shim_release(fn);
  return rc == 0 ? MRT_OK : rt_set_error_from_exception(rt, &exc);
}

static shim_global *get(mrt_runtime *rt, const char *key) {
  shim_exception exc = {0};
  shim_global *g = NULL;
  if (shim_get(rt->iso, rt->P, key, &g, &exc) != 0) shim_exception_clear(&exc);
  return g;
}

int rt_bootstrap(mrt_runtime *rt) {
  shim_exception exc = {0};
  rt->P = shim_object(rt->iso);
  rt->timer_ids_cap = 1024;
  rt->timer_ids_array = shim_float64_array(rt->iso, rt->timer_ids_cap, &rt->timer_ids);
  if (shim_set(rt->iso, rt->P, "ops", rt->private_ops, &exc) != 0 ||
      shim_set(rt->iso, rt->P, "publicOps", rt->public_ops, &exc) != 0 ||
      shim_set(rt->iso, rt->P, "timerIds", rt->timer_ids_array, &exc) != 0) {
    return rt_set_error_from_exception(rt, &exc);
  }
  for (size_t i = 0; i < mrt_js_nfiles; i++) {
    int rc = run_file(rt, &mrt_js_files[i]);
    if (rc) return rc;
    if (i == 0) {
      rt->js_async_op = get(rt, "asyncOp");
      rt->js_settle = get(rt, "settle");
      rc = rt_host_init(rt);
      if (rc) return rc;
    }
  }
  rt->js_run_timers = get(rt, "runTimers");
  rt->js_run_immediates = get(rt, "runImmediates");
  if (!rt->js_async_op || !rt->js_settle || !rt->js_run_timers || !rt->js_run_immediates) {
    return rt_set_error(rt, MRT_EV8INIT, NULL, "bootstrap JS is incomplete");
  }
  return MRT_OK;
}
