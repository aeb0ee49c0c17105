/* cjson_loader.c: loads Debian's cJSON on first use (see cjson_loader.h).
 *
 * Why a library and dlopen: package.json files are JSON with all of JSON's corners (escapes,
 * surrogate pairs, nesting), and cJSON is a small, well-kept parser Debian ships; opening it
 * at the first bare specifier keeps `mrt hi.js` from mapping it. libnode's relinked copy does
 * not stub cJSON, so a plain local dlopen binds it to itself. */
#define _GNU_SOURCE
#include "cjson_loader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIBCJSON "libcjson.so.1"

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static void *handle;
static int load_ok;
static char load_err[256];

static void load(void) {
  void *h = rt_dl_open_own_scope(LIBCJSON, 0, "cJSON", "libcjson1", load_err, sizeof load_err);
  if (!h) return;
  const char *(*version)(void) = (const char *(*)(void))dlsym(h, "cJSON_Version");
  if (!version || !dlsym(h, "cJSON_ParseWithLength")) {
    snprintf(load_err, sizeof load_err, "cJSON (%s) lacks cJSON_ParseWithLength (1.7.13+)",
             LIBCJSON);
    dlclose(h);
    return;
  }
  handle = h; /* kept for the life of the process */
  __atomic_store_n(&load_ok, 1, __ATOMIC_RELEASE);
}

int rt_cjson_load(char *err, size_t n) {
  pthread_once(&load_once, load);
  if (__atomic_load_n(&load_ok, __ATOMIC_ACQUIRE)) return 0;
  if (err && n) snprintf(err, n, "%s", load_err);
  return -1;
}

void *rt_cjson_sym(const char *name) {
  void *p = handle ? dlsym(handle, name) : NULL;
  if (!p) {
    fprintf(stderr, "mrt: internal error: cJSON symbol %s is missing%s\n", name,
            handle ? "" : " (libcjson not loaded)");
    abort();
  }
  return p;
}

const cJSON *rt_json_get(const cJSON *o, const char *key) {
  if (!o || (o->type & 0xff) != cJSON_Object) return NULL;
  const cJSON *found = NULL;
  for (const cJSON *c = o->child; c; c = c->next) {
    if (c->string && strcmp(c->string, key) == 0) found = c;
  }
  return found;
}

const char *rt_json_str(const cJSON *o) {
  return o && (o->type & 0xff) == cJSON_String ? o->valuestring : NULL;
}
