/* bootstrap.c: the runtime's own JS (core/js, embedded at build time). Each file is a
 * classic script evaluating to `function (P)`, called with the private object P that holds
 * the built-in ops (P.ops) and what the files share. core.js comes first: it defines the
 * async-op machinery the other built-in ops need.
 *
 * Normally all this is already done in the startup snapshot (snapshot.c): the runtime then
 * only rebuilds its op table and picks P out of the snapshot. Either way P.start() runs at
 * every start for what belongs to this process (arguments, pid, clocks). */
#include <stdio.h>
#include <string.h>

#include "ext/ext.h"
#include "js_files.h"
#include "runtime_internal.h"

static int run_file(mrt_runtime *rt, const rt_js_file *f) {
  shim_exception exc = {0};
  shim_global *fn = NULL;
  char name[128];
  snprintf(name, sizeof name, "mrt:%s", f->name);
  int rc = shim_run_script(rt->iso, name, f->source, f->len, &fn, &exc);
  if (rc == 0) rc = shim_call_function(rt->iso, fn, NULL, 1, &rt->P, NULL, &exc);
  shim_release(fn);
  return rc == 0 ? MRT_OK : rt_set_error_from_exception(rt, &exc);
}

/* An extension's file, by its name under core/. */
static int run_named(mrt_runtime *rt, const char *name) {
  for (size_t i = 0; i < rt_js_nfiles; i++) {
    if (strcmp(rt_js_files[i].name, name) == 0) return run_file(rt, &rt_js_files[i]);
  }
  return rt_set_error(rt, MRT_EV8INIT, NULL, "no embedded JS file %s", name);
}

static int is_kernel_file(const rt_js_file *f) { return strncmp(f->name, "core/js/", 8) == 0; }

static shim_global *get(mrt_runtime *rt, const char *key) {
  shim_exception exc = {0};
  shim_global *g = NULL;
  if (shim_get(rt->iso, rt->P, key, &g, &exc) != 0) shim_exception_clear(&exc);
  return g;
}

/* The JS entry points the C side calls, read from P. */
static int pick_entry_points(mrt_runtime *rt) {
  int loop_rc = rt_loop_js_bind(rt, rt->P); /* the loop's own: timers, immediates */
  if (loop_rc) return loop_rc;
  rt->js_async_op = rt->js_async_op ? rt->js_async_op : get(rt, "asyncOp");
  rt->js_settle = rt->js_settle ? rt->js_settle : get(rt, "settle");
  if (!rt->js_async_op || !rt->js_settle) {
    return rt_set_error(rt, MRT_EV8INIT, NULL, "bootstrap JS is incomplete");
  }
  /* The hook is isolate state, not in the snapshot: set at every start (one handle). */
  shim_global *prepare = get(rt, "prepareStackTrace");
  int rc = prepare ? shim_set_prepare_stack_trace(rt->iso, prepare) : -1;
  shim_release(prepare);
  if (rc != 0) return rt_set_error(rt, MRT_EV8INIT, NULL, "bootstrap JS is incomplete");
  return MRT_OK;
}

int rt_bootstrap(mrt_runtime *rt) {
  int rc = rt_bootstrap_core(rt); /* P with its ops, then core.js: the async-op machinery */
  if (rc) return rc;
  shim_exception exc = {0};
  if (shim_set(rt->iso, rt->P, "publicOps", rt->public_ops, &exc) != 0) {
    return rt_set_error_from_exception(rt, &exc);
  }
  rc = rt_loop_js_prepare(rt, rt->P);
  /* Every op is registered after core.js and before the rest of the kernel's JS runs; then
   * each built-in extension's JS. */
  if (!rc) rc = rt_host_init(rt);
  if (!rc) rc = rt_builtins_init(rt);
  for (size_t i = 1; !rc && i < rt_js_nfiles; i++) {
    if (is_kernel_file(&rt_js_files[i])) rc = run_file(rt, &rt_js_files[i]);
  }
  if (!rc) rc = rt_builtins_run_js(rt, run_named);
  return rc ? rc : pick_entry_points(rt);
}

int rt_bootstrap_core(mrt_runtime *rt) {
  shim_exception exc = {0};
  if (!rt->P) rt->P = shim_object(rt->iso);
  if (!rt->P) return rt_set_error(rt, MRT_ENOMEM, NULL, "out of memory");
  if (shim_set(rt->iso, rt->P, "ops", rt->private_ops, &exc) != 0) {
    return rt_set_error_from_exception(rt, &exc);
  }
  int rc = run_file(rt, &rt_js_files[0]); /* core.js */
  if (rc) return rc;
  rt->js_async_op = get(rt, "asyncOp");
  rt->js_settle = get(rt, "settle");
  if (!rt->js_async_op || !rt->js_settle) {
    return rt_set_error(rt, MRT_EV8INIT, NULL, "core.js is incomplete");
  }
  return MRT_OK;
}

int rt_bootstrap_restore(mrt_runtime *rt) {
  rt->P = shim_snapshot_data(rt->iso, RT_SNAPSHOT_P_INDEX);
  if (!rt->P) return rt_set_error(rt, MRT_EV8INIT, NULL, "the snapshot holds no runtime");
  shim_release(rt->private_ops);
  shim_release(rt->public_ops);
  rt->private_ops = get(rt, "ops");
  rt->public_ops = get(rt, "publicOps");
  if (!rt->private_ops || !rt->public_ops) {
    return rt_set_error(rt, MRT_EV8INIT, NULL, "the snapshot's runtime is incomplete");
  }
  /* Same registrations in the same order: the op table matches the functions' indices. */
  rt->restoring = 1;
  int rc = rt_host_init(rt);
  if (!rc) rc = rt_builtins_init(rt);
  rt->restoring = 0;
  return rc ? rc : pick_entry_points(rt);
}

int rt_start(mrt_runtime *rt) {
  shim_exception exc = {0};
  shim_global *start = get(rt, "start");
  int rc = MRT_OK;
  if (start && shim_call_function(rt->iso, start, NULL, 0, NULL, NULL, &exc) != 0) {
    rc = rt_set_error_from_exception(rt, &exc);
  }
  shim_release(start);
  return rc;
}

void rt_release_js(mrt_runtime *rt) {
  rt_release_values(rt);
  shim_global **globals[] = {&rt->P, &rt->js_settle, &rt->js_async_op, &rt->private_ops,
                             &rt->public_ops};
  for (size_t i = 0; i < sizeof globals / sizeof globals[0]; i++) {
    shim_release(*globals[i]);
    *globals[i] = NULL;
  }
  rt_loop_release_js(rt);
}

shim_global *rt_snapshot_ext_ops(mrt_runtime *rt) {
  /* A bare runtime's P (core.js alone, for extensions' async ops), if the snapshot has one. */
  if (!rt->P) {
    shim_global *p = shim_snapshot_data(rt->iso, RT_SNAPSHOT_P_INDEX);
    if (p && shim_type(rt->iso, p) == SHIM_OBJECT) {
      rt->P = p;
      rt->js_async_op = get(rt, "asyncOp");
      rt->js_settle = get(rt, "settle");
    } else {
      shim_release(p);
    }
  }
  shim_global *ops = shim_snapshot_data(rt->iso, RT_SNAPSHOT_EXT_OPS_INDEX);
  if (ops && shim_type(rt->iso, ops) != SHIM_OBJECT) {
    shim_release(ops);
    ops = NULL;
  }
  return ops;
}
