/* own_scope.c: dlopen() past other definitions of a library's names (see own_scope.h). */
#define _GNU_SOURCE
#include "ext/dl/own_scope.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int rt_dl_in_library(const void *p, const char *prefix) {
  Dl_info info;
  if (!p || !dladdr(p, &info) || !info.dli_fname) return 0;
  const char *base = strrchr(info.dli_fname, '/');
  base = base ? base + 1 : info.dli_fname;
  return strncmp(base, prefix, strlen(prefix)) == 0;
}

int rt_dl_stubbed(const char *symbol, const char *prefix) {
  void *p = dlsym(RTLD_DEFAULT, symbol);
  return p != NULL && !rt_dl_in_library(p, prefix);
}

void *rt_dl_open_own_scope(const char *soname, int stubbed, const char *what,
                           const char *package, char *err, size_t n) {
  void *loaded = dlopen(soname, RTLD_NOW | RTLD_NOLOAD);
  if (loaded) return loaded;
  int flags = RTLD_NOW | RTLD_LOCAL;
  if (stubbed) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    snprintf(err, n,
             "%s cannot be loaded: a stub of it is in the global scope and the sanitizer "
             "refuses RTLD_DEEPBIND (build with the stock libnode)", what);
    return NULL;
#else
    flags |= RTLD_DEEPBIND;
#endif
  }
  void *h = dlopen(soname, flags);
  if (!h) {
    const char *e = dlerror();
    snprintf(err, n, "%s (%s) could not be loaded: %s (install %s)", what, soname,
             e ? e : "unknown error", package);
  }
  return h;
}
