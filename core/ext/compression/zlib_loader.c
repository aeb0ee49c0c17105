/* zlib_loader.c: loads Debian's zlib on first use (see zlib_loader.h).
 *
 * The relinked libnode copy stubs libz out (ext/dl/own_scope.h says why that needs its own
 * scope): zlib calls its own exported functions through its PLT (deflateInit_ calls
 * deflateInit2_), so a definition of deflateEnd in the global scope that is not libz's own
 * means it is opened with RTLD_DEEPBIND. With the stock libnode (sanitizer builds) libz.so.1
 * is already loaded as libnode's dependency and used as it is. The functions handed out
 * are checked to be libz's (dladdr). */
#define _GNU_SOURCE
#include "zlib_loader.h"

#include "ext/dl/own_scope.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIBZ "libz.so.1"

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static void *handle;
static int load_ok;
static char load_err[256];

static void load(void) {
  void *h = rt_dl_open_own_scope(LIBZ, rt_dl_stubbed("deflateEnd", LIBZ), "zlib", "zlib1g",
                                 load_err, sizeof load_err);
  if (!h) return;
  const char *(*version)(void) = (const char *(*)(void))dlsym(h, "zlibVersion");
  void *probe = dlsym(h, "deflateInit2_");
  if (!version || !rt_dl_in_library((void *)version, LIBZ) || !rt_dl_in_library(probe, LIBZ)) {
    snprintf(load_err, sizeof load_err, "zlib (%s): its symbols do not resolve to it", LIBZ);
    dlclose(h);
    return;
  }
  /* zlib's ABI is stable within 1.x; deflateInit2_ checks the header's major version too. */
  const char *v = version();
  if (!v || v[0] != '1') {
    snprintf(load_err, sizeof load_err, "zlib 1.x needed, found %s", v ? v : "?");
    dlclose(h);
    return;
  }
  handle = h; /* kept for the life of the process */
  __atomic_store_n(&load_ok, 1, __ATOMIC_RELEASE);
}

int rt_zlib_load(char *err, size_t n) {
  pthread_once(&load_once, load);
  if (__atomic_load_n(&load_ok, __ATOMIC_ACQUIRE)) return 0;
  if (err && n) snprintf(err, n, "%s", load_err);
  return -1;
}

void *rt_zlib_sym(const char *name) {
  void *p = handle ? dlsym(handle, name) : NULL;
  if (!p) {
    fprintf(stderr, "mrt: internal error: zlib symbol %s is missing%s\n", name,
            handle ? "" : " (libz not loaded)");
    abort();
  }
  return p;
}
