/*
 * cjson_loader.h: Debian's cJSON (libcjson.so.1), loaded on first use: the parser of
 * package.json files (core/resolve.c) and import maps (core/import_map.c).
 *
 * mrt is compiled against libcjson-dev's header but not linked to it: a program that never
 * resolves a bare specifier nor reads an import map maps nothing of it. After a successful
 * rt_cjson_load(), CJSON(fn) is fn with cJSON's prototype, looked up once per call site;
 * the tree itself (cJSON's struct fields) is read directly. Any thread.
 */
#ifndef MRT_CJSON_LOADER_H
#define MRT_CJSON_LOADER_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "ext/dl/own_scope.h"

/* 0 once cJSON is loaded (the first call loads it, once per process); -1 otherwise, with
 * the reason in err[0..n). */
int rt_cjson_load(char *err, size_t n);
/* cJSON's function `name` after a successful rt_cjson_load (a missing name aborts). */
void *rt_cjson_sym(const char *name);

#define CJSON(fn) RT_DL_CACHED(rt_cjson_sym, fn)

/* The member `key` of object o (the last one when the key repeats, as JSON.parse keeps),
 * or NULL; o may be NULL or not an object. */
const cJSON *rt_json_get(const cJSON *o, const char *key);
/* o's string value, or NULL when o is not a string. */
const char *rt_json_str(const cJSON *o);

#endif /* MRT_CJSON_LOADER_H */
