/*
 * code_cache.h: the on-disk V8 code cache of user scripts and modules (mrt_options.cache_dir).
 * core/code_cache.c; the V8 side is shim/code_cache.cc. Not installed.
 *
 * An entry is the file DIR/<key>, key = 32 hex digits: the XXH64 of the source bytes, then
 * the XXH64 of (kind, resource name or URL, V8's and mrt's versions, CachedDataVersionTag,
 * source length).
 * The file is a 64-byte header (below, host byte order) and V8's cached data. Everything in
 * the header is checked before the data goes to V8, which checks it again.
 */
#ifndef MRT_CODE_CACHE_H
#define MRT_CODE_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "mrt.h"
#include "shim.h"

#define RT_CACHE_MAGIC 0x4354524du /* "MRTC" */
#define RT_CACHE_FORMAT 1u
#define RT_CACHE_SEED_PAYLOAD 0x6d72742d70617931ull /* hash seeds: payload, header, meta */
#define RT_CACHE_SEED_HEADER 0x6d72742d68647231ull
#define RT_CACHE_SEED_META 0x6d72742d6d657431ull

/* RT_CACHE_TRANSFORM: a source transform's output (core/source_transform.c), not V8 data;
 * RT_CACHE_FUNCTION: a CommonJS module's wrapper function (CompileFunction). */
enum { RT_CACHE_SCRIPT = 0, RT_CACHE_MODULE = 1, RT_CACHE_TRANSFORM = 2, RT_CACHE_FUNCTION = 3 };

typedef struct rt_cache_header {
  uint32_t magic;        /* RT_CACHE_MAGIC */
  uint32_t format;       /* RT_CACHE_FORMAT */
  uint32_t tag;          /* v8::ScriptCompiler::CachedDataVersionTag() that made it */
  uint32_t kind;         /* RT_CACHE_SCRIPT or RT_CACHE_MODULE */
  uint64_t source_len;   /* bytes of the source */
  uint64_t source_hash;  /* XXH64(source, 0) */
  uint64_t meta_hash;    /* the second half of the key */
  uint64_t payload_len;  /* bytes after the header */
  uint64_t payload_hash; /* XXH64(payload, RT_CACHE_SEED_PAYLOAD) */
  uint64_t header_hash;  /* XXH64 of the fields above, RT_CACHE_SEED_HEADER */
} rt_cache_header;

typedef struct rt_cache_key {
  uint64_t source_hash, meta_hash, source_len;
  uint32_t tag, kind;
} rt_cache_key;

/* XXH64 (public-domain algorithm by Yann Collet). */
uint64_t rt_cache_hash64(const void *data, size_t len, uint64_t seed);
/* The header of a new entry for key and payload. */
void rt_cache_header_make(rt_cache_header *h, const rt_cache_key *key, const void *payload,
                          size_t len);

/* The runtime's cache from opts.cache_dir (rt->cache stays NULL without one). No file
 * system access. */
int rt_cache_init(mrt_runtime *rt);
void rt_cache_free(mrt_runtime *rt);

/* mrt_execute_script's compile and run through the cache (shim_run_script's contract). */
int rt_cache_run_script(mrt_runtime *rt, const char *name, const char *src, size_t len,
                        shim_global **out, shim_exception *exc);
/* shim_module_compile through the cache: a module compiled without the cache's help is
 * remembered, and its entry written by rt_cache_modules_ran once it has been evaluated. */
int rt_cache_module_compile(mrt_runtime *rt, int id, const char *url, const char *src,
                            size_t len, struct shim_module_request **reqs, size_t *nreqs,
                            shim_exception *exc);
/* shim_compile_function through the cache (CommonJS modules; is_main: the program's main,
 * whose cache state mrt_startup_times reports as the script's); *write says whether
 * rt_cache_function_ran should write its entry (with *key), best once the function ran. */
int rt_cache_function_compile(mrt_runtime *rt, const char *name, const char *src, size_t len,
                              const char *const *params, int nparams, int is_main,
                              shim_global **out, rt_cache_key *key, int *write,
                              shim_exception *exc);
void rt_cache_function_ran(mrt_runtime *rt, const rt_cache_key *key, const shim_global *fn);
/* After module evaluations (mrt_mod_evaluate, import()): writes the entries of the modules
 * that have run. Cheap when there are none. */
void rt_cache_modules_ran(mrt_runtime *rt);
/* A source transform's output for (name, src), e.g. TypeScript with its types stripped:
 * name says which transform and file. get: 1 with *out (malloc'd, NUL-terminated) on a hit,
 * else 0. put: stores out (errors only counted, as for code). */
int rt_cache_transform_get(mrt_runtime *rt, const char *name, const char *src, size_t len,
                           char **out, size_t *out_len);
void rt_cache_transform_put(mrt_runtime *rt, const char *name, const char *src, size_t len,
                            const char *out, size_t out_len);
/* The cache fields of mrt_startup_times (and the look-up time into compile_ns). */
void rt_cache_times(mrt_runtime *rt, mrt_startup_times *out);

#endif /* MRT_CODE_CACHE_H */
