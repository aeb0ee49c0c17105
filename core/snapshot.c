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

int rt_make_snapshot(char **blob, size_t *len) {
  mrt_runtime *rt = calloc(1, sizeof *rt);
  if (!rt) return MRT_ENOMEM;
  rt->values.next = rt->values.prev = &rt->values;
  rt->exit_code = -1;
  alloc_stats_init(&rt->array_buffers);
  if (shim_platform_init(NULL, NULL, 0) != 0) {
    free(rt);
    return MRT_EV8INIT;
  }
  shim_host host;
  rt_host_callbacks(rt, &host);
  shim_isolate_params params = {.array_buffers = &rt->array_buffers, .host = &host};
  rt->iso = shim_snapshot_begin(&params);
  if (!rt->iso) {
    free(rt);
    return MRT_ENOMEM;
  }
  int rc = rt_loop_init(rt);
  if (!rc) rc = rt_ops_init(rt);
  if (!rc) rc = rt_bootstrap(rt);
  if (!rc && shim_snapshot_add(rt->iso, rt->P) != RT_SNAPSHOT_P_INDEX) rc = MRT_EV8INIT;
  /* Only what the context holds is serialized; every handle of ours goes first. */
  rt_release_js(rt);
  rt_loop_state_free(rt);
  rt_ops_free(rt);
  rt_builtins_close(rt);
  if (!rc && shim_snapshot_finish(rt->iso, blob, len) != 0) rc = MRT_EV8INIT;
  else if (rc) shim_isolate_free(rt->iso);
  rt->iso = NULL;
  if (rt->loop) loop_free(rt->loop, rt_drop_message);
  rt_builtins_free(rt);
  rt_clear_error(rt);
  free(rt);
  return rc;
}
