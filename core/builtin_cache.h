/*
 * builtin_cache.h: V8 code caches of the lazy built-in files (MRT_JS_LAZY, the bundled
 * libraries), made at build time by mrt_builtin_cache_gen (builtin_cache_gen.c) and embedded
 * in libmrt (builtin_cache_blob.c), so that a file's first use (op compileBuiltin, host.c)
 * deserialises its bytecode instead of parsing and compiling its source. The blob is read
 * only then, never at start-up. Not installed.
 *
 * Layout (host byte order: made and read by the same build): a header, `count` entries, the
 * names, then each file's cached data, 8-byte aligned (V8 copies unaligned data first).
 * Offsets count from the start of the blob.
 */
#ifndef MRT_BUILTIN_CACHE_H
#define MRT_BUILTIN_CACHE_H

#include <stddef.h>
#include <stdint.h>

#define RT_BUILTIN_CACHE_MAGIC 0x4254524du /* "MRTB" */

typedef struct rt_builtin_cache_header {
  char v8_version[32]; /* shim_v8_version() of the generator, NUL-padded */
  uint32_t magic;      /* RT_BUILTIN_CACHE_MAGIC */
  uint32_t count;      /* entries */
} rt_builtin_cache_header;

typedef struct rt_builtin_cache_entry {
  uint32_t name_off, name_len; /* the file's name, as in rt_js_files (core/...) */
  uint32_t data_off, data_len; /* V8's cached data */
} rt_builtin_cache_entry;

/* The cached data of the built-in file `name` (*len bytes), or NULL: none for it, the blob
 * is empty (the generators' own build), was made for another V8, or is malformed. V8 checks
 * the data again (its version, flags, the source) and rejects what does not fit. */
const void *rt_builtin_cache_find(const char *name, size_t name_len, size_t *len);

#endif /* MRT_BUILTIN_CACHE_H */
