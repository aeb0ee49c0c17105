/* runtime.c: runtime lifecycle, options, scripts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "code_cache.h"
#include "permissions.h"
#include "ext/ext.h"
#include "resources.h"
#include "runtime_internal.h"
#include "source_transform.h"

const char *mrt_version(void) { return MRT_VERSION_STRING; }

const char *mrt_v8_version(void) { return shim_v8_version(); }

void mrt_options_init(mrt_options *opts) {
  if (opts) memset(opts, 0, sizeof *opts);
}

void mrt_set_user_data(mrt_runtime *rt, void *data) {
  RT_OWNER_ONLY(rt, );
  if (rt) rt->user_data = data;
}
void *mrt_get_user_data(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, NULL);
  return rt ? rt->user_data : NULL;
}
int mrt_exit_code(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  return rt ? rt->exit_code : MRT_EINVAL;
}

void rt_host_callbacks(mrt_runtime *rt, shim_host *host) {
  memset(host, 0, sizeof *host);
  host->data = rt;
  host->native_call = rt_op_dispatch;
  host->promise_reject = rt_on_promise_reject;
  host->uncaught = rt_on_uncaught;
  host->near_heap_limit = rt_on_near_heap_limit;
  host->heap_refuse = rt_on_heap_refuse;
}

/* Heap sizes V8 cannot start with, or rejects with a fatal check; pointers that would crash. */
int rt_check_options(const mrt_options *o) {
  const size_t most = SIZE_MAX / (1024 * 1024);
  if (o->max_heap_mb > most || o->initial_heap_mb > most || o->max_young_mb > most) {
    return rt_creation_error(MRT_EINVAL, "heap size too large");
  }
  if (o->max_heap_mb && o->max_heap_mb < MRT_MIN_HEAP_MB) {
    return rt_creation_error(MRT_EINVAL, "max_heap_mb %zu is below the minimum of %d MB",
                             o->max_heap_mb, MRT_MIN_HEAP_MB);
  }
  if (o->max_heap_mb && o->initial_heap_mb > o->max_heap_mb) {
    return rt_creation_error(MRT_EINVAL, "initial_heap_mb %zu is above max_heap_mb %zu",
                             o->initial_heap_mb, o->max_heap_mb);
  }
  if (o->max_heap_mb && o->max_young_mb >= o->max_heap_mb) {
    return rt_creation_error(MRT_EINVAL, "max_young_mb %zu is not below max_heap_mb %zu",
                             o->max_young_mb, o->max_heap_mb);
  }
  /* The pointers the runtime will call or read. */
  if (o->loader && (!o->loader->resolve || !o->loader->load)) {
    return rt_creation_error(MRT_EINVAL, "the module loader needs both resolve and load");
  }
  if (o->argc < 0 || (o->argc > 0 && !o->argv)) {
    return rt_creation_error(MRT_EINVAL, "argc %d: negative, or argv is NULL", o->argc);
  }
  if (!o->snapshot != !o->snapshot_len) {
    return rt_creation_error(MRT_EINVAL, "snapshot and snapshot_len go together");
  }
  return rt_exts_check(o);
}

int mrt_runtime_new(const mrt_options *opts, mrt_runtime **out) {
  rt_creation_error(MRT_OK, "");
  if (!out) return rt_creation_error(MRT_EINVAL, "mrt_runtime_new: out is NULL");
  *out = NULL;
  if (opts && rt_check_options(opts)) return MRT_EINVAL;
  /* Before V8 or libuv make descriptors that would land there. */
  if (rt_ensure_std_fds() != 0) {
    return rt_creation_error(MRT_EIO, "descriptor 0, 1 or 2 is closed and /dev/null "
                                      "cannot be opened in its place");
  }
  rt_perms *perms = NULL;
  char *perm_err = NULL;
  if (opts && rt_perms_parse(opts->permissions, &perms, &perm_err) != 0) {
    int rc = perm_err ? rt_creation_error(MRT_EINVAL, "%s", perm_err) : MRT_ENOMEM;
    free(perm_err);
    return rc;
  }
  mrt_runtime *rt = calloc(1, sizeof *rt);
  if (!rt) {
    rt_perms_free(perms);
    return MRT_ENOMEM;
  }
  if (opts) rt->opts = *opts;
  rt->opts.permissions = NULL; /* not kept: the parsed grants are rt->perms */
  rt->perms = perms;
  rt_values_init(rt);
  rt->exit_code = -1;
  rt->owner = pthread_self();
  atomic_init(&rt->interrupt_fd, -1);
  pthread_mutex_init(&rt->shell_lock, NULL);

  static atomic_int v8_ready;
  int first = !atomic_load(&v8_ready);
  char bad[128];
  int init = shim_platform_init(rt->opts.v8_flags, bad, sizeof bad);
  if (init != 0) {
    pthread_mutex_destroy(&rt->shell_lock);
    rt_perms_free(rt->perms);
    free(rt);
    if (init == 1) return rt_creation_error(MRT_EINVAL, "unknown V8 flag or bad value '%s'", bad);
    return MRT_EV8INIT;
  }
  /* Reported by the runtime that paid for it. */
  if (first && !atomic_exchange(&v8_ready, 1)) rt->v8_init_ns = shim_platform_init_ns();
  /* Before the first isolate: the built-ins' fast paths are snapshot external references. */
  if (rt_builtins_register_fast() != 0) {
    pthread_mutex_destroy(&rt->shell_lock);
    rt_perms_free(rt->perms);
    free(rt);
    return rt_creation_error(MRT_EV8INIT, "the built-in ops' fast paths were refused");
  }
  shim_host host;
  rt_host_callbacks(rt, &host);
  const size_t MB = 1024 * 1024;
  shim_isolate_params params = {
      .max_heap_bytes = rt->opts.max_heap_mb * MB,
      .initial_heap_bytes = rt->opts.initial_heap_mb * MB,
      .max_young_bytes = rt->opts.max_young_mb * MB,
      .host = &host,
  };
  /* A bare runtime gets V8's own (empty) context, not ours. */
  int bare = (rt->opts.flags & MRT_RUNTIME_BARE) != 0;
  int embedder_snapshot = rt->opts.snapshot != NULL;
  if (embedder_snapshot &&
      rt_embedder_snapshot(&rt->opts, &params.snapshot, &params.snapshot_len) != MRT_OK) {
    pthread_mutex_destroy(&rt->shell_lock);
    rt_perms_free(rt->perms);
    free(rt);
    return MRT_EINVAL;
  }
  int from_snapshot = embedder_snapshot ||
                      (!bare && rt_snapshot_blob(&params.snapshot, &params.snapshot_len));
  /* From an embedder's snapshot: its extension ops' fast paths are external references. */
  shim_fast_sig *sigs = embedder_snapshot ? rt_exts_fast_sigs(&rt->opts, &params.nfast_sigs)
                                          : NULL;
  params.fast_sigs = sigs;
  rt->iso = shim_isolate_new(&params);
  free(sigs);
  if (!rt->iso) {
    pthread_mutex_destroy(&rt->shell_lock);
    rt_perms_free(rt->perms);
    free(rt);
    return MRT_ENOMEM;
  }
  rt->array_buffers = shim_buffer_stats(rt->iso);
  rt_heap_init(rt);

  int rc = rt_loop_init(rt);
  if (!rc) rc = rt_cache_init(rt);
  if (!rc) rc = rt_ops_init(rt);
  if (!rc) rc = rt_modules_init(rt);
  uint64_t t0 = uv_hrtime();
  if (!rc && !bare) rc = from_snapshot ? rt_bootstrap_restore(rt) : rt_bootstrap(rt);
  if (!rc && !bare) rc = rt_start(rt);
  if (!rc) rc = rt_exts_init(rt, embedder_snapshot ? rt_snapshot_ext_ops(rt) : NULL);
  rt->bootstrap_ns = uv_hrtime() - t0;
  rt->from_snapshot = from_snapshot;
  if (rc) {
    /* Why, for mrt_last_error(NULL): the runtime's own record goes with it. */
    rt_creation_error_from(rt, rc);
    mrt_runtime_free(rt);
    return rc;
  }
  *out = rt;
  return MRT_OK;
}

void mrt_runtime_free(mrt_runtime *rt) {
  /* From another thread, or inside its own JS or callbacks (the runtime is in use), or from a
   * callback of this free (a cancel hook): refused, nothing happens. */
  if (!rt || rt_refuse_thread(rt, "mrt_runtime_free") || rt_in_js(rt) || rt->freeing) return;
  rt->freeing = 1;
  rt_handle_close(rt);      /* calls through the handle are dropped from now on */
  rt_async_cancel(rt);      /* ops in flight with a cancel hook end here */
  rt_async_close_begin(rt); /* threadsafe completions stop reaching the loop */
  mrt_flush(rt);
  rt_release_values(rt);
  rt_modules_free(rt);
  rt_release_js(rt);
  rt_loop_state_free(rt);
  rt_ops_free(rt);
  /* Files and sockets: drop their JS handles and close them while the isolate lives. */
  rt_exts_close(rt);
  rt_builtins_close(rt);
  rt_resources_close_all(rt); /* every open resource of every kind, in one loop */
  rt_release_buffer_holds(rt); /* while the isolate's allocator exists */
  shim_isolate_free(rt->iso);
  /* After the isolate: no JS can post work any more. Results still queued end their calls;
   * closing the loop's handles runs the last callbacks. */
  rt_async_close_queued(rt);
  if (rt->loop) loop_free(rt->loop, rt_drop_message);
  rt_builtins_free(rt); /* loop_free ran their last callbacks */
  rt_exts_free(rt);
  rt_handle_detach(rt); /* after loop_free: tasks still queued were dropped */
  rt_resources_free(rt);
  rt_clear_error(rt);
  rt_cache_free(rt);
  rt_interrupt_free(rt);
  rt_perms_free(rt->perms); /* after loop_free: no fs job reads it any more */
  rt->perms = NULL;
  free(rt->out);
  free(rt->entry_name);
  rt->out = NULL;
  rt->loop = NULL;
  rt->iso = NULL;
  rt_async_close_end(rt); /* frees rt, or keeps it while the embedder's ops are out */
}

int mrt_execute_script(mrt_runtime *rt, const char *name, const char *source, size_t len,
                       mrt_value **result) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (!source) return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_execute_script: NULL source");
  if (!name) name = "<script>";
  if (!rt->entry_name && !rt_in_js(rt)) rt->entry_name = strdup(name);
  shim_exception exc = {0};
  shim_global *out = NULL;
  /* A script that becomes JavaScript first (a .cts file: TypeScript's types stripped). */
  char *js = NULL;
  size_t js_len = 0;
  if (rt_source_transform(rt, name, source, len, &js, &js_len, &exc) != 0) {
    rt_enter(rt);
    return rt_leave(rt, &exc);
  }
  if (js) {
    source = js;
    len = js_len;
  }
  rt_enter(rt);
  int rc = rt->cache ? rt_cache_run_script(rt, name, source, len, result ? &out : NULL, &exc)
                     : shim_run_script(rt->iso, name, source, len, result ? &out : NULL, &exc);
  free(js);
  rc = rt_leave(rt, rc != 0 ? &exc : NULL);
  if (rc) {
    shim_release(out);
    return rc;
  }
  if (result) *result = rt_wrap(rt, out);
  rt_ok(rt);
  return MRT_OK;
}

int mrt_get_startup_times(mrt_runtime *rt, mrt_startup_times *out) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (!out) return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_get_startup_times: NULL out");
  shim_times t;
  shim_get_times(rt->iso, &t);
  memset(out, 0, sizeof *out);
  out->v8_init_ns = rt->v8_init_ns;
  out->isolate_ns = t.isolate_ns;
  out->context_ns = t.context_ns;
  out->bootstrap_ns = rt->bootstrap_ns;
  out->from_snapshot = rt->from_snapshot;
  out->compile_ns = t.compile_ns;
  out->run_ns = t.run_ns;
  out->builtin_cache_hits = rt->builtin_cache_hits;
  out->builtin_cache_rejected = rt->builtin_cache_rejected;
  rt_cache_times(rt, out);
  return MRT_OK;
}
