/* openssl.c: loads OpenSSL 3's libcrypto on first use (see openssl.h).
 *
 * Why not a plain dlopen, always: something else in the global scope may define OpenSSL's
 * names (a stub library, as copies of libnode made by earlier versions of tools/relink had;
 * see ext/dl/own_scope.h). libcrypto calls its own exported functions through its PLT
 * (EVP_Digest calls EVP_MD_CTX_new, ...): with dlopen(RTLD_LOCAL) alone those calls would bind
 * to such a definition (verified with the stub). RTLD_DEEPBIND makes libcrypto's own scope
 * (itself, then its dependencies: libc) come before the global one, so it binds to itself;
 * RTLD_LOCAL keeps its names out of the global scope. (dlmopen into a new namespace also
 * works in a plain build, but loads a second libc; it and DEEPBIND both fail under
 * AddressSanitizer, whose dlopen refuses RTLD_DEEPBIND: sanitizer builds use the stock
 * libnode, see CMakeLists.txt.) Today's copy loads no OpenSSL and defines none of its names:
 * a plain dlopen(RTLD_LOCAL).
 *
 * With the stock libnode (no stub), libcrypto.so.3 is already loaded as libnode's own
 * dependency: RTLD_NOLOAD finds it and it is used as it is.
 *
 * Which case applies is decided from what the global scope holds: a definition of
 * EVP_MD_CTX_new that is not libcrypto's own means something else defines its names. Afterwards the loader
 * checks that the functions it hands out are libcrypto's (dladdr). */
#define _GNU_SOURCE
#include "openssl.h"

#include "ext/dl/own_scope.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIBCRYPTO "libcrypto.so.3"

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static void *handle;
static int load_ok;
static char load_err[256];

static void load(void) {
  void *h = rt_dl_open_own_scope(LIBCRYPTO, rt_dl_stubbed("EVP_MD_CTX_new", LIBCRYPTO),
                                 "OpenSSL", "libssl3", load_err, sizeof load_err);
  if (!h) return;
  unsigned long (*version_num)(void) = (unsigned long (*)(void))dlsym(h, "OpenSSL_version_num");
  void *probe = dlsym(h, "EVP_MD_CTX_new");
  if (!version_num || !rt_dl_in_library((void *)version_num, LIBCRYPTO) ||
      !rt_dl_in_library(probe, LIBCRYPTO)) {
    snprintf(load_err, sizeof load_err, "OpenSSL (%s): its symbols do not resolve to it", LIBCRYPTO);
    dlclose(h);
    return;
  }
  unsigned long v = version_num();
  if (v < 0x30000000UL) {
    snprintf(load_err, sizeof load_err, "OpenSSL 3 needed, found version %#lx", v);
    dlclose(h);
    return;
  }
  handle = h; /* kept for the life of the process */
  __atomic_store_n(&load_ok, 1, __ATOMIC_RELEASE);
}

int rt_ossl_load(char *err, size_t n) {
  pthread_once(&load_once, load);
  if (load_ok) return 0;
  if (err && n) snprintf(err, n, "%s", load_err);
  return -1;
}

int rt_ossl_loaded(void) {
  /* load_ok is written once inside pthread_once; reading it here without the once only
   * answers "not yet" early, never a wrong "yes". */
  return __atomic_load_n(&load_ok, __ATOMIC_ACQUIRE);
}

void *rt_ossl_sym(const char *name) {
  void *p = handle ? dlsym(handle, name) : NULL;
  if (!p) {
    fprintf(stderr, "mrt: internal error: OpenSSL symbol %s is missing%s\n", name,
            handle ? "" : " (libcrypto not loaded)");
    abort();
  }
  return p;
}
