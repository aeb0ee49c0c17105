/* zlib_loader.c: loads Debian's zlib on first use (see zlib_loader.h).
 *
 * The same problem as libcrypto's, solved the same way (core/ext/crypto/openssl.c says why
 * in full): the build's private libnode copy replaces libz.so.1 with an aborting stub of the
 * same names, which sits in the process's global scope. zlib calls its own exported functions
 * through its PLT (deflateInit_ calls deflateInit2_, deflateInit2_ calls deflateReset), so
 * with a stub in the global scope libz is opened with RTLD_DEEPBIND: its own scope first.
 * With the stock libnode (sanitizer builds) libz.so.1 is already loaded as libnode's
 * dependency: RTLD_NOLOAD finds it and it is used as it is. A definition of deflateEnd in the
 * global scope that is not libz's own means a stub is there. The functions handed out are
 * checked to be libz's (dladdr). */
#define _GNU_SOURCE
#include "zlib_loader.h"

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

/* 1 when address p lies in the shared object whose file name starts with libz.so.1 (Debian
 * installs it as libz.so.1.2.13, found through the libz.so.1 link). */
static int in_libz(void *p) {
  Dl_info info;
  if (!p || !dladdr(p, &info) || !info.dli_fname) return 0;
  const char *base = strrchr(info.dli_fname, '/');
  base = base ? base + 1 : info.dli_fname;
  return strncmp(base, LIBZ, strlen(LIBZ)) == 0;
}

static void load(void) {
  void *h = dlopen(LIBZ, RTLD_NOW | RTLD_NOLOAD);
  if (!h) {
    int flags = RTLD_NOW | RTLD_LOCAL;
    void *global = dlsym(RTLD_DEFAULT, "deflateEnd");
    if (global && !in_libz(global)) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
      snprintf(load_err, sizeof load_err,
               "zlib cannot be loaded: a stub of it is in the global scope and the sanitizer "
               "refuses RTLD_DEEPBIND (build with the stock libnode)");
      return;
#else
      flags |= RTLD_DEEPBIND; /* see the top of the file */
#endif
    }
    h = dlopen(LIBZ, flags);
    if (!h) {
      const char *e = dlerror();
      snprintf(load_err, sizeof load_err, "zlib (%s) could not be loaded: %s (install zlib1g)",
               LIBZ, e ? e : "unknown error");
      return;
    }
  }
  const char *(*version)(void) = (const char *(*)(void))dlsym(h, "zlibVersion");
  void *probe = dlsym(h, "deflateInit2_");
  if (!version || !in_libz((void *)version) || !in_libz(probe)) {
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
