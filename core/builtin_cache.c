/* builtin_cache.c: finding a built-in file's code cache in the embedded blob (the layout is
 * builtin_cache.h's). Called at a file's first use only. */
#include <string.h>

#include "builtin_cache.h"
#include "shim.h"

/* Defined by builtin_cache_blob.c in libmrt, and empty (builtin_cache_none.c) in the
 * generators. */
extern const char rt_builtin_cache_data[];
extern const char rt_builtin_cache_data_end[];

const void *rt_builtin_cache_find(const char *name, size_t name_len, size_t *len) {
  *len = 0;
  const char *blob = rt_builtin_cache_data;
  size_t total = (size_t)(rt_builtin_cache_data_end - blob);
  rt_builtin_cache_header h;
  if (total < sizeof h) return NULL;
  memcpy(&h, blob, sizeof h);
  if (h.magic != RT_BUILTIN_CACHE_MAGIC ||
      strncmp(h.v8_version, shim_v8_version(), sizeof h.v8_version) != 0 ||
      h.count > (total - sizeof h) / sizeof(rt_builtin_cache_entry)) {
    return NULL;
  }
  for (uint32_t i = 0; i < h.count; i++) {
    rt_builtin_cache_entry e;
    memcpy(&e, blob + sizeof h + i * sizeof e, sizeof e);
    if (e.name_len != name_len || e.name_off > total || total - e.name_off < e.name_len ||
        memcmp(blob + e.name_off, name, name_len) != 0) {
      continue;
    }
    if (e.data_off > total || total - e.data_off < e.data_len || e.data_len == 0) return NULL;
    *len = e.data_len;
    return blob + e.data_off;
  }
  return NULL;
}
