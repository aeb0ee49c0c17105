/* profiler.c: CPU profiles, heap snapshots and forced collections for the people who
 * measure (mrt.h's "Profiling"). The work is the shim's (shim/profiler.cc); this checks the
 * thread and the state and writes files. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "runtime_internal.h"

int mrt_cpu_profile_start(mrt_runtime *rt, int interval_us) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (shim_cpu_profiling(rt->iso)) {
    return rt_set_error(rt, MRT_EEXIST, "Error", "a CPU profile is being recorded already");
  }
  if (shim_cpu_profile_start(rt->iso, interval_us) != 0) {
    return rt_set_error(rt, MRT_ESTATE, "Error", "V8 could not start the CPU profiler");
  }
  rt_ok(rt);
  return MRT_OK;
}

int mrt_cpu_profile_stop(mrt_runtime *rt, char **json, size_t *len) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt || !json || !len) return rt ? rt_set_error(rt, MRT_EINVAL, "TypeError", "NULL out") : MRT_EINVAL;
  if (!shim_cpu_profiling(rt->iso)) {
    return rt_set_error(rt, MRT_ENOTFOUND, "Error", "no CPU profile is being recorded");
  }
  if (shim_cpu_profile_stop(rt->iso, json, len) != 0) {
    return rt_set_error(rt, MRT_ENOMEM, "Error", "the CPU profile could not be made");
  }
  rt_ok(rt);
  return MRT_OK;
}

int mrt_cpu_profiling(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, 0);
  return rt ? shim_cpu_profiling(rt->iso) : 0;
}

static int write_chunk(void *data, const char *bytes, size_t len) {
  return fwrite(bytes, 1, len, (FILE *)data) == len ? 0 : -1;
}

int mrt_heap_snapshot(mrt_runtime *rt, const char *path) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  if (!path) return rt_set_error(rt, MRT_EINVAL, "TypeError", "mrt_heap_snapshot: NULL path");
  FILE *f = fopen(path, "we");
  if (!f) return rt_set_error(rt, MRT_EIO, "Error", "cannot write '%s': %s", path, strerror(errno));
  int failed = shim_heap_snapshot(rt->iso, write_chunk, f) != 0;
  int err = failed ? (errno ? errno : EIO) : 0;
  if (fclose(f) != 0 && !err) err = errno, failed = 1;
  if (failed) {
    return rt_set_error(rt, MRT_EIO, "Error", "cannot write the heap snapshot '%s': %s", path,
                        strerror(err));
  }
  rt_ok(rt);
  return MRT_OK;
}

int mrt_collect_garbage(mrt_runtime *rt) {
  RT_OWNER_ONLY(rt, MRT_ESTATE);
  if (!rt) return MRT_EINVAL;
  shim_collect_garbage(rt->iso);
  rt_ok(rt);
  return MRT_OK;
}
