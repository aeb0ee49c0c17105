/* snapshot.c: the runtime's V8 startup snapshot. At build time mrt_snapshot_gen bootstraps a
 * runtime inside a snapshot creator and writes the blob; libmrt embeds it (snapshot_blob.c)
 * behind a header naming the V8 version it was made with. A runtime starts from it when the
 * running V8 is that version, and otherwise runs the bootstrap JS itself. */
#include <stdlib.h>
#include <string.h>

#include "ext/ext.h"
#include "runtime_internal.h"

/* Defined by snapshot_blob.c in libmrt, and empty (snapshot_none.c) in the generator. */
extern const char rt_snapshot_data[];
extern const char rt_snapshot_data_end[];

int rt_snapshot_blob(const char **blob, size_t *len) {
  *blob = NULL;
  *len = 0;
  const char *env = getenv("MRT_NO_SNAPSHOT");
  if (env && *env && strcmp(env, "0") != 0) return 0;
  size_t total = (size_t)(rt_snapshot_data_end - rt_snapshot_data);
  if (total <= RT_SNAPSHOT_HEADER) return 0;
  /* A blob from another V8 build would be rejected by V8 with a fatal error: check first. */
  if (strncmp(rt_snapshot_data, shim_v8_version(), RT_SNAPSHOT_HEADER) != 0) return 0;
  *blob = rt_snapshot_data + RT_SNAPSHOT_HEADER;
  *len = total - RT_SNAPSHOT_HEADER;
  return 1;
}

/* The embedder's part of a snapshot runtime: per-process facts, its extensions (their
 * scripts run), the setup script, then the loop until it has no work left. */
static int embedder_setup(mrt_runtime *rt, const char *setup, size_t setup_len) {
  int bare = (rt->opts.flags & MRT_RUNTIME_BARE) != 0;
  int rc = bare ? MRT_OK : rt_start(rt);
  if (!rc) rc = rt_exts_init(rt, NULL);
  if (!rc && setup) {
    shim_exception exc = {0};
    rt_enter(rt);
    int r = shim_run_script(rt->iso, "<snapshot setup>", setup, setup_len, NULL, &exc);
    rc = rt_leave(rt, r != 0 ? &exc : NULL);
  }
  if (!rc) rc = mrt_run_event_loop(rt);
  return rc;
}

int rt_snapshot_make(const mrt_options *opts, const char *setup, size_t setup_len, char **blob,
                     size_t *len) {
  mrt_runtime *rt = calloc(1, sizeof *rt);
  if (!rt) return MRT_ENOMEM;
  if (opts) rt->opts = *opts;
  rt->making_snapshot = opts != NULL;
  rt_values_init(rt);
  rt->exit_code = -1;
  rt->owner = pthread_self();
  atomic_init(&rt->interrupt_fd, -1);
  char bad[128];
  int init = shim_platform_init(rt->opts.v8_flags, bad, sizeof bad);
  if (init != 0) {
    free(rt);
    if (init == 1) return rt_creation_error(MRT_EINVAL, "unknown V8 flag or bad value '%s'", bad);
    return MRT_EV8INIT;
  }
  /* Before the first isolate: the built-ins' fast paths are snapshot external references. */
  if (rt_builtins_register_fast() != 0) {
    free(rt);
    return rt_creation_error(MRT_EV8INIT, "the built-in ops' fast paths were refused");
  }
  shim_host host;
  rt_host_callbacks(rt, &host);
  shim_isolate_params params = {.host = &host};
  shim_fast_sig *sigs = opts ? rt_exts_fast_sigs(opts, &params.nfast_sigs) : NULL;
  params.fast_sigs = sigs;
  rt->iso = shim_snapshot_begin(&params);
  free(sigs);
  if (!rt->iso) {
    free(rt);
    return MRT_ENOMEM;
  }
  rt->array_buffers = shim_buffer_stats(rt->iso);
  int bare = (rt->opts.flags & MRT_RUNTIME_BARE) != 0;
  int rc = rt_loop_init(rt);
  if (!rc) rc = rt_ops_init(rt);
  if (!rc && !bare) rc = rt_bootstrap(rt);
  if (!rc && opts) rc = embedder_setup(rt, setup, setup_len);
  /* The values the runtime picks up at start: P (undefined on a bare runtime without
   * core.js), then the extensions' ops (embedder's snapshots only). */
  shim_global *none = shim_undefined(rt->iso);
  if (!rc && shim_snapshot_add(rt->iso, rt->P ? rt->P : none) != RT_SNAPSHOT_P_INDEX) {
    rc = MRT_EV8INIT;
  }
  if (!rc && opts) {
    shim_global *ops = rt_exts_ops(rt);
    if (shim_snapshot_add(rt->iso, ops ? ops : none) != RT_SNAPSHOT_EXT_OPS_INDEX) rc = MRT_EV8INIT;
  }
  shim_release(none);
  if (rc && opts) rt_creation_error_from(rt, rc);
  /* Only what the context holds is serialized; every handle of ours goes first. */
  rt_release_js(rt);
  rt_loop_state_free(rt);
  rt_exts_close(rt);
  rt_ops_free(rt);
  rt_builtins_close(rt);
  if (!rc && shim_snapshot_finish(rt->iso, blob, len) != 0) rc = MRT_EV8INIT;
  else if (rc) shim_isolate_free(rt->iso);
  rt->iso = NULL;
  if (rt->loop) loop_free(rt->loop, rt_drop_message);
  rt_builtins_free(rt);
  rt_exts_free(rt);
  rt_clear_error(rt);
  rt_interrupt_free(rt);
  free(rt->out);
  free(rt);
  return rc;
}

int rt_make_snapshot(char **blob, size_t *len) { return rt_snapshot_make(NULL, NULL, 0, blob, len); }
